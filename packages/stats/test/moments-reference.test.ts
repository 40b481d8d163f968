import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { mean, standardDeviation, variance } from "../src/index.ts";

describe("mean, variance, standard deviation", () => {
  it("match the textbook example 2,4,4,4,5,5,7,9", () => {
    // Hand: mean 5, Σ(x − 5)² = 32; population sd = 2, sample sd = √(32/7) (R: sd(...) = 2.13809)
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    expect(mean(xs)).toBe(5);
    expect(variance(xs)).toBeCloseTo(32 / 7, 14);
    expect(standardDeviation(xs, { ddof: 0 })).toBe(2);
    expect(standardDeviation(xs)).toBeCloseTo(2.1380899352993952, 14);
  });

  it("sample variance equals half the mean squared pairwise difference (independent formula)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 2, maxLength: 30 }),
        (xs) => {
          const n = xs.length;
          let s = 0;
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) s += (xs[i] - xs[j]) ** 2;
          const reference = s / (2 * n * (n - 1));
          expect(variance(xs)).toBeCloseTo(reference, 6);
        },
      ),
    );
  });

  it("reject bad input and unknown options by name", () => {
    expect(() => mean([])).toThrow("mean: sample: expected at least one value (got [])");
    expect(() => mean([1, Number.POSITIVE_INFINITY])).toThrow(
      "mean: sample[1]: expected a finite number (got Infinity)",
    );
    expect(() => variance([1])).toThrow("variance: sample: expected more than ddof = 1 values (got 1)");
    expect(() => standardDeviation([1, 2], { ddof: -1 })).toThrow(
      "standardDeviation: ddof: Too small: expected number to be >=0 (got -1)",
    );
    // @ts-expect-error: unknown option on purpose
    expect(() => standardDeviation([1, 2], { dof: 0 })).toThrow(
      'standardDeviation: unknown key "dof"; known keys: ddof',
    );
  });
});
