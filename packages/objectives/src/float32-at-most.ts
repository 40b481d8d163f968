/**
 * Rounding a double to a float32 on a chosen side, so that a bound stored as a float32 (a clamped weight
 * or candidate in a `Float32Array`) never lies outside the range the double bound gives.
 */

const f32 = new Float32Array(1);
const f32Bits = new Int32Array(f32.buffer);

/** The float32 one step from `f` (a float32) towards +Infinity (`up`) or -Infinity. */
function nextFloat32(f: number, up: boolean): number {
  if (f === 0) return up ? 2 ** -149 : -(2 ** -149);
  f32[0] = f;
  f32Bits[0] += f > 0 === up ? 1 : -1;
  return f32[0];
}

/**
 * The largest float32 <= x: `Math.fround(x)` when that does not round up, else the float32 just below.
 * ±Infinity and NaN are returned as they are.
 */
export function float32AtMost(x: number): number {
  const f = Math.fround(x);
  return f > x ? nextFloat32(f, false) : f;
}

/**
 * The smallest float32 >= x: `Math.fround(x)` when that does not round down, else the float32 just
 * above. ±Infinity and NaN are returned as they are.
 */
export function float32AtLeast(x: number): number {
  const f = Math.fround(x);
  return f < x ? nextFloat32(f, true) : f;
}
