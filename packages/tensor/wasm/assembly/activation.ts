// Activations. The rational tanh of Eigen/XLA/MLAS (x·P(x²)/Q(x²), input clamped to ±7.9053), the
// same coefficients as src/activation.ts, evaluated in float32 four lanes at a time as Eigen does;
// sigmoid is ½ + ½·tanh(x/2). Kind codes follow ACTIVATION_KINDS: 0 tanh, 1 sigmoid, 2 relu, 3 linear.
const T_CLAMP: f32 = 7.905311107635498;
const T_A1: f32 = 4.89352455891786e-3;
const T_A3: f32 = 6.37261928875436e-4;
const T_A5: f32 = 1.48572235717979e-5;
const T_A7: f32 = 5.12229709037114e-8;
const T_A9: f32 = -8.60467152213735e-11;
const T_A11: f32 = 2.00018790482477e-13;
const T_A13: f32 = -2.76076847742355e-16;
const T_B0: f32 = 4.89352518554385e-3;
const T_B2: f32 = 2.268434632439e-3;
const T_B4: f32 = 1.18534705686654e-4;
const T_B6: f32 = 1.19825839466702e-6;
/**
 * The approximant's value at the clamp, evaluated exactly and rounded to float32 (1 − 2^-22). Float32
 * evaluation overshoots to 1 near the clamp; capping |tanh| here keeps saturated units' gradient
 * 1 − y² nonzero and their outputs equal to the TypeScript kernel's, so saturated (or diverging)
 * networks behave the same on both backends.
 */
const T_MAX: f32 = 0.9999997615814209;

/**
 * tanh4's constants, four lanes each, in static data: a v128.const is rebuilt (several instructions)
 * at every use inside a loop, a load is one, which makes tanh about twice as fast. The values are the
 * float32 constants above, so the results do not change.
 */
const TANH_CONSTANTS = memory.data<f32>(
  [
    -T_CLAMP,
    -T_CLAMP,
    -T_CLAMP,
    -T_CLAMP,
    T_CLAMP,
    T_CLAMP,
    T_CLAMP,
    T_CLAMP,
    T_A1,
    T_A1,
    T_A1,
    T_A1,
    T_A3,
    T_A3,
    T_A3,
    T_A3,
    T_A5,
    T_A5,
    T_A5,
    T_A5,
    T_A7,
    T_A7,
    T_A7,
    T_A7,
    T_A9,
    T_A9,
    T_A9,
    T_A9,
    T_A11,
    T_A11,
    T_A11,
    T_A11,
    T_A13,
    T_A13,
    T_A13,
    T_A13,
    T_B0,
    T_B0,
    T_B0,
    T_B0,
    T_B2,
    T_B2,
    T_B2,
    T_B2,
    T_B4,
    T_B4,
    T_B4,
    T_B4,
    T_B6,
    T_B6,
    T_B6,
    T_B6,
    -T_MAX,
    -T_MAX,
    -T_MAX,
    -T_MAX,
    T_MAX,
    T_MAX,
    T_MAX,
    T_MAX,
  ],
  16,
);

/** Constant number `i` of TANH_CONSTANTS (the order of the list above) in four lanes. */
function tc(i: usize): v128 {
  return v128.load(TANH_CONSTANTS + (i << 4));
}

/**
 * tanh of four lanes. The clamps are pmax/pmin (a < b ? b : a, b < a ? b : a: one instruction each,
 * where min/max cost several for their NaN and −0 rules); with the value first and a finite nonzero
 * bound second they return what min/max return, NaN and ±0 included.
 */
