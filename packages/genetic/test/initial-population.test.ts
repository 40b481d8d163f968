import { type Objective, type Precision, rastrigin } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { GeneticAlgorithm, type GeneticAlgorithmOptions } from "../src/index.ts";

const base = { dim: 3, lower: -2, upper: 2, populationSize: 6 } as const;

/** Runs `generations` ask/tell rounds on `f` and returns the state. */
function run(ga: GeneticAlgorithm, f: Objective, generations: number) {
  const fitness = new Float64Array(ga.populationSize);
  for (let g = 0; g < generations; g++) {
    const xs = ga.ask();
    for (let i = 0; i < ga.populationSize; i++) fitness[i] = f.evaluate(xs.subarray(i * 3, i * 3 + 3));
    ga.tell(fitness);
  }
  return ga.state();
}

const seeds = [Float32Array.of(0.5, -1, 1.5), [1, 1, 1]];

describe("GeneticAlgorithm initialPopulation", () => {
  it("puts the rows first and keeps the uniform rows and the stream of a run without it", () => {
    const plain = new GeneticAlgorithm({ ...base, rng: new Rng(4) });
    const seeded = new GeneticAlgorithm({ ...base, rng: new Rng(4), initialPopulation: seeds });
    const xs = seeded.ask();
    expect(Array.from(xs.subarray(0, 6))).toEqual([0.5, -1, 1.5, 1, 1, 1]);
    expect(xs.subarray(6)).toEqual(plain.ask().subarray(6));
    expect(seeded.state().rng).toEqual(plain.state().rng);
    expect(seeded.settings).toEqual(plain.settings);
  });

  it("is the population round trip through state() it replaces, bit for bit", () => {
    const seeded = new GeneticAlgorithm({ ...base, rng: new Rng(5), initialPopulation: seeds });
    const fresh = new GeneticAlgorithm({ ...base, rng: new Rng(5) });
    const population = fresh.state().population.slice();
    population.splice(0, 6, 0.5, -1, 1.5, 1, 1, 1);
    const restored = GeneticAlgorithm.fromState({ ...fresh.state(), population });
    const f = rastrigin(3);
    expect(run(seeded, f, 15)).toEqual(run(restored, f, 15));
  });

  it("seeding a run with its own first rows changes nothing", () => {
    const plain = new GeneticAlgorithm({ ...base, rng: new Rng(6) });
    const own = plain.ask().slice(0, 9);
    const seeded = new GeneticAlgorithm({
      ...base,
      rng: new Rng(6),
      initialPopulation: [own.subarray(0, 3), own.subarray(3, 6), own.subarray(6, 9)],
    });
    const f = rastrigin(3);
    expect(run(seeded, f, 10)).toEqual(run(plain, f, 10));
  });
});

describe("GeneticAlgorithm initialPopulation: validation", () => {
  it("rejects rows of the wrong shape, non-finite or outside the box, naming the row", () => {
    const cases: [unknown, RegExp, Precision?][] = [
      [[], /initialPopulation: Too small: expected array to have >=1 items/],
      [[[0, 0]], /initialPopulation\[0\]: expected dim = 3 entries \(got 2\)/],
      [Array(7).fill([0, 0, 0]), /initialPopulation: expected at most populationSize = 6 rows \(got 7\)/],
      [
        [
          [0, 0, 0],
          [0, Number.NaN, 0],
        ],
        /initialPopulation\[1\]: expected finite numbers; entry \[1\] is NaN/,
      ],
      [
        [[0, 0, 1e39]],
        /initialPopulation\[0\]\[2\]: expected finite once stored as float32 \(got 1e\+39\)/,
        "float32",
      ],
      [[[0, 0, 1e39]], /initialPopulation\[0\]\[2\]: expected inside the box .* \(got 1e\+39\)/],
      [[[0, 0, "1"]], /entry \[2\] is "1"/],
      [["abc"], /initialPopulation\[0\]: expected a row of numbers/],
      [
        [[0, 2.5, 0]],
        /initialPopulation\[0\]\[1\]: expected inside the box \[lower\[1\], upper\[1\]\] = \[-2, 2\] \(as float32\) \(got 2.5\)/,
        "float32",
      ],
      [
        [[0, 2.5, 0]],
        /initialPopulation\[0\]\[1\]: expected inside the box \[lower\[1\], upper\[1\]\] = \[-2, 2\] \(got 2.5\)/,
      ],
    ];
    for (const [initialPopulation, re, precision] of cases) {
      const options = { ...base, rng: 1, precision, initialPopulation } as GeneticAlgorithmOptions;
      expect(() => new GeneticAlgorithm(options)).toThrow(OptionsError);
      expect(() => new GeneticAlgorithm(options)).toThrow(re);
    }
  });

  it("checks the box as the GA resolves it: in float32, bounds rounded inward to float32", () => {
    // 0.1 is not a float32: the box's upper bound is the float32 just below it, and a row holding 0.1
    // would store the float32 just above it. In float64 the box and the row are 0.1 exactly.
    const f64 = new GeneticAlgorithm({
      dim: 1,
      lower: -1,
      upper: 0.1,
      populationSize: 3,
      rng: 1,
      initialPopulation: [[0.1]],
    });
    expect(f64.ask()[0]).toBe(0.1);
    const options = {
      dim: 1,
      lower: -1,
      upper: 0.1,
      populationSize: 3,
      rng: new Rng(1),
      precision: "float32" as const,
    };
    expect(() => new GeneticAlgorithm({ ...options, initialPopulation: [[0.1]] })).toThrow(
      /initialPopulation\[0\]\[0\]: expected inside the box/,
    );
    const ok = new GeneticAlgorithm({ ...options, initialPopulation: [[0.099999994]] });
    expect(ok.ask()[0]).toBeLessThanOrEqual(0.1);
  });
});
