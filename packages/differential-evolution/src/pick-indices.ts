import type { Rng } from "@arena/rng";

/**
 * Draws an index in [0, n) that differs from every entry of `exclude[0..count)`, by rejection: one
 * `rng.int(0, n)` per try. Rejection keeps each allowed index equally likely and the draw order simple to
 * write down (the step test recomputes a generation from it). Needs n > count.
 */
export function pickOther(rng: Rng, n: number, exclude: Int32Array, count: number): number {
  for (;;) {
    const r = rng.int(0, n);
    let clash = false;
    for (let k = 0; k < count; k++) if (exclude[k] === r) clash = true;
    if (!clash) return r;
  }
}

/**
 * Fills `out[1..1+k)` with k indices in [0, n), distinct from each other and from `out[0]` (the target
 * index, which the caller puts there), drawn in order by {@link pickOther}.
 */
export function pickDistinct(rng: Rng, n: number, out: Int32Array, k: number): void {
  for (let m = 1; m <= k; m++) out[m] = pickOther(rng, n, out, m);
}
