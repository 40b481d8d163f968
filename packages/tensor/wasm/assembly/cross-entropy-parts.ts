// The parts of softmax cross-entropy per row (see src/cross-entropy-parts.ts): max, Σ exp(x − max) and
// Σ y·x, with fdlibm's exp (fdlibm-exp.ts), so these sums are bit for bit the JavaScript ones.
// Two rows go through f64x2 lanes; a pair holding a NaN, an infinity or a span of 704 or more runs
// the scalar port instead. Lane by lane the operations are fdlibm's, in its order.
import { C_LIMIT, exp1, exp2, k2 } from "./fdlibm-exp";
import { rowMax } from "./rows";

/** Rows i and i + 1 of X (m×n, leading dimension ldx) as lanes: entry j of each. */
function pair(a: usize, b: usize, j: i32): v128 {
  const o = (<usize>j) << 2;
  return f64x2.promote_low_f32x4(v128.load32_lane(b + o, v128.load32_zero(a + o), 1));
}

/** One row's parts into out, out + 8, out + 16 (a: the row of X, t: its targets), by the scalar exp. */
function row1(a: usize, t: usize, n: i32, out: usize): void {
  const mx = rowMax(a, n);
  let s: f64 = 0;
  let yx: f64 = 0;
  for (let j = 0; j < n; j++) {
    const o = (<usize>j) << 2;
    const v = <f64>load<f32>(a + o);
    s += exp1(v - mx);
    yx += <f64>load<f32>(t + o) * v;
  }
  store<f64>(out, mx);
  store<f64>(out + 8, s);
  store<f64>(out + 16, yx);
}

/**
 * Row i of X (m×n) against target row ⌊i / repeat⌋ of Y: out[3i] = max, out[3i + 1] =
 * Σ_j exp(x_ij − max), out[3i + 2] = Σ_j y_j·x_ij (float64, j in order). Two rows at a time in lanes
 * when both are finite and span less than 704 (every x − max then suits exp2); otherwise each of the
 * pair by the scalar exp.
 */
export function crossEntropyParts(
  m: i32,
  n: i32,
  x: usize,
  ldx: i32,
  y: usize,
  ldy: i32,
  repeat: i32,
  out: usize,
): void {
  const stride = (<usize>ldx) << 2;
  const yStride = (<usize>ldy) << 2;
  // Row i's target row is ⌊i / repeat⌋: tracked as a quotient and remainder, not divided per row.
  let q = 0;
  let rem = 0;
  let i = 0;
  for (; i + 2 <= m; i += 2) {
    const a = x + <usize>i * stride;
    const b = a + stride;
    const ta = y + <usize>q * yStride;
    if (++rem === repeat) {
      rem = 0;
      q++;
    }
    const tb = y + <usize>q * yStride;
    if (++rem === repeat) {
      rem = 0;
      q++;
    }
    const o = out + <usize>i * 24;
    let mx = f64x2.splat(-Infinity);
    let mn = f64x2.splat(Infinity);
    let nan = f64x2.splat(0);
    for (let j = 0; j < n; j++) {
      const v = pair(a, b, j);
      mx = v128.bitselect(v, mx, f64x2.gt(v, mx));
      mn = f64x2.pmin(mn, v);
      nan = v128.or(nan, f64x2.ne(v, v));
    }
    // A NaN, an infinity or a span of 704 or more fails the test (∞ − x and NaN compare false).
    const fits = v128.andnot(f64x2.lt(f64x2.sub(mx, mn), k2(C_LIMIT)), nan);
    if (!i64x2.all_true(fits)) {
      row1(a, ta, n, o);
      row1(b, tb, n, o + 24);
      continue;
    }
    let s = f64x2.splat(0);
    let yx = f64x2.splat(0);
    for (let j = 0; j < n; j++) {
      const v = pair(a, b, j);
      s = f64x2.add(s, exp2(f64x2.sub(v, mx)));
      yx = f64x2.add(yx, f64x2.mul(pair(ta, tb, j), v));
    }
    store<f64>(o, f64x2.extract_lane(mx, 0));
    store<f64>(o + 8, f64x2.extract_lane(s, 0));
    store<f64>(o + 16, f64x2.extract_lane(yx, 0));
    store<f64>(o + 24, f64x2.extract_lane(mx, 1));
    store<f64>(o + 32, f64x2.extract_lane(s, 1));
    store<f64>(o + 40, f64x2.extract_lane(yx, 1));
  }
  if (i < m) row1(x + <usize>i * stride, y + <usize>q * yStride, n, out + <usize>i * 24);
}
