/** O(1) argument checks shared by every backend, so a bad call fails the same way on each. */

export function checkDim(fn: string, name: string, v: number): void {
  if (!Number.isInteger(v) || v < 0) throw new RangeError(`${fn}: ${name} must be an integer >= 0, got ${v}`);
}

/** Checks that a rows×cols matrix at (arr, off, ld) lies inside `arr`. */
export function checkMatrix(
  fn: string,
  name: string,
  arr: ArrayLike<number>,
  off: number,
  rows: number,
  cols: number,
  ld: number,
): void {
  if (!Number.isInteger(off) || off < 0)
    throw new RangeError(`${fn}: ${name} offset must be an integer >= 0, got ${off}`);
  if (!Number.isInteger(ld) || ld < Math.max(1, cols)) {
    throw new RangeError(`${fn}: leading dimension of ${name} must be >= its ${cols} columns, got ${ld}`);
  }
  if (rows === 0 || cols === 0) return;
  const end = off + (rows - 1) * ld + cols;
  if (end > arr.length) {
    throw new RangeError(
      `${fn}: ${name} is ${rows}x${cols} (offset ${off}, leading dimension ${ld}) and needs ${end} elements, but its array has ${arr.length}`,
    );
  }
}

/** Checks that n contiguous elements from `off` lie inside `arr`. */
export function checkVector(fn: string, name: string, arr: ArrayLike<number>, off: number, n: number): void {
  if (!Number.isInteger(off) || off < 0)
    throw new RangeError(`${fn}: ${name} offset must be an integer >= 0, got ${off}`);
  if (off + n > arr.length) {
    throw new RangeError(
      `${fn}: ${name} needs ${n} elements from offset ${off}, but its array has ${arr.length}`,
    );
  }
}
