import type { Vector } from "@arena/objectives";
import type { Rng } from "@arena/rng";

/**
 * JADE's external archive, as SHADE and L-SHADE use it: parents beaten by their trial are kept and may
 * serve as x_r2 in current-to-pbest/1, which adds diversity at no extra evaluation. Rows live in one
 * flat buffer (`capacity` rows allocated once); when full, a new row overwrites a random member, and a
 * shrinking capacity (L-SHADE) drops random members, both as the papers' "randomly selected individuals
 * are deleted".
 */
export class ExternalArchive {
  readonly rows: Float64Array;
  size = 0;
  /** How many rows the archive may hold now (<= the rows allocated). */
  capacity: number;

  constructor(
    readonly dim: number,
    maxRows: number,
  ) {
    this.rows = new Float64Array(maxRows * dim);
    this.capacity = maxRows;
  }

  /** Adds `x[off..off+dim)`, overwriting a random member when full; draws `rng.int` only then. */
  add(x: Vector, off: number, rng: Rng): void {
    if (this.capacity === 0) return;
    const slot = this.size < this.capacity ? this.size++ : rng.int(0, this.size);
    const dim = this.dim;
    for (let d = 0; d < dim; d++) this.rows[slot * dim + d] = x[off + d];
  }

  /** Lowers the capacity to `capacity`, deleting random members (the last one moves into the gap). */
  shrink(capacity: number, rng: Rng): void {
    this.capacity = Math.min(this.capacity, capacity);
    const dim = this.dim;
    while (this.size > this.capacity) {
      const victim = rng.int(0, this.size);
      this.size--;
      this.rows.copyWithin(victim * dim, this.size * dim, (this.size + 1) * dim);
    }
  }
}
