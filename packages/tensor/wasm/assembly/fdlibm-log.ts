// fdlibm's log (e_log.c), the function V8's Math.log evaluates (base/ieee754.cc), so a result is bit
// for bit the JavaScript one: float64 arithmetic is exact IEEE here as there, and the operations are
// fdlibm's, in its order.
const LN2_HI: f64 = 0.6931471803691238; // 3fe62e42 fee00000
const LN2_LO: f64 = 1.9082149292705877e-10; // 3dea39ef 35793c76
const TWO54: f64 = 1.8014398509481984e16; // 43500000 00000000
const LG1: f64 = 0.6666666666666735; // 3fe55555 55555593
const LG2: f64 = 0.3999999999940942; // 3fd99999 9997fa04
const LG3: f64 = 0.2857142874366239; // 3fd24924 94229359
const LG4: f64 = 0.22222198432149784; // 3fcc71c5 1d8e78af
const LG5: f64 = 0.1818357216161805; // 3fc74664 96cb03de
const LG6: f64 = 0.15313837699209373; // 3fc39a09 d078c69f
const LG7: f64 = 0.14798198605116586; // 3fc2f112 df3e5244

/** x with its high 32 bits replaced by `hi`. */
function withHigh(x: f64, hi: i32): f64 {
  return reinterpret<f64>(((<u64>(<u32>hi)) << 32) | (reinterpret<u64>(x) & 0xffffffff));
}

/** fdlibm's log. */
export function log1(x: f64): f64 {
  let hx = <i32>(reinterpret<u64>(x) >> 32);
  const lx = <u32>reinterpret<u64>(x);
  let k: i32 = 0;
  if (hx < 0x00100000) {
    // x < 2^-1022: ±0, a negative number, or a subnormal scaled up.
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = <i32>(reinterpret<u64>(x) >> 32);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000)); // x or x/2, normalized into [sqrt(2)/2, sqrt(2))
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) {
      if (k === 0) return 0;
      const dk = <f64>k;
      return dk * LN2_HI + dk * LN2_LO;
    }
    const r = f * f * (0.5 - 0.3333333333333333 * f); // fdlibm writes 0.33333333333333333, the same float64
    if (k === 0) return f - r;
    const dk = <f64>k;
    return dk * LN2_HI - (r - dk * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = <f64>k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI - (hfsq - (s * (hfsq + r) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI - (s * (f - r) - dk * LN2_LO - f);
}
