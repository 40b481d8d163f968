// The LSTM cell's elementwise work for one step (src/lstm-cell.ts is the reference): gate blocks
// i, f, g, o side by side, rows of z, gates and dz 4·H wide, the others H wide. Every value is
// float64 until it is stored, in the reference's order, two hidden units per f64x2 (scalar for an odd
// last one), so the results are bit-identical to the TypeScript kernels.
import { load1, load2, sigmoid1, sigmoid2, store1, store2, tanh1, tanh2 } from "./tanh-f64";

/** Units [j, H) of one row in scalar float64 (the odd unit left over by the pairs). */
function forwardTail(
  j: i32,
  H: i32,
  z: usize,
  cPrev: usize,
  gates: usize,
  c: usize,
  tc: usize,
  h: usize,
): void {
  const hb = (<usize>H) << 2;
  for (; j < H; j++) {
    const o = (<usize>j) << 2;
    const ig = sigmoid1(load1(z + o));
    const fg = sigmoid1(load1(z + hb + o));
    const gg = tanh1(load1(z + 2 * hb + o));
    const og = sigmoid1(load1(z + 3 * hb + o));
    store1(gates + o, ig);
    store1(gates + hb + o, fg);
    store1(gates + 2 * hb + o, gg);
    store1(gates + 3 * hb + o, og);
    const cv = fg * load1(cPrev + o) + ig * gg;
    store1(c + o, cv);
    const t = tanh1(cv);
    store1(tc + o, t);
    store1(h + o, og * t);
  }
}

/**
 * gates = (σ(z_i), σ(z_f), tanh(z_g), σ(z_o)), c = f·cPrev + i·g, tc = tanh(c), h = o·tanh(c) for n
 * rows of H units (c feeds tanh unrounded, as in the reference).
 */
export function lstmForward(
  n: i32,
  H: i32,
  z: usize,
  cPrev: usize,
  gates: usize,
  c: usize,
  tc: usize,
  h: usize,
): void {
  const hb = (<usize>H) << 2;
  for (let r = 0; r < n; r++) {
    const zr = z + <usize>r * 4 * hb;
    const gr = gates + <usize>r * 4 * hb;
    const row = <usize>r * hb;
    let j = 0;
    for (; j + 2 <= H; j += 2) {
      const o = (<usize>j) << 2;
      const ig = sigmoid2(load2(zr + o));
      const fg = sigmoid2(load2(zr + hb + o));
      const gg = tanh2(load2(zr + 2 * hb + o));
      const og = sigmoid2(load2(zr + 3 * hb + o));
      store2(gr + o, ig);
      store2(gr + hb + o, fg);
      store2(gr + 2 * hb + o, gg);
      store2(gr + 3 * hb + o, og);
      const cv = f64x2.add(f64x2.mul(fg, load2(cPrev + row + o)), f64x2.mul(ig, gg));
      store2(c + row + o, cv);
      const t = tanh2(cv);
      store2(tc + row + o, t);
      store2(h + row + o, f64x2.mul(og, t));
    }
    forwardTail(j, H, zr, cPrev + row, gr, c + row, tc + row, h + row);
  }
}

/** Units [j, H) of one row of lstmBackward in scalar float64. */
function backwardTail(
  j: i32,
  H: i32,
  gates: usize,
  cPrev: usize,
  tc: usize,
  dh: usize,
  dc: usize,
  dz: usize,
): void {
  const hb = (<usize>H) << 2;
  for (; j < H; j++) {
    const o = (<usize>j) << 2;
    const ig = load1(gates + o);
    const fg = load1(gates + hb + o);
    const gg = load1(gates + 2 * hb + o);
    const og = load1(gates + 3 * hb + o);
    const t = load1(tc + o);
    const dhv = load1(dh + o);
    const dcv = load1(dc + o) + dhv * og * (1 - t * t);
    store1(dz + o, dcv * gg * ig * (1 - ig));
    store1(dz + hb + o, dcv * load1(cPrev + o) * fg * (1 - fg));
    store1(dz + 2 * hb + o, dcv * ig * (1 - gg * gg));
    store1(dz + 3 * hb + o, dhv * t * og * (1 - og));
    store1(dc + o, dcv * fg);
  }
}

/**
 * From what lstmForward stored and ∂h: ∂c = dc + ∂h·o·(1 − tc²); dz = (∂c·g·i(1 − i),
 * ∂c·cPrev·f(1 − f), ∂c·i·(1 − g²), ∂h·tc·o(1 − o)); dc becomes ∂c·f (∂L/∂c_{t−1}).
 */
export function lstmBackward(
  n: i32,
  H: i32,
  gates: usize,
  cPrev: usize,
  tc: usize,
  dh: usize,
  dc: usize,
  dz: usize,
): void {
  const hb = (<usize>H) << 2;
  const one = f64x2.splat(1);
  for (let r = 0; r < n; r++) {
    const gr = gates + <usize>r * 4 * hb;
    const dr = dz + <usize>r * 4 * hb;
    const row = <usize>r * hb;
    let j = 0;
    for (; j + 2 <= H; j += 2) {
      const o = (<usize>j) << 2;
      const ig = load2(gr + o);
      const fg = load2(gr + hb + o);
      const gg = load2(gr + 2 * hb + o);
      const og = load2(gr + 3 * hb + o);
      const t = load2(tc + row + o);
      const dhv = load2(dh + row + o);
      const slope = f64x2.sub(one, f64x2.mul(t, t));
      const dcv = f64x2.add(load2(dc + row + o), f64x2.mul(f64x2.mul(dhv, og), slope));
      const di = f64x2.mul(f64x2.mul(f64x2.mul(dcv, gg), ig), f64x2.sub(one, ig));
      store2(dr + o, di);
      const df = f64x2.mul(f64x2.mul(f64x2.mul(dcv, load2(cPrev + row + o)), fg), f64x2.sub(one, fg));
      store2(dr + hb + o, df);
      store2(dr + 2 * hb + o, f64x2.mul(f64x2.mul(dcv, ig), f64x2.sub(one, f64x2.mul(gg, gg))));
      const dout = f64x2.mul(f64x2.mul(f64x2.mul(dhv, t), og), f64x2.sub(one, og));
      store2(dr + 3 * hb + o, dout);
      store2(dc + row + o, f64x2.mul(dcv, fg));
    }
    backwardTail(j, H, gr, cPrev + row, tc + row, dh + row, dc + row, dr);
  }
}
