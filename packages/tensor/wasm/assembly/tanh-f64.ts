// The rational tanh of src/activation.ts (`tanhApprox`, `sigmoidApprox`) in float64, two lanes at a
// time and as a scalar twin, with the same coefficients and the same operations in the same order:
// float64 arithmetic is exact IEEE in WebAssembly as in JavaScript, so these return bit for bit what
// the TypeScript functions return. The recurrent cells (lstm-cell.ts, gru-cell.ts) use them so that
// their results do not depend on the backend. (activation.ts has the float32 version.)
const CLAMP: f64 = 7.905311107635498;
const A1: f64 = 4.89352455891786e-3;
const A3: f64 = 6.37261928875436e-4;
const A5: f64 = 1.48572235717979e-5;
const A7: f64 = 5.12229709037114e-8;
const A9: f64 = -8.60467152213735e-11;
const A11: f64 = 2.00018790482477e-13;
const A13: f64 = -2.76076847742355e-16;
const B0: f64 = 4.89352518554385e-3;
const B2: f64 = 2.268434632439e-3;
const B4: f64 = 1.18534705686654e-4;
const B6: f64 = 1.19825839466702e-6;

/**
 * tanh of two float64 lanes. The clamp is Math.min(Math.max(x, −C), C): pmax/pmin (a < b ? b : a,
 * b < a ? b : a) agree with it for every x against a finite nonzero bound, NaN and ±0 included.
 */
export function tanh2(x: v128): v128 {
  const c = f64x2.pmin(f64x2.pmax(x, f64x2.splat(-CLAMP)), f64x2.splat(CLAMP));
  const x2 = f64x2.mul(c, c);
  let p = f64x2.add(f64x2.splat(A11), f64x2.mul(x2, f64x2.splat(A13)));
  p = f64x2.add(f64x2.splat(A9), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(A7), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(A5), f64x2.mul(x2, p));
  p = f64x2.add(f64x2.splat(A3), f64x2.mul(x2, p));
  p = f64x2.mul(c, f64x2.add(f64x2.splat(A1), f64x2.mul(x2, p)));
  let q = f64x2.add(f64x2.splat(B4), f64x2.mul(x2, f64x2.splat(B6)));
  q = f64x2.add(f64x2.splat(B2), f64x2.mul(x2, q));
  q = f64x2.add(f64x2.splat(B0), f64x2.mul(x2, q));
  return f64x2.div(p, q);
}

/** σ(x) = ½ + ½·tanh(x/2) of two float64 lanes. */
export function sigmoid2(x: v128): v128 {
  const half = f64x2.splat(0.5);
  return f64x2.add(half, f64x2.mul(half, tanh2(f64x2.mul(half, x))));
}

/** The scalar twin of tanh2 (min/max are Math.min/Math.max: NaN-propagating, −0 below +0). */
export function tanh1(x: f64): f64 {
  const c = min<f64>(max<f64>(x, -CLAMP), CLAMP);
  const x2 = c * c;
  const p = c * (A1 + x2 * (A3 + x2 * (A5 + x2 * (A7 + x2 * (A9 + x2 * (A11 + x2 * A13))))));
  const q = B0 + x2 * (B2 + x2 * (B4 + x2 * B6));
  return p / q;
}

/** The scalar twin of sigmoid2. */
export function sigmoid1(x: f64): f64 {
  return 0.5 + 0.5 * tanh1(0.5 * x);
}

/** Two float32 values at p, widened to float64 lanes. */
export function load2(p: usize): v128 {
  return f64x2.promote_low_f32x4(v128.load64_zero(p));
}

/** Two float64 lanes rounded to float32 (to nearest, as a Float32Array store) and stored at p. */
export function store2(p: usize, v: v128): void {
  v128.store64_lane(p, f32x4.demote_f64x2_zero(v), 0);
}

/** One float32 at p, widened. */
export function load1(p: usize): f64 {
  return <f64>load<f32>(p);
}

/** One float64 rounded to float32 and stored at p. */
export function store1(p: usize, v: f64): void {
  store<f32>(p, <f32>v);
}
