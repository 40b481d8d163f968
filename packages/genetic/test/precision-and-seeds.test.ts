import { minimize, type Objective, sphere } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { GeneticAlgorithm } from "../src/index.ts";

/** A 4-D sphere whose minimiser (1/3 + i/7) no float32 can hold, so float32 has a floor above 0. */
const offsets = [1 / 3, 1 / 3 + 1 / 7, 1 / 3 + 2 / 7, 1 / 3 + 3 / 7];
const shiftedSphere: Objective<Float64Array | Float32Array> = {
  dim: 4,
  evaluate: (x) => offsets.reduce((s, c, i) => s + (x[i] - c) ** 2, 0),
};
const floor = offsets.reduce((s, c) => s + (Math.fround(c) - c) ** 2, 0);

describe("GeneticAlgorithm precision", () => {
  it("works in float64 by default and gets below the float32 floor", () => {
    // BLX-α without mutation shrinks with the population's spread, so the GA converges geometrically.
    const options = {
      dim: 4,
      lower: -5,
      upper: 5,
      rng: 1,
      crossover: { kind: "blx" as const },
      mutationRate: 0,
    };
    const ga64 = new GeneticAlgorithm(options);
    expect(ga64.precision).toBe("float64");
    expect(ga64.ask()).toBeInstanceOf(Float64Array);
    const r64 = minimize(ga64, shiftedSphere, { maxEvaluations: 60_000 });
    expect(r64.x).toBeInstanceOf(Float64Array);
    const ga32 = new GeneticAlgorithm({ ...options, precision: "float32" });
    expect(ga32.ask()).toBeInstanceOf(Float32Array);
    const r32 = minimize(ga32, shiftedSphere, { maxEvaluations: 60_000 });
    expect(r32.f).toBeGreaterThanOrEqual(floor * 0.99);
    expect(r64.f).toBeLessThan(1e-20);
  });

  it("records the precision in state(), resumes in it exactly, and refuses to change it", () => {
    const f = sphere(4);
    for (const precision of ["float64", "float32"] as const) {
      const a = new GeneticAlgorithm({
        dim: 4,
        lower: f.lower,
        upper: f.upper,
        rng: 3,
        populationSize: 10,
        precision,
      });
      minimize(a, f, { maxGenerations: 5 });
      a.ask();
      const json = JSON.parse(JSON.stringify(a.state()));
      expect(json.precision).toBe(precision);
      const b = GeneticAlgorithm.fromState(json);
      expect(b.state()).toEqual(a.state());
      expect(minimize(b, f, { maxGenerations: 5 })).toEqual(minimize(a, f, { maxGenerations: 5 }));
      const other = precision === "float64" ? "float32" : "float64";
      expect(() => GeneticAlgorithm.fromState(json, other)).toThrow(
        new RegExp(
          `the state was saved in ${precision} precision, expected ${other}; a run cannot change precision`,
        ),
      );
    }
  });

  it("takes a plain seed wherever it takes an Rng: a number or a string is new Rng(seed)", () => {
    const f = sphere(3);
    const run = (rng: Rng | number | string) =>
      minimize(new GeneticAlgorithm({ dim: 3, lower: f.lower, upper: f.upper, rng, populationSize: 8 }), f, {
        maxGenerations: 4,
      });
    expect(run(7)).toEqual(run(new Rng(7)));
    expect(run("a")).toEqual(run(new Rng("a")));
    expect(run(7).f).not.toBe(run(8).f);
  });
});
