import { rastrigin } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import { Shade, type ShadeOptions } from "../src/index.ts";

/** An ask/tell loop that reads the population size every generation (L-SHADE's shrinks). */
function run(options: ShadeOptions, budget: number): number {
  const f = rastrigin(options.dim);
  const s = new Shade(options);
  const fitness = new Float64Array(s.populationSize);
  while (s.evaluations + s.populationSize <= budget) {
    const n = s.populationSize;
    f.evaluateBatch(s.ask(), n, fitness);
    s.tell(fitness.subarray(0, n));
  }
  return s.best().f;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe("SHADE and L-SHADE on the 10-D Rastrigin within 1e5 evaluations", () => {
  const f = rastrigin(10);
  const box = { dim: 10, lower: f.lower, upper: f.upper };
  it("SHADE: median final f < 1 over seeds 1–3", () => {
    const fs = [1, 2, 3].map((seed) => run({ ...box, rng: seed }, 100_000));
    // Measured: 2.3e-26, 2.4e-27, 1.3e-27 (seeds 4, 5: 1.4e-27, 2.2e-27).
    expect(median(fs)).toBeLessThan(1);
    expect(Math.max(...fs)).toBeLessThan(1e-8);
  });

  it("L-SHADE: median final f < 1 over seeds 1–3, ending at N_min = 4", () => {
    const fs = [1, 2, 3].map((seed) =>
      run({ ...box, variant: "l-shade", maxEvaluations: 100_000, rng: seed }, 100_000),
    );
    // Measured: 9.0e-87, 1.1e-87, 7.3e-88 (seeds 4, 5: 1.6e-82, 1.5e-79).
    expect(median(fs)).toBeLessThan(1);
    expect(Math.max(...fs)).toBeLessThan(1e-8);
  });

  it("L-SHADE shrinks linearly from 18·dim to 4 and trims the archive to 2.6·N", () => {
    const s = new Shade({ ...box, variant: "l-shade", maxEvaluations: 20_000, rng: 1 });
    expect(s.populationSize).toBe(180);
    const sizes: number[] = [];
    const fitness = new Float64Array(180);
    while (s.evaluations < 20_000) {
      const n = s.populationSize;
      f.evaluateBatch(s.ask(), n, fitness);
      s.tell(fitness.subarray(0, n));
      sizes.push(s.populationSize);
      expect(s.archiveSize()).toBeLessThanOrEqual(Math.round(2.6 * s.populationSize));
      expect(s.populationSize).toBe(Math.max(4, Math.round(180 - (176 / 20_000) * s.evaluations)));
    }
    expect(sizes.at(-1)).toBe(4);
    for (let g = 1; g < sizes.length; g++) expect(sizes[g]).toBeLessThanOrEqual(sizes[g - 1]);
  });
});
