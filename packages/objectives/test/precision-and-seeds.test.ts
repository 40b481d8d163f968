import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  ellipsoid,
  evaluatePopulation,
  minimize,
  newVector,
  type Objective,
  precisionOf,
  RandomSearch,
  resolveBox,
  rotated,
  sphere,
  statePrecision,
} from "../src/index.ts";

describe("precision", () => {
  it("RandomSearch asks Float64Arrays by default and Float32Arrays in float32, from the same draws", () => {
    const seen: string[] = [];
    const f: Objective = {
      dim: 2,
      evaluate: (x) => {
        seen.push(x.constructor.name);
        return x[0] ** 2 + x[1] ** 2;
      },
    };
    const a = new RandomSearch({ dim: 2, lower: -1, upper: 1, populationSize: 4, rng: 5 });
    const b = new RandomSearch({
      dim: 2,
      lower: -1,
      upper: 1,
      populationSize: 4,
      rng: 5,
      precision: "float32",
    });
    expect(a.precision).toBe("float64");
    expect(minimize(a, f, { maxGenerations: 2 }).x).toBeInstanceOf(Float64Array);
    expect(new Set(seen)).toEqual(new Set(["Float64Array"]));
    expect(b.ask()).toBeInstanceOf(Float32Array);
    expect(Array.from(b.ask())).toEqual(
      Array.from(
        new RandomSearch({ dim: 2, lower: -1, upper: 1, populationSize: 4, rng: 5 }).ask(),
        Math.fround,
      ),
    );
  });

  it("test functions take either precision; rotated hands f the turned point in the input's precision", () => {
    const g = rotated(ellipsoid(4), 3);
    const x64 = Float64Array.of(0.1, -0.2, 0.3, 0.7);
    const x32 = Float32Array.from(x64);
    expect(g.evaluate(x64)).not.toBe(g.evaluate(x32));
    expect(g.evaluate(Float64Array.from(x32))).not.toBe(g.evaluate(x32)); // float32 rounds the turned point
    const out = new Float64Array(1);
    evaluatePopulation(g, x32, 1, out);
    expect(out[0]).toBe(g.evaluate(x32));
    expect(sphere(2).optimum).toBeInstanceOf(Float64Array);
    expect(precisionOf(newVector("float32", 2))).toBe("float32");
    expect(precisionOf(newVector("float64", 2))).toBe("float64");
  });

  it("records the precision in state() and refuses to resume it in the other one", () => {
    for (const precision of ["float64", "float32"] as const) {
      const a = new RandomSearch({ dim: 2, lower: -1, upper: 1, populationSize: 3, rng: 1, precision });
      minimize(a, sphere(2), { maxGenerations: 2 });
      const json = JSON.parse(JSON.stringify(a.state()));
      expect(json.precision).toBe(precision);
      const b = RandomSearch.fromState(json);
      expect(b.precision).toBe(precision);
      expect(b.state()).toEqual(a.state());
      const other = precision === "float64" ? "float32" : "float64";
      expect(() => RandomSearch.fromState(json, other)).toThrow(/a run cannot change precision on resume/);
    }
    expect(statePrecision("T", {})).toBe("float32"); // states saved before the field existed
    expect(() => statePrecision("T", { precision: 64 })).toThrow(/^T: state.precision is 64/);
  });
});

describe("precision and rng options", () => {
  it("keeps the bounds as given in float64 (the default)", () => {
    const b = resolveBox("T", 2, { lower: [0.1, -1e-300], upper: 1 + 2 ** -52 });
    expect(Array.from(b.lower)).toEqual([0.1, -1e-300]);
    expect(b.upper[0]).toBe(1 + 2 ** -52);
  });

  it("rejects an rng that is neither an Rng nor a seed, and an unknown precision", () => {
    expect(() => new RandomSearch({ dim: 2, lower: 0, upper: 1, rng: {} } as never)).toThrow(
      /rng: expected an Rng from @arena\/rng or a seed \(a finite number or a string\) \(got \{\}\)/,
    );
    expect(() => new RandomSearch({ dim: 2, lower: 0, upper: 1, rng: Number.NaN } as never)).toThrow(
      /rng: expected an Rng .* \(got NaN\)/,
    );
    expect(
      () => new RandomSearch({ dim: 2, lower: 0, upper: 1, rng: 1, precision: "float16" } as never),
    ).toThrow(/precision: .*"float64"|"float32".* \(got "float16"\)/);
  });
});

describe("seeds", () => {
  it("a number or a string seed is new Rng(seed), in the optimizers and in rotated", () => {
    const f = sphere(3);
    const run = (rng: Rng | number | string) =>
      minimize(new RandomSearch({ dim: 3, lower: -1, upper: 1, populationSize: 5, rng }), f, {
        maxGenerations: 3,
      });
    expect(run(11)).toEqual(run(new Rng(11)));
    expect(run("run/2")).toEqual(run(new Rng("run/2")));
    const x = Float64Array.of(0.5, -1, 2);
    expect(rotated(ellipsoid(3), 9).evaluate(x)).toBe(rotated(ellipsoid(3), new Rng(9)).evaluate(x));
    expect(() => rotated(ellipsoid(3), Number.NaN)).toThrow(
      /^TypeError: rotated: expected an Rng or a seed|rotated: expected an Rng or a seed/,
    );
  });
});
