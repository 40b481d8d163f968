// Whether a float32 vector holds only finite values: order-free, so any lane width gives the answer.

/** 1 when every one of the n float32 values at x is finite, else 0 (x − x is 0 exactly for those). */
export function allFinite(n: i32, x: usize): i32 {
  let acc = f32x4.splat(0);
  let i = 0;
  for (; i + 16 <= n; i += 16) {
    const o = x + ((<usize>i) << 2);
    const a = v128.load(o);
    const b = v128.load(o, 16);
    const c = v128.load(o, 32);
    const d = v128.load(o, 48);
    acc = f32x4.add(
      acc,
      f32x4.add(f32x4.add(f32x4.sub(a, a), f32x4.sub(b, b)), f32x4.add(f32x4.sub(c, c), f32x4.sub(d, d))),
    );
  }
  for (; i < n; i++) {
    const e = load<f32>(x + ((<usize>i) << 2));
    if (e - e !== 0) return 0;
  }
  // Any NaN lane (from Infinity − Infinity or a NaN) makes the lane compare unequal to itself.
  return i32(v128.all_true<i32>(f32x4.eq(acc, acc)));
}
