// fdlibm's exp (e_exp.c), the function V8's Math.exp evaluates (plus its exp(1) = e), so results are
// bit for bit the JavaScript ones: float64 arithmetic is exact IEEE here as there. `exp1` is the
// scalar port; `exp2` evaluates two lanes by the same operations in the same order, for arguments
// the caller has checked (finite, |x| < LANE_LIMIT).
const LN2_HI: f64 = 0.6931471803691238;
const LN2_LO: f64 = 1.9082149292705877e-10;
const INV_LN2: f64 = Math.LOG2E; // fdlibm's invln2, the same float64
const P1: f64 = 0.16666666666666602;
const P2: f64 = -0.0027777777777015593;
const P3: f64 = 6.613756321437934e-5;
const P4: f64 = -1.6533902205465252e-6;
const P5: f64 = 4.1381367970572385e-8;
const O_THRESHOLD: f64 = 709.782712893384;
const U_THRESHOLD: f64 = -745.1332191019411;
const TWO_M1000: f64 = 9.332636185032189e-302;
const E: f64 = Math.E;
/** fdlibm reduces by k·ln2 when the high word of |x| exceeds 0x3fd62e42: |x| ≥ this. */
const REDUCE_FROM: f64 = reinterpret<f64>(0x3fd62e4300000000);
/** Below 2^-28 fdlibm returns 1 + x. */
const TINY: f64 = reinterpret<f64>(0x3e30000000000000);
/** Lanes cover |x| < 704: k ≥ −1016 there, so 2^k is a normal float64 and no threshold applies. */
const LANE_LIMIT: f64 = 704.0;
/** 2^52 + 1023: adding an integer k (|k| ≤ 1016) leaves k + 1023 in the low mantissa bits. */
const BIAS_52: f64 = 4503599627371519.0;

/** fdlibm's exp, as V8 compiles it. */
export function exp1(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  const xsb = <i32>(bits >> 63);
  const hx = <u32>(bits >> 32) & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // biome-ignore lint/suspicious/noGlobalIsNan: AssemblyScript's builtin isNaN<f64>
    if (hx >= 0x7ff00000) return isNaN<f64>(x) ? x + x : xsb === 0 ? x : 0;
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  let k: i32 = 0;
  let hi: f64 = 0;
  let lo: f64 = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1) return E;
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = <i32>(INV_LN2 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * 8.98846567431158e307;
    return y * reinterpret<f64>((<u64>(0x3ff + k)) << 52);
  }
  return y * reinterpret<f64>((<u64>(0x3ff + k + 1000)) << 52) * TWO_M1000;
}

/**
 * The lane constants, each as two float64 in static data. A v128.const is rebuilt (three instructions)
 * at every use inside a loop, which made the lanes slower than scalar code; a load is one.
 */
const C_ONE = 0;
const C_TWO = 16;
const C_HALF = 32;
export const C_LIMIT = 64;
const C_REDUCE = 80;
const C_TINY = 96;
const C_INV_LN2 = 112;
const C_LN2_HI = 128;
const C_LN2_LO = 144;
const C_P1 = 160;
const C_P2 = 176;
const C_P3 = 192;
const C_P4 = 208;
const C_P5 = 224;
const C_BIAS = 240;
const C_SIGN = 256;
const C_ABS = 272;
const SIGN: f64 = reinterpret<f64>(0x8000000000000000);
const ABS: f64 = reinterpret<f64>(~((<u64>1) << 63));
const CONSTANTS = memory.data<f64>(
  [
    1,
    1,
    2,
    2,
    0.5,
    0.5,
    0,
    0,
    LANE_LIMIT,
    LANE_LIMIT,
    REDUCE_FROM,
    REDUCE_FROM,
    TINY,
    TINY,
    INV_LN2,
    INV_LN2,
    LN2_HI,
    LN2_HI,
    LN2_LO,
    LN2_LO,
    P1,
    P1,
    P2,
    P2,
    P3,
    P3,
    P4,
    P4,
    P5,
    P5,
    BIAS_52,
    BIAS_52,
    SIGN,
    SIGN,
    ABS,
    ABS,
  ],
  16,
);

/** The lane constant at byte `at` of CONSTANTS. */
export function k2(at: usize): v128 {
  return v128.load(CONSTANTS + at);
}

/**
 * exp of two lanes, each |x| < 704 and x ≠ 1 (the caller checks), where fdlibm takes neither its
 * threshold branches nor exp(1) = e. For |x| in [REDUCE_FROM, 704) k = trunc(x/ln2 ± ½) as its general branch
 * (its branch for |x| < 1.5·ln2 gives the same k, hi and lo); below REDUCE_FROM k = 0, hi = x, lo = 0,
 * for which fdlibm's k = 0 formula is the general one with its signs flipped, exactly; below 2^-28, 1 + x.
 */
export function exp2(x: v128): v128 {
  const ax = v128.and(x, k2(C_ABS));
  // fdlibm's halF[sign bit]: ½ with x's sign.
  const half = v128.or(v128.and(x, k2(C_SIGN)), k2(C_HALF));
  const reduce = f64x2.ge(ax, k2(C_REDUCE));
  const kf = v128.and(f64x2.trunc(f64x2.add(f64x2.mul(k2(C_INV_LN2), x), half)), reduce);
  const hi = f64x2.sub(x, f64x2.mul(kf, k2(C_LN2_HI)));
  const lo = f64x2.mul(kf, k2(C_LN2_LO));
  const r = f64x2.sub(hi, lo);
  const t = f64x2.mul(r, r);
  let p = f64x2.add(k2(C_P4), f64x2.mul(t, k2(C_P5)));
  p = f64x2.add(k2(C_P3), f64x2.mul(t, p));
  p = f64x2.add(k2(C_P2), f64x2.mul(t, p));
  p = f64x2.add(k2(C_P1), f64x2.mul(t, p));
  const c = f64x2.sub(r, f64x2.mul(t, p));
  const q = f64x2.div(f64x2.mul(r, c), f64x2.sub(k2(C_TWO), c));
  const y = f64x2.sub(k2(C_ONE), f64x2.sub(f64x2.sub(lo, q), hi));
  // 2^k has the bits (k + 1023) << 52; k + 1023 is the low mantissa of the float64 2^52 + 1023 + k.
  const twopk = i64x2.shl(f64x2.add(kf, k2(C_BIAS)), 52);
  const scaled = f64x2.mul(y, twopk);
  return v128.bitselect(f64x2.add(k2(C_ONE), x), scaled, f64x2.lt(ax, k2(C_TINY)));
}
