import { sigmoidApprox, tanhApprox } from "./activation.ts";
import { checkDim, checkVector } from "./checks.ts";

/**
 * The GRU cell's elementwise work for one time step, fused: the TypeScript reference of the
 * `gruForward` / `gruBackward` kernels, for the "reset after" GRU of cuDNN, PyTorch and Keras. Gate
 * blocks are z (update), r (reset), n (candidate) side by side, rows 3·hidden wide; `x` is the input
 * part of the pre-activations (x·W + b), `rec` the recurrent product h_{t−1}·U without bias.
 *
 * Arithmetic is float64 with the rational tanh and σ of `activation.ts`, rounded to float32 only where
 * values are stored, in exactly the order of the loops nn's GRU ran before these kernels existed
 * (the candidate's recurrent part h·U_n + b_hn is rounded to float32 first, as the bias kernel did),
 * so models trained before and after agree bit for bit. The WebAssembly kernels perform the same
 * operations in f64x2 lanes and are bit-identical to these.
 */

/** Checks the sizes of a gruForward call (shared by every backend, so bad calls fail alike). */
export function checkGruForward(
  n: number,
  hidden: number,
  x: Float32Array,
  xOff: number,
  rec: Float32Array,
  recOff: number,
  bhn: Float32Array,
  bhnOff: number,
  hPrev: Float32Array,
  hPrevOff: number,
  gates: Float32Array,
  gatesOff: number,
  hn: Float32Array,
  hnOff: number,
  h: Float32Array,
  hOff: number,
): void {
  const fn = "gruForward";
  checkDim(fn, "n", n);
  checkDim(fn, "hidden", hidden);
  const nh = n * hidden;
  checkVector(fn, "x", x, xOff, 3 * nh);
  checkVector(fn, "rec", rec, recOff, 3 * nh);
  checkVector(fn, "bhn", bhn, bhnOff, hidden);
  checkVector(fn, "hPrev", hPrev, hPrevOff, nh);
  checkVector(fn, "gates", gates, gatesOff, 3 * nh);
  checkVector(fn, "hn", hn, hnOff, nh);
  checkVector(fn, "h", h, hOff, nh);
}

/**
 * One GRU step of n rows: u = σ(x_z + rec_z), r = σ(x_r + rec_r), hn = fround(rec_n + bhn),
 * cand = tanh(x_n + r ⊙ hn), h = cand + u ⊙ (hPrev − cand); gates = (u, r, cand). Outputs must not
 * overlap the inputs.
 */
export function gruForward(
  n: number,
  hidden: number,
  x: Float32Array,
  xOff: number,
  rec: Float32Array,
  recOff: number,
  bhn: Float32Array,
  bhnOff: number,
  hPrev: Float32Array,
  hPrevOff: number,
  gates: Float32Array,
  gatesOff: number,
  hn: Float32Array,
  hnOff: number,
  h: Float32Array,
  hOff: number,
): void {
  checkGruForward(
    n,
    hidden,
    x,
    xOff,
    rec,
    recOff,
    bhn,
    bhnOff,
    hPrev,
    hPrevOff,
    gates,
    gatesOff,
    hn,
    hnOff,
    h,
    hOff,
  );
  const H = hidden;
  const G = 3 * H;
  for (let r = 0; r < n; r++) {
    const xr = xOff + r * G;
    const rr = recOff + r * G;
    const gr = gatesOff + r * G;
    const hr = r * H;
    for (let j = 0; j < H; j++) {
      const u = sigmoidApprox(x[xr + j] + rec[rr + j]);
      const rg = sigmoidApprox(x[xr + H + j] + rec[rr + H + j]);
      const hc = Math.fround(rec[rr + 2 * H + j] + bhn[bhnOff + j]);
      const cand = tanhApprox(x[xr + 2 * H + j] + rg * hc);
      gates[gr + j] = u;
      gates[gr + H + j] = rg;
      gates[gr + 2 * H + j] = cand;
      hn[hnOff + hr + j] = hc;
      const hp = hPrev[hPrevOff + hr + j];
      h[hOff + hr + j] = cand + u * (hp - cand);
    }
  }
}

