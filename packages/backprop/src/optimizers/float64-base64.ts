/**
 * Exact, compact text form of a Float64Array for optimizer state: the IEEE-754 bytes, little-endian,
 * in base64. A JSON number array would lose -0 and turn NaN and ±Infinity into null, and a resumed run
 * must continue bit for bit. `btoa`/`atob` exist in Node >= 16 and in browsers, so no Buffer is needed.
 */

const CHUNK = 0x2000;

/** The bytes of `values` (float64, little-endian) as base64. */
export function encodeFloat64(values: Float64Array): string {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat64(i * 8, values[i], true);
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + CHUNK) as unknown as number[]);
  }
  return btoa(binary);
}

/** Decodes `encodeFloat64` output into `out`; throws unless it holds exactly `out.length` values. */
export function decodeFloat64Into(
  owner: string,
  name: string,
  text: unknown,
  out: Float64Array,
  /** How the error names the expected length, e.g. "the optimizer has size" (followed by the length). */
  expected = "the optimizer has size",
): void {
  if (typeof text !== "string") {
    throw new TypeError(`${owner}: state buffer ${name} must be a base64 string, got ${typeof text}`);
  }
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    throw new RangeError(`${owner}: state buffer ${name} is not valid base64`);
  }
  if (binary.length !== out.length * 8) {
    throw new RangeError(
      `${owner}: state buffer ${name} holds ${binary.length / 8} values, ${expected} ${out.length}`,
    );
  }
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
}
