import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { DifferentialEvolution } from "../src/index.ts";

/** Draws an index in [0, n) not in `not`, by rejection, as the optimizer does. */
function other(rng: Rng, n: number, not: number[]): number {
  for (;;) {
    const r = rng.int(0, n);
    if (!not.includes(r)) return r;
  }
}

describe("one DE/rand/1/bin generation", () => {
  it("builds each trial as x_r1 + F (x_r2 − x_r3), binomial crossover, resampling outside the box", () => {
    const dim = 3;
    const n = 5;
    const [F, CR, lo, hi] = [0.8, 0.6, -1, 1];
    const de = new DifferentialEvolution({ dim, populationSize: n, F, CR, lower: lo, upper: hi, rng: 11 });
    const x = de.ask().slice();
    // The stream as the generation starts: recompute every draw from it.
    const rng = Rng.fromState(de.state().rng);
    de.tell(Array.from({ length: n }, (_, i) => i));
    const trials = de.ask();
    let resampled = 0;
    for (let i = 0; i < n; i++) {
      const r1 = other(rng, n, [i]);
      const r2 = other(rng, n, [i, r1]);
      const r3 = other(rng, n, [i, r1, r2]);
      const jRand = rng.int(0, dim);
      const u: number[] = [];
      for (let d = 0; d < dim; d++) {
        const v = x[r1 * dim + d] + F * (x[r2 * dim + d] - x[r3 * dim + d]);
        u.push(rng.float() < CR || d === jRand ? v : x[i * dim + d]);
      }
      for (let d = 0; d < dim; d++) {
        if (u[d] < lo || u[d] > hi) {
          u[d] = lo + (hi - lo) * rng.float();
          resampled++;
        }
      }
      expect(Array.from(trials.subarray(i * dim, (i + 1) * dim))).toEqual(u);
    }
    expect(de.state().rng).toEqual(rng.state());
    expect(resampled).toBeGreaterThan(0); // F = 0.8 in a tight box: the repair path is exercised
  });

  it("keeps a trial that is no worse than its target (ties to the trial), deferred to after the generation", () => {
    const de = new DifferentialEvolution({ dim: 2, populationSize: 4, lower: -1, upper: 1, rng: 3 });
    const x0 = de.ask().slice();
    de.tell([1, 1, 1, 1]);
    const u = de.ask().slice();
    de.tell([0, 1, 2, Number.NaN]);
    const pop = de.currentPopulation();
    expect(Array.from(de.populationValues())).toEqual([0, 1, 1, 1]);
    expect(Array.from(pop.subarray(0, 4))).toEqual(Array.from(u.subarray(0, 4)));
    expect(Array.from(pop.subarray(4))).toEqual(Array.from(x0.subarray(4)));
  });
});
