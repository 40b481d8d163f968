// Elementwise kernels over contiguous float32 vectors.

/** out[i] = a[i] + b[i] (op 0), a[i] − b[i] (op 1) or a[i]·b[i] (op 2), four lanes at a time. */
export function binary(op: i32, n: i32, a: usize, b: usize, out: usize): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const x = v128.load(a + o);
    const y = v128.load(b + o);
    v128.store(out + o, op === 0 ? f32x4.add(x, y) : op === 1 ? f32x4.sub(x, y) : f32x4.mul(x, y));
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const x = load<f32>(a + o);
    const y = load<f32>(b + o);
    store<f32>(out + o, op === 0 ? x + y : op === 1 ? x - y : x * y);
  }
}

/**
 * y[i] = y[i] + alpha·x[i] (axpy) or, with x = 0 (null), y[i] = alpha·y[i] (scale); in float64 and
 * rounded once, so the result equals the TypeScript kernel's bit for bit.
 */
export function axpyScale(n: i32, alpha: f64, x: usize, y: usize): void {
  const al = f64x2.splat(alpha);
  let i = 0;
  for (; i + 2 <= n; i += 2) {
    const o = (<usize>i) << 2;
    const yv = f64x2.promote_low_f32x4(v128.load64_zero(y + o));
    const r =
      x === 0
        ? f64x2.mul(yv, al)
        : f64x2.add(yv, f64x2.mul(al, f64x2.promote_low_f32x4(v128.load64_zero(x + o))));
    v128.store64_lane(y + o, f32x4.demote_f64x2_zero(r), 0);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const yv = <f64>load<f32>(y + o);
    store<f32>(y + o, <f32>(x === 0 ? yv * alpha : yv + alpha * <f64>load<f32>(x + o)));
  }
}
