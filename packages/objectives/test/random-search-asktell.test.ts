import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { minimize, RandomSearch, sphere } from "../src/index.ts";

describe("RandomSearch", () => {
  it("samples uniformly inside per-dimension bounds", () => {
    const lower = [-1, 0, 10];
    const upper = [1, 5, 10.5];
    const rs = new RandomSearch({ dim: 3, lower, upper, populationSize: 2000, rng: new Rng(1) });
    const xs = rs.ask();
    const sums = [0, 0, 0];
    for (let i = 0; i < 2000; i++) {
      for (let d = 0; d < 3; d++) {
        const v = xs[i * 3 + d];
        expect(v).toBeGreaterThanOrEqual(lower[d]);
        expect(v).toBeLessThanOrEqual(upper[d]);
        sums[d] += v;
      }
    }
    // Mean of U(a, b) is (a + b)/2, standard error (b − a)/√(12 · 2000) ≈ 0.0065 (b − a); allow 5 SE.
    for (let d = 0; d < 3; d++) {
      expect(Math.abs(sums[d] / 2000 - (lower[d] + upper[d]) / 2)).toBeLessThan(
        0.033 * (upper[d] - lower[d]),
      );
    }
  });

  it("enforces ask before tell and one fitness per row", () => {
    const rs = new RandomSearch({ dim: 2, lower: 0, upper: 1, populationSize: 4, rng: new Rng(1) });
    expect(() => rs.tell(new Float64Array(4))).toThrow(
      /RandomSearch.tell: no candidates are pending; call ask\(\) first/,
    );
    expect(() => rs.best()).toThrow(/nothing has been told yet/);
    const a = rs.ask();
    expect(rs.ask()).toBe(a);
    const told = a.slice();
    expect(() => rs.tell(new Float64Array(3))).toThrow(/got 3 values, expected one per row \(4\)/);
    rs.tell([3, 1, 2, 4]);
    expect(() => rs.tell([3, 1, 2, 4])).toThrow(/no candidates are pending/);
    expect(rs.generation).toBe(1);
    expect(rs.evaluations).toBe(4);
    expect(rs.best().f).toBe(1);
    expect(rs.best().x).toEqual(told.slice(2, 4));
  });

  it("ranks NaN and infinities worst and never lets them into best()", () => {
    const rs = new RandomSearch({ dim: 1, lower: 0, upper: 1, populationSize: 3, rng: new Rng(2) });
    rs.ask();
    rs.tell([Number.NaN, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(rs.best().f).toBe(Number.POSITIVE_INFINITY);
    const xs = rs.ask().slice();
    rs.tell([Number.NEGATIVE_INFINITY, 5, Number.NaN]);
    expect(rs.best()).toEqual({ x: xs.slice(1, 2), f: 5 });
    rs.ask();
    rs.tell([Number.NaN, 7, Number.NEGATIVE_INFINITY]);
    expect(rs.best().f).toBe(5);
  });

  it("gives the same trajectory for the same seed and resumes bit-identically from JSON state", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        fc.constantFrom("float64" as const, "float32" as const),
        (seed, k, pending, precision) => {
          const f = sphere(4);
          const make = () =>
            new RandomSearch({
              dim: 4,
              lower: f.lower,
              upper: f.upper,
              populationSize: 5,
              rng: new Rng(seed),
              precision,
            });
          const a = make();
          minimize(a, f, { maxGenerations: k + 1 });
          if (pending) a.ask();
          const b = RandomSearch.fromState(JSON.parse(JSON.stringify(a.state())));
          expect(b.state()).toEqual(a.state());
          const ra = minimize(a, f, { maxGenerations: 6 });
          const rb = minimize(b, f, { maxGenerations: 6 });
          expect(rb.history).toEqual(ra.history);
          expect(b.ask()).toEqual(a.ask());
          const c = make();
          minimize(c, f, { maxGenerations: k + 7 });
          expect(c.ask()).toEqual(a.ask());
        },
      ),
      { numRuns: 30 },
    );
  });

  it("rejects bad options with one OptionsError naming each path, value and expectation", () => {
    const rng = new Rng(1);
    expect(() => new RandomSearch({ dim: 2, lower: 0, upper: 1, rng, popSize: 3 } as never)).toThrow(
      /^RandomSearch: unknown key "popSize"; known keys: dim, rng, precision, populationSize, lower, upper, initLower, initUpper$/,
    );
    expect(() => new RandomSearch({ dim: 2, lower: 0, upper: 1, rng, populationSize: 0 })).toThrow(
      /^RandomSearch: populationSize: Too small: expected number to be >=1 \(got 0\)$/,
    );
    expect(() => new RandomSearch({ dim: 0, lower: 0, upper: 1, rng })).toThrow(OptionsError);
    expect(() => new RandomSearch({ dim: 0, lower: 0, upper: 1, rng })).toThrow(/dim: .*>=1 \(got 0\)/);
    expect(() => new RandomSearch({ lower: 0, upper: 1, rng } as never)).toThrow(/dim: .*expected number/);
    // Every problem at once, in one line.
    expect(() => new RandomSearch({ dim: 2.5, upper: 1, rng: null, populationSize: -1 } as never)).toThrow(
      /^RandomSearch: dim: .*int.* \(got 2.5\); rng: .* \(got null\); populationSize: .* \(got -1\)$/,
    );
    expect(() => RandomSearch.fromState({ type: "GeneticAlgorithm" } as never)).toThrow(
      /state.options is missing/,
    );
  });
});
