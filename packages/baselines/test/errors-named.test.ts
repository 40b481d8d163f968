import { createDataset, type Problem } from "@arena/datasets";
import { describe, expect, it } from "vitest";
import { type BaselineMethod, baselineMethods, fitBaseline, fitBaselines } from "../src/index.ts";

const ds = (n: number) =>
  createDataset(
    Float32Array.from({ length: 2 * n }, (_, i) => i % 5),
    [2],
    new Float32Array(n).fill(1),
    [1],
  );

const regression: Problem = {
  name: "tiny",
  task: "regression",
  metric: "rmse",
  train: ds(6),
  validation: ds(3),
  test: ds(3),
};

describe("errors name the bad value", () => {
  it("an unknown method", () => {
    expect(() => fitBaseline("median" as BaselineMethod, regression)).toThrow(
      /unknown baseline method "median"; expected one of majority, mean, naive, seasonal-naive, linear/,
    );
  });

  it("a method that does not apply, with the reason", () => {
    expect(() => fitBaseline("majority", regression)).toThrow(
      /tiny: baseline "majority" does not apply: regression: the trivial baseline is the mean/,
    );
    expect(() => fitBaseline("naive", regression)).toThrow(/not a forecasting problem/);
  });

  it("an unknown option", () => {
    expect(() => fitBaseline("mean", regression, { lambda: 1 } as never)).toThrow(
      /unknown option "lambda"; expected loss/,
    );
  });

  it("a metric that does not go with the task", () => {
    expect(() => baselineMethods({ ...regression, metric: "accuracy" })).toThrow(
      /metric "accuracy" does not go with task "regression"; expected "rmse"/,
    );
  });

  it("splits of different shapes", () => {
    const other = createDataset(new Float32Array(3), [3], new Float32Array(1), [1]);
    expect(() => fitBaselines({ ...regression, test: other })).toThrow(
      /test has xShape \[3\], yShape \[1\]; expected train's \[2\], \[1\]/,
    );
  });

  it("an empty training split: nothing applies, fitting says why", () => {
    const empty = {
      ...regression,
      train: { ...regression.train, n: 0, x: new Float32Array(0), y: new Float32Array(0) },
    };
    const plan = baselineMethods(empty);
    expect(plan.applicable).toEqual([]);
    expect(plan.skipped.every((s) => s.reason === "the training split is empty")).toBe(true);
    expect(() => fitBaseline("mean", empty)).toThrow(/"mean" does not apply: the training split is empty/);
  });

  it("empty validation and test: NaN figures, λ falls back to the smallest positive value", () => {
    const none = { ...regression, validation: ds(0), test: ds(0) };
    const [mean, linear] = fitBaselines(none);
    expect(mean.test).toEqual({ loss: Number.NaN, metric: Number.NaN });
    expect(linear.validation.metric).toBeNaN();
    expect(linear.settings.lambdaFactor).toBe(1e-6);
    expect(linear.description).toMatch(/no validation samples to choose on/);
    expect(linear.train.metric).toBeLessThan(1e-6); // constant targets
  });
});