function tanh4(x: v128): v128 {
  const c = f32x4.pmin(f32x4.pmax(x, tc(0)), tc(1));
  const x2 = f32x4.mul(c, c);
  let p = f32x4.add(tc(7), f32x4.mul(x2, tc(8)));
  p = f32x4.add(tc(6), f32x4.mul(x2, p));
  p = f32x4.add(tc(5), f32x4.mul(x2, p));
  p = f32x4.add(tc(4), f32x4.mul(x2, p));
  p = f32x4.add(tc(3), f32x4.mul(x2, p));
  p = f32x4.mul(c, f32x4.add(tc(2), f32x4.mul(x2, p)));
  let q = f32x4.add(tc(11), f32x4.mul(x2, tc(12)));
  q = f32x4.add(tc(10), f32x4.mul(x2, q));
  q = f32x4.add(tc(9), f32x4.mul(x2, q));
  return f32x4.pmin(f32x4.pmax(f32x4.div(p, q), tc(13)), tc(14));
}

/** The scalar twin of tanh4, operation for operation, so tail elements round as the lanes do. */
function tanh1(x: f32): f32 {
  const c = min<f32>(max<f32>(x, -T_CLAMP), T_CLAMP);
  const x2 = c * c;
  const p = c * (T_A1 + x2 * (T_A3 + x2 * (T_A5 + x2 * (T_A7 + x2 * (T_A9 + x2 * (T_A11 + x2 * T_A13))))));
  const q = T_B0 + x2 * (T_B2 + x2 * (T_B4 + x2 * T_B6));
  return min<f32>(max<f32>(p / q, -T_MAX), T_MAX);
}

/** out[i] = f(x[i]) for kind 0–3 (see above); out may alias x. */
export function activation(kind: i32, n: i32, x: usize, out: usize): void {
  if (kind === 3) {
    if (out !== x) memory.copy(out, x, (<usize>n) << 2);
    return;
  }
  const half = f32x4.splat(0.5);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const v = v128.load(x + o);
    let r: v128;
    if (kind === 0) r = tanh4(v);
    else if (kind === 1) r = f32x4.add(half, f32x4.mul(half, tanh4(f32x4.mul(half, v))));
    else r = f32x4.max(v, zero);
    v128.store(out + o, r);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const v = load<f32>(x + o);
    let r: f32;
    if (kind === 0) r = tanh1(v);
    else if (kind === 1) r = <f32>0.5 + <f32>0.5 * tanh1(<f32>0.5 * v);
    else r = max<f32>(v, 0);
    store<f32>(out + o, r);
  }
}

/**
 * dx[i] = dy[i]·f′ from the output y: tanh (1 − y)(1 + y), sigmoid y(1 − y), relu [y > 0], linear 1.
 * tanh's 1 − y² is factored so that it keeps its relative accuracy in float32 as |y| → 1 (1 − y is
 * exact there by Sterbenz's lemma; 1 − y·y would lose it to the rounding of y·y). dx may alias dy or y.
 */
export function activationGrad(kind: i32, n: i32, y: usize, dy: usize, dx: usize): void {
  if (kind === 3) {
    if (dx !== dy) memory.copy(dx, dy, (<usize>n) << 2);
    return;
  }
  const one = f32x4.splat(1);
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = (<usize>i) << 2;
    const yv = v128.load(y + o);
    const g = v128.load(dy + o);
    let r: v128;
    if (kind === 0) r = f32x4.mul(g, f32x4.mul(f32x4.sub(one, yv), f32x4.add(one, yv)));
    else if (kind === 1) r = f32x4.mul(f32x4.mul(g, yv), f32x4.sub(one, yv));
    else r = v128.and(g, f32x4.gt(yv, zero));
    v128.store(dx + o, r);
  }
  for (; i < n; i++) {
    const o = (<usize>i) << 2;
    const yv = load<f32>(y + o);
    const g = load<f32>(dy + o);
    let r: f32;
    if (kind === 0) r = g * ((<f32>1 - yv) * (<f32>1 + yv));
    else if (kind === 1) r = g * yv * (<f32>1 - yv);
    else r = yv > 0 ? g : 0;
    store<f32>(dx + o, r);
  }
}