/** Checks the sizes of a gruBackward call. */
export function checkGruBackward(
  n: number,
  hidden: number,
  gates: Float32Array,
  gatesOff: number,
  hPrev: Float32Array,
  hPrevOff: number,
  hn: Float32Array,
  hnOff: number,
  dh: Float32Array,
  dhOff: number,
  dz: Float32Array,
  dzOff: number,
  dzRec: Float32Array,
  dzRecOff: number,
  dhPrev: Float32Array,
  dhPrevOff: number,
): void {
  const fn = "gruBackward";
  checkDim(fn, "n", n);
  checkDim(fn, "hidden", hidden);
  const nh = n * hidden;
  checkVector(fn, "gates", gates, gatesOff, 3 * nh);
  checkVector(fn, "hPrev", hPrev, hPrevOff, nh);
  checkVector(fn, "hn", hn, hnOff, nh);
  checkVector(fn, "dh", dh, dhOff, nh);
  checkVector(fn, "dz", dz, dzOff, 3 * nh);
  checkVector(fn, "dzRec", dzRec, dzRecOff, 3 * nh);
  checkVector(fn, "dhPrev", dhPrev, dhPrevOff, nh);
}

/**
 * One GRU step back, from what gruForward stored: with ∂a_n = ∂h ⊙ (1 − u) ⊙ (1 − cand²), writes the
 * pre-activation gradients of the input part dz = (∂h ⊙ (hPrev − cand) ⊙ u(1 − u),
 * ∂a_n ⊙ hn ⊙ r(1 − r), ∂a_n), those of the recurrent product dzRec (the same, but ∂a_n ⊙ r in the
 * candidate block), and the direct part of ∂L/∂h_{t−1}, dhPrev = ∂h ⊙ u (the caller adds dzRec·Uᵀ).
 * Outputs must not overlap the inputs.
 */
export function gruBackward(
  n: number,
  hidden: number,
  gates: Float32Array,
  gatesOff: number,
  hPrev: Float32Array,
  hPrevOff: number,
  hn: Float32Array,
  hnOff: number,
  dh: Float32Array,
  dhOff: number,
  dz: Float32Array,
  dzOff: number,
  dzRec: Float32Array,
  dzRecOff: number,
  dhPrev: Float32Array,
  dhPrevOff: number,
): void {
  checkGruBackward(
    n,
    hidden,
    gates,
    gatesOff,
    hPrev,
    hPrevOff,
    hn,
    hnOff,
    dh,
    dhOff,
    dz,
    dzOff,
    dzRec,
    dzRecOff,
    dhPrev,
    dhPrevOff,
  );
  const H = hidden;
  const G = 3 * H;
  for (let r = 0; r < n; r++) {
    const gr = gatesOff + r * G;
    const dr = dzOff + r * G;
    const er = dzRecOff + r * G;
    const hr = r * H;
    for (let j = 0; j < H; j++) {
      const u = gates[gr + j];
      const rg = gates[gr + H + j];
      const cand = gates[gr + 2 * H + j];
      const dhv = dh[dhOff + hr + j];
      const dan = dhv * (1 - u) * (1 - cand * cand);
      const du = dhv * (hPrev[hPrevOff + hr + j] - cand) * u * (1 - u);
      const dr2 = dan * hn[hnOff + hr + j] * rg * (1 - rg);
      dz[dr + j] = du;
      dz[dr + H + j] = dr2;
      dz[dr + 2 * H + j] = dan;
      dzRec[er + j] = du;
      dzRec[er + H + j] = dr2;
      dzRec[er + 2 * H + j] = dan * rg;
      dhPrev[dhPrevOff + hr + j] = dhv * u;
    }
  }
}
