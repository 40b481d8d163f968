import { describeOptions, parseOptions } from "@arena/options";
import { describe, expect, it } from "vitest";
import { optionsError } from "../../../scripts/options-error.ts";
import {
  bootstrapOptions,
  canReachSignificance,
  DEFAULT_RESAMPLES,
  ecdf,
  ert,
  hodgesLehmannOptions,
  hodgesLehmannShift,
  mannWhitneyOptions,
  mannWhitneyU,
  mean,
  medianCi,
  quantile,
  significanceDesign,
  timeToTarget,
  variance,
} from "../src/index.ts";

describe("one error type and one message style for options and arguments", () => {
  it("samples, options objects and other arguments all throw an OptionsError `owner: path: expected (got value)`", () => {
    const style = /^\w+: [\w.[\]]+: .+ \(got .+\)$/;
    for (const f of [
      () => mean([1, 2, 3, Number.NaN]),
      () => quantile([1], 2),
      () => mannWhitneyU([1], [2], { alternative: "both" as never }),
      () => hodgesLehmannShift([1], [2], { level: 2 }),
      () => medianCi([1, 2], { rng: { float: () => 0.5 }, resamples: 1.5 }),
      () => variance([1, 2], { ddof: 0.5 }),
      () => canReachSignificance(5, 5, { comparisons: 0, correction: "holm" }),
      () => timeToTarget([1], [1], Number.NaN, { higherIsBetter: true }),
      () => ecdf([[1]], [Number.NaN]),
      () => ert([{ hit: null, spent: -1 }]),
    ]) {
      expect(optionsError(f)).toMatch(style);
    }
    expect(optionsError(() => mean([1, 2, 3, Number.NaN]))).toBe(
      "mean: sample[3]: expected a finite number (got NaN)",
    );
    // Every problem of an options object at once.
    expect(
      optionsError(() => mannWhitneyU([1], [2], { method: "exakt" as never, continuity: 1 as never })),
    ).toBe(
      'mannWhitneyU: method: Invalid option: expected one of "auto"|"exact"|"normal" (got "exakt"); continuity: Invalid input: expected boolean, received number (got 1)',
    );
  });

  it("the schemas hold the defaults and the docs", () => {
    const rng = { float: () => 0.5 };
    expect(parseOptions("t", bootstrapOptions, { rng })).toEqual({
      rng,
      resamples: DEFAULT_RESAMPLES,
      level: 0.95,
    });
    expect(parseOptions("t", mannWhitneyOptions, {})).toEqual({
      alternative: "two-sided",
      method: "auto",
      continuity: true,
    });
    expect(parseOptions("t", hodgesLehmannOptions, {})).toEqual({ level: 0.95, method: "auto" });
    expect(parseOptions("t", significanceDesign, { comparisons: 3, correction: "holm" })).toEqual({
      comparisons: 3,
      correction: "holm",
      alpha: 0.05,
      alternative: "two-sided",
    });
    for (const schema of [bootstrapOptions, mannWhitneyOptions, hodgesLehmannOptions, significanceDesign]) {
      for (const doc of describeOptions(schema)) expect(doc.description, doc.key).toMatch(/\S/);
    }
  });
});
