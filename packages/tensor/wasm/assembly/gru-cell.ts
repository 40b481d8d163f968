// The GRU cell's elementwise work for one step (src/gru-cell.ts is the reference), "reset after"
// form: gate blocks z (update), r (reset), n (candidate) side by side, rows of x, rec, gates, dz and
// dzRec 3·H wide, the others H wide. Every value is float64 until it is stored, in the reference's
// order, two hidden units per f64x2 (scalar for an odd last one): bit-identical to the TypeScript
// kernels. The candidate's recurrent part rec_n + b_hn is one float32 add, as the reference rounds it.
import { load1, load2, sigmoid1, sigmoid2, store1, store2, tanh1, tanh2 } from "./tanh-f64";

/** Units [j, H) of one row of gruForward in scalar float64. */
function forwardTail(
  j: i32,
  H: i32,
  x: usize,
  rec: usize,
  bhn: usize,
  hPrev: usize,
  gates: usize,
  hn: usize,
  h: usize,
): void {
  const hb = (<usize>H) << 2;
  for (; j < H; j++) {
    const o = (<usize>j) << 2;
    const u = sigmoid1(load1(x + o) + load1(rec + o));
    const rg = sigmoid1(load1(x + hb + o) + load1(rec + hb + o));
    const hc: f32 = load<f32>(rec + 2 * hb + o) + load<f32>(bhn + o);
    const cand = tanh1(load1(x + 2 * hb + o) + rg * <f64>hc);
    store1(gates + o, u);
    store1(gates + hb + o, rg);
    store1(gates + 2 * hb + o, cand);
    store<f32>(hn + o, hc);
    store1(h + o, cand + u * (load1(hPrev + o) - cand));
  }
}

/**
 * u = σ(x_z + rec_z), r = σ(x_r + rec_r), hn = rec_n + bhn (float32), cand = tanh(x_n + r·hn),
 * h = cand + u·(hPrev − cand), gates = (u, r, cand), for n rows of H units.
 */
export function gruForward(
  n: i32,
  H: i32,
  x: usize,
  rec: usize,
  bhn: usize,
  hPrev: usize,
  gates: usize,
  hn: usize,
  h: usize,
): void {
  const hb = (<usize>H) << 2;
  for (let r = 0; r < n; r++) {
    const xr = x + <usize>r * 3 * hb;
    const rr = rec + <usize>r * 3 * hb;
    const gr = gates + <usize>r * 3 * hb;
    const row = <usize>r * hb;
    let j = 0;
    for (; j + 2 <= H; j += 2) {
      const o = (<usize>j) << 2;
      const u = sigmoid2(f64x2.add(load2(xr + o), load2(rr + o)));
      const rg = sigmoid2(f64x2.add(load2(xr + hb + o), load2(rr + hb + o)));
      const hc32 = f32x4.add(v128.load64_zero(rr + 2 * hb + o), v128.load64_zero(bhn + o));
      const cand = tanh2(f64x2.add(load2(xr + 2 * hb + o), f64x2.mul(rg, f64x2.promote_low_f32x4(hc32))));
      store2(gr + o, u);
      store2(gr + hb + o, rg);
      store2(gr + 2 * hb + o, cand);
      v128.store64_lane(hn + row + o, hc32, 0);
      store2(h + row + o, f64x2.add(cand, f64x2.mul(u, f64x2.sub(load2(hPrev + row + o), cand))));
    }
    forwardTail(j, H, xr, rr, bhn, hPrev + row, gr, hn + row, h + row);
  }
}

/** Units [j, H) of one row of gruBackward in scalar float64. */
function backwardTail(
  j: i32,
  H: i32,
  gates: usize,
  hPrev: usize,
  hn: usize,
  dh: usize,
  dz: usize,
  dzRec: usize,
  dhPrev: usize,
): void {
  const hb = (<usize>H) << 2;
  for (; j < H; j++) {
    const o = (<usize>j) << 2;
    const u = load1(gates + o);
    const rg = load1(gates + hb + o);
    const cand = load1(gates + 2 * hb + o);
    const dhv = load1(dh + o);
    const dan = dhv * (1 - u) * (1 - cand * cand);
    const du = dhv * (load1(hPrev + o) - cand) * u * (1 - u);
    const dr = dan * load1(hn + o) * rg * (1 - rg);
    store1(dz + o, du);
    store1(dz + hb + o, dr);
    store1(dz + 2 * hb + o, dan);
    store1(dzRec + o, du);
    store1(dzRec + hb + o, dr);
    store1(dzRec + 2 * hb + o, dan * rg);
    store1(dhPrev + o, dhv * u);
  }
}

/**
 * From what gruForward stored and ∂h: ∂a_n = ∂h·(1 − u)·(1 − cand²); dz = (∂h·(hPrev − cand)·u(1 − u),
 * ∂a_n·hn·r(1 − r), ∂a_n); dzRec = dz but ∂a_n·r in the candidate block; dhPrev = ∂h·u.
 */
export function gruBackward(
  n: i32,
  H: i32,
  gates: usize,
  hPrev: usize,
  hn: usize,
  dh: usize,
  dz: usize,
  dzRec: usize,
  dhPrev: usize,
): void {
  const hb = (<usize>H) << 2;
  const one = f64x2.splat(1);
  for (let r = 0; r < n; r++) {
    const gr = gates + <usize>r * 3 * hb;
    const dr = dz + <usize>r * 3 * hb;
    const er = dzRec + <usize>r * 3 * hb;
    const row = <usize>r * hb;
    let j = 0;
    for (; j + 2 <= H; j += 2) {
      const o = (<usize>j) << 2;
      const u = load2(gr + o);
      const rg = load2(gr + hb + o);
      const cand = load2(gr + 2 * hb + o);
      const dhv = load2(dh + row + o);
      const dan = f64x2.mul(f64x2.mul(dhv, f64x2.sub(one, u)), f64x2.sub(one, f64x2.mul(cand, cand)));
      const diff = f64x2.sub(load2(hPrev + row + o), cand);
      const du = f64x2.mul(f64x2.mul(f64x2.mul(dhv, diff), u), f64x2.sub(one, u));
      const dres = f64x2.mul(f64x2.mul(f64x2.mul(dan, load2(hn + row + o)), rg), f64x2.sub(one, rg));
      store2(dr + o, du);
      store2(dr + hb + o, dres);
      store2(dr + 2 * hb + o, dan);
      store2(er + o, du);
      store2(er + hb + o, dres);
      store2(er + 2 * hb + o, f64x2.mul(dan, rg));
      store2(dhPrev + row + o, f64x2.mul(dhv, u));
    }
    backwardTail(j, H, gr, hPrev + row, hn + row, dh + row, dr, er, dhPrev + row);
  }
}
