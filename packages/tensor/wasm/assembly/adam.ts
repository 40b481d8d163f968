// The Adam family's parameter update (src/adam-update.ts is the TypeScript reference): two parameters
// per f64x2 lane pair, each with the reference's float64 operations in its order, so the bits agree.

/**
 * Updates n float32 parameters at p from the gradients at g, with the float64 moments at m and v and
 * the AMSGrad maximum at vMax (0: none). Scalars as in AdamCoefficients (src/adam-update.ts). First,
 * computes Σ x[i]² over the sumN float32 values at sumX, in index order in one float64 accumulator
 * (the caller's gradient norm: so a helper thread computes it while the caller updates), 0 when sumN = 0.
 * With backup (not 0), each parameter is stored there before it changes, and the result is NaN when an
 * updated parameter is not finite (the caller then copies the backup back); else it is the sum.
 */
export function adamUpdate(
  n: i32,
  p: usize,
  g: usize,
  m: usize,
  v: usize,
  vMax: usize,
  b1: f64,
  b2: f64,
  eps: f64,
  stepSize: f64,
  invSqrtBc2: f64,
  l2: f64,
  shrink: f64,
  sumN: i32,
  sumX: usize,
  backup: usize,
): f64 {
  let sum: f64 = 0;
  for (let j = 0; j < sumN; j++) {
    const x = <f64>load<f32>(sumX + ((<usize>j) << 2));
    sum += x * x;
  }
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  const B1 = f64x2.splat(b1);
  const B2 = f64x2.splat(b2);
  const C1 = f64x2.splat(c1);
  const C2 = f64x2.splat(c2);
  const EPS = f64x2.splat(eps);
  const SS = f64x2.splat(stepSize);
  const IB = f64x2.splat(invSqrtBc2);
  const L2 = f64x2.splat(l2);
  const SH = f64x2.splat(shrink);
  // Lanes that held a non-finite updated parameter (x − x is NaN exactly then).
  let bad = i32x4.splat(0);
  let badTail = false;
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o4 = (<usize>i) << 2;
    const o8 = (<usize>i) << 3;
    const old = v128.load64_zero(p + o4);
    if (backup !== 0) v128.store64_lane(backup + o4, old, 0);
    const pv = f64x2.promote_low_f32x4(old);
    let gv = f64x2.promote_low_f32x4(v128.load64_zero(g + o4));
    if (l2 !== 0) gv = f64x2.add(gv, f64x2.mul(L2, pv));
    const mi = f64x2.add(f64x2.mul(B1, v128.load(m + o8)), f64x2.mul(C1, gv));
    let vi = f64x2.add(f64x2.mul(B2, v128.load(v + o8)), f64x2.mul(C2, f64x2.mul(gv, gv)));
    v128.store(m + o8, mi);
    v128.store(v + o8, vi);
    if (vMax !== 0) {
      // vMax > v ? vMax : v, as the reference's branch (NaN compares false and is stored).
      const vm = v128.load(vMax + o8);
      vi = v128.bitselect(vm, vi, f64x2.gt(vm, vi));
      v128.store(vMax + o8, vi);
    }
    const step = f64x2.div(f64x2.mul(SS, mi), f64x2.add(f64x2.mul(f64x2.sqrt(vi), IB), EPS));
    const base = shrink !== 1 ? f64x2.mul(pv, SH) : pv;
    const np = f32x4.demote_f64x2_zero(f64x2.sub(base, step));
    v128.store64_lane(p + o4, np, 0);
    if (backup !== 0) {
      const d = f32x4.sub(np, np);
      bad = v128.or(bad, f32x4.ne(d, d));
    }
  }
  for (; i < n; i++) {
    const o4 = (<usize>i) << 2;
    const o8 = (<usize>i) << 3;
    const pi = <f64>load<f32>(p + o4);
    if (backup !== 0) store<f32>(backup + o4, <f32>pi);
    let gi = <f64>load<f32>(g + o4);
    if (l2 !== 0) gi = gi + l2 * pi;
    const mi = b1 * load<f64>(m + o8) + c1 * gi;
    let vi = b2 * load<f64>(v + o8) + c2 * (gi * gi);
    store<f64>(m + o8, mi);
    store<f64>(v + o8, vi);
    if (vMax !== 0) {
      const vm = load<f64>(vMax + o8);
      if (vm > vi) vi = vm;
      else store<f64>(vMax + o8, vi);
    }
    const step = (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
    const np = <f32>((shrink !== 1 ? pi * shrink : pi) - step);
    store<f32>(p + o4, np);
    if (backup !== 0 && np - np !== <f32>0) badTail = true; // NaN exactly when np is not finite
  }
  return v128.any_true(bad) || badTail ? NaN : sum;
}
