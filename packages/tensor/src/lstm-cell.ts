import { sigmoidApprox, tanhApprox } from "./activation.ts";
import { checkDim, checkVector } from "./checks.ts";

/**
 * The LSTM cell's elementwise work for one time step, fused: the TypeScript reference of the
 * `lstmForward` / `lstmBackward` kernels. Gate blocks are i, f, g, o side by side (PyTorch and cuDNN
 * order), each row of z and of the gates 4·hidden wide, each row of c, tanh(c), h, ∂h hidden wide.
 *
 * Arithmetic is float64 with the rational tanh and σ(x) = ½ + ½·tanh(x/2) of `activation.ts`, and
 * values are rounded to float32 only where they are stored (c_t feeds tanh(c_t) unrounded, and the
 * gates feed c_t unrounded), in exactly the order of the loops nn's LSTM ran before these kernels
 * existed, so models trained before and after agree bit for bit. The WebAssembly kernels perform
 * the same float64 operations in f64x2 lanes and are bit-identical to these.
 */

/** Checks the sizes of an lstmForward call (shared by every backend, so bad calls fail alike). */
export function checkLstmForward(
  n: number,
  hidden: number,
  z: Float32Array,
  zOff: number,
  cPrev: Float32Array,
  cPrevOff: number,
  gates: Float32Array,
  gatesOff: number,
  c: Float32Array,
  cOff: number,
  tanhC: Float32Array,
  tanhCOff: number,
  h: Float32Array,
  hOff: number,
): void {
  const fn = "lstmForward";
  checkDim(fn, "n", n);
  checkDim(fn, "hidden", hidden);
  const nh = n * hidden;
  checkVector(fn, "z", z, zOff, 4 * nh);
  checkVector(fn, "cPrev", cPrev, cPrevOff, nh);
  checkVector(fn, "gates", gates, gatesOff, 4 * nh);
  checkVector(fn, "c", c, cOff, nh);
  checkVector(fn, "tanhC", tanhC, tanhCOff, nh);
  checkVector(fn, "h", h, hOff, nh);
}

/**
 * One LSTM step of n rows: gates = (σ(z_i), σ(z_f), tanh(z_g), σ(z_o)), c = f ⊙ cPrev + i ⊙ g,
 * tanhC = tanh(c), h = o ⊙ tanh(c). Outputs must not overlap the inputs.
 */
export function lstmForward(
  n: number,
  hidden: number,
  z: Float32Array,
  zOff: number,
  cPrev: Float32Array,
  cPrevOff: number,
  gates: Float32Array,
  gatesOff: number,
  c: Float32Array,
  cOff: number,
  tanhC: Float32Array,
  tanhCOff: number,
  h: Float32Array,
  hOff: number,
): void {
  checkLstmForward(n, hidden, z, zOff, cPrev, cPrevOff, gates, gatesOff, c, cOff, tanhC, tanhCOff, h, hOff);
  const H = hidden;
  const G = 4 * H;
  for (let r = 0; r < n; r++) {
    const zr = zOff + r * G;
    const gr = gatesOff + r * G;
    const hr = r * H;
    for (let j = 0; j < H; j++) {
      const ig = sigmoidApprox(z[zr + j]);
      const fg = sigmoidApprox(z[zr + H + j]);
      const gg = tanhApprox(z[zr + 2 * H + j]);
      const og = sigmoidApprox(z[zr + 3 * H + j]);
      gates[gr + j] = ig;
      gates[gr + H + j] = fg;
      gates[gr + 2 * H + j] = gg;
      gates[gr + 3 * H + j] = og;
      const cv = fg * cPrev[cPrevOff + hr + j] + ig * gg;
      c[cOff + hr + j] = cv;
      const tc = tanhApprox(cv);
      tanhC[tanhCOff + hr + j] = tc;
      h[hOff + hr + j] = og * tc;
    }
  }
}

/** Checks the sizes of an lstmBackward call. */
export function checkLstmBackward(
  n: number,
  hidden: number,
  gates: Float32Array,
  gatesOff: number,
  cPrev: Float32Array,
  cPrevOff: number,
  tanhC: Float32Array,
  tanhCOff: number,
  dh: Float32Array,
  dhOff: number,
  dc: Float32Array,
  dcOff: number,
  dz: Float32Array,
  dzOff: number,
): void {
  const fn = "lstmBackward";
  checkDim(fn, "n", n);
  checkDim(fn, "hidden", hidden);
  const nh = n * hidden;
  checkVector(fn, "gates", gates, gatesOff, 4 * nh);
  checkVector(fn, "cPrev", cPrev, cPrevOff, nh);
  checkVector(fn, "tanhC", tanhC, tanhCOff, nh);
  checkVector(fn, "dh", dh, dhOff, nh);
  checkVector(fn, "dc", dc, dcOff, nh);
  checkVector(fn, "dz", dz, dzOff, 4 * nh);
}

/**
 * One LSTM step back, from what lstmForward stored: with ∂c = dc + ∂h ⊙ o ⊙ (1 − tanh²c), writes the
 * pre-activation gradients dz = (∂c ⊙ g ⊙ i(1 − i), ∂c ⊙ cPrev ⊙ f(1 − f), ∂c ⊙ i ⊙ (1 − g²),
 * ∂h ⊙ tanh(c) ⊙ o(1 − o)) and replaces dc (∂L/∂c_t on entry) by ∂L/∂c_{t−1} = ∂c ⊙ f. dz must not
 * overlap the inputs.
 */
export function lstmBackward(
  n: number,
  hidden: number,
  gates: Float32Array,
  gatesOff: number,
  cPrev: Float32Array,
  cPrevOff: number,
  tanhC: Float32Array,
  tanhCOff: number,
  dh: Float32Array,
  dhOff: number,
  dc: Float32Array,
  dcOff: number,
  dz: Float32Array,
  dzOff: number,
): void {
  checkLstmBackward(
    n,
    hidden,
    gates,
    gatesOff,
    cPrev,
    cPrevOff,
    tanhC,
    tanhCOff,
    dh,
    dhOff,
    dc,
    dcOff,
    dz,
    dzOff,
  );
  const H = hidden;
  const G = 4 * H;
  for (let r = 0; r < n; r++) {
    const gr = gatesOff + r * G;
    const dr = dzOff + r * G;
    const hr = r * H;
    for (let j = 0; j < H; j++) {
      const ig = gates[gr + j];
      const fg = gates[gr + H + j];
      const gg = gates[gr + 2 * H + j];
      const og = gates[gr + 3 * H + j];
      const tc = tanhC[tanhCOff + hr + j];
      const dhv = dh[dhOff + hr + j];
      const dcv = dc[dcOff + hr + j] + dhv * og * (1 - tc * tc);
      dz[dr + j] = dcv * gg * ig * (1 - ig);
      dz[dr + H + j] = dcv * cPrev[cPrevOff + hr + j] * fg * (1 - fg);
      dz[dr + 2 * H + j] = dcv * ig * (1 - gg * gg);
      dz[dr + 3 * H + j] = dhv * tc * og * (1 - og);
      dc[dcOff + hr + j] = dcv * fg;
    }
  }
}
