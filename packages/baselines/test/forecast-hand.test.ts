import { createDataset, type Dataset, type Problem, seriesProblem } from "@arena/datasets";
import { describe, expect, it } from "vitest";
import { baselineMethods, fitBaseline, ridgeSystem, solveRidge } from "../src/index.ts";

/** Windows [L, 1] → [H] given as rows of inputs and targets. */
function windows(inputs: number[][], targets: number[][]): Dataset {
  const L = inputs[0].length;
  const H = targets[0].length;
  return createDataset(Float32Array.from(inputs.flat()), [L, 1], Float32Array.from(targets.flat()), [H]);
}

function forecastProblem(train: Dataset, validation: Dataset, test: Dataset, period?: number): Problem {
  return {
    name: "hand-series",
    task: "regression",
    metric: "rmse",
    train,
    validation,
    test,
    forecast: period === undefined ? {} : { period },
  };
}

describe("naive and seasonal naive forecasts", () => {
  // L = 3, horizon 2, period 2.
  const p = forecastProblem(
    windows(
      [
        [1, 2, 4],
        [0, 5, 1],
      ],
      [
        [3, 5],
        [6, 2],
      ],
    ),
    windows([[2, 2, 2]], [[3, 1]]),
    windows([[9, 7, 8]], [[8, 8]]),
    2,
  );

  it("naive: the last window value for every horizon step, RMSE by hand", () => {
    const r = fitBaseline("naive", p);
    // Train: predictions [4, 4] and [1, 1]; errors 1, −1, −5, −1 → MSE 28 / 4 = 7.
    expect(r.train.loss).toBeCloseTo(7, 12);
    expect(r.train.metric).toBeCloseTo(Math.sqrt(7), 12);
    // Validation: [2, 2] against [3, 1] → MSE 1. Test: [8, 8] against [8, 8] → 0.
    expect(r.validation.metric).toBeCloseTo(1, 12);
    expect(r.test.metric).toBe(0);
    expect(r.parameters).toBe(0);
    expect(r.role).toBe("naive");
  });

  it("seasonal naive: the value one period before each target, RMSE by hand", () => {
    const r = fitBaseline("seasonal-naive", p);
    expect(r.settings.period).toBe(2);
    // Window steps L − p + h = 1, 2: train [2, 4] and [5, 1] against [3, 5], [6, 2] → errors all −1 → RMSE 1.
    expect(r.train.metric).toBeCloseTo(1, 12);
    // Validation [2, 2] against [3, 1] → 1. Test [7, 8] against [8, 8] → errors −1, 0 → MSE 0.5.
    expect(r.validation.metric).toBeCloseTo(1, 12);
    expect(r.test.loss).toBeCloseTo(0.5, 12);
    expect(r.test.metric).toBeCloseTo(Math.sqrt(0.5), 12);
  });

  it("seasonal naive beyond one period repeats the last observed season (horizon 3, period 2)", () => {
    const long = forecastProblem(
      windows([[7, 8, 9]], [[1, 1, 1]]),
      windows([[0, 0, 0]], [[0, 0, 0]]),
      windows([[1, 2, 3]], [[2, 3, 2]]),
      2,
    );
    const r = fitBaseline("seasonal-naive", long);
    // Predictions [8, 9, 8]: errors 7, 8, 7 → MSE (49 + 64 + 49) / 3 = 54; test [2, 3, 2] exactly.
    expect(r.train.loss).toBeCloseTo(54, 12);
    expect(r.test.metric).toBe(0);
    expect(r.description).toMatch(/last observed season/);
  });

  it("skips seasonal naive without a period, with a period longer than the window, or not an integer", () => {
    const reason = (period?: number) =>
      baselineMethods(forecastProblem(p.train, p.validation, p.test, period)).skipped.find(
        (s) => s.method === "seasonal-naive",
      )?.reason;
    expect(reason()).toMatch(/period is unset/);
    expect(reason(4)).toMatch(/season length 4 exceeds the window of 3 steps/);
    expect(reason(1.5)).toMatch(/season length 1.5 is not an integer/);
    expect(reason(3)).toBeUndefined();
    expect(() => fitBaseline("seasonal-naive", forecastProblem(p.train, p.validation, p.test))).toThrow(
      /"seasonal-naive" does not apply: no season length/,
    );
  });

  it("lists the forecasting baselines in display order", () => {
    expect(baselineMethods(p).applicable).toEqual(["mean", "naive", "seasonal-naive", "linear"]);
    const { forecast: _, ...plain } = p;
    expect(baselineMethods(plain).applicable).toEqual(["mean", "linear"]);
    expect(baselineMethods(plain).skipped.map((s) => s.method)).toEqual([
      "majority",
      "naive",
      "seasonal-naive",
    ]);
  });
});

describe("AR(L) by least squares", () => {
  it("recovers a noiseless AR(2) series: s_t = 0.52 + 1.7·s_{t−1} − 0.96·s_{t−2}", () => {
    const s = [5, 3];
    for (let t = 2; t < 150; t++) s.push(0.52 + 1.7 * s[t - 1] - 0.96 * s[t - 2]);
    const base = seriesProblem(
      s,
      { inputLength: 2, horizon: 1, validation: 0.2, test: 0.2, scale: "none" },
      {
        name: "ar2",
        description: "noiseless AR(2)",
        model: { kind: "mlp", layers: [2, 1], activation: "tanh", output: "linear" },
      },
    );
    const problem: Problem = { ...base, forecast: {} };
    const r = fitBaseline("linear", problem);
    expect(r.settings.lag).toBe(2);
    expect(r.description).toMatch(/^AR\(2\)/);
    // The series is stored in float32, so the fit is exact to float32 precision.
    expect(r.test.metric).toBeLessThan(1e-5);
    const fit = solveRidge(
      ridgeSystem(problem.train.x, problem.train.y, problem.train.n, 2, 1, "primal"),
      Number(r.settings.lambda),
    );
    // Window step 0 is s_{t−2}, step 1 is s_{t−1}.
    expect(fit?.weights[0]).toBeCloseTo(-0.96, 4);
    expect(fit?.weights[1]).toBeCloseTo(1.7, 4);
    expect(fit?.bias[0]).toBeCloseTo(0.52, 3);
    // Far better than the naive forecast on the same windows.
    expect(r.test.metric).toBeLessThan(fitBaseline("naive", problem).test.metric / 1000);
  });
});
