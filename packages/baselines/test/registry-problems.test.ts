import { getProblem, type Problem } from "@arena/datasets";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type BaselineResult, baselineMethods, fitBaselines } from "../src/index.ts";

function load(name: string, options: Record<string, unknown> = {}): Problem {
  return getProblem(name).load(new Rng("x"), options);
}

function byMethod(results: BaselineResult[]): Record<string, BaselineResult> {
  return Object.fromEntries(results.map((r) => [r.method, r]));
}

describe("baselines of registry problems", () => {
  it("iris: majority near 1/3, the ridge classifier well above it", () => {
    const p = load("iris");
    expect(baselineMethods(p).applicable).toEqual(["majority", "linear"]);
    const b = byMethod(fitBaselines(p));
    expect(b.majority.test.metric).toBeCloseTo(1 / 3, 1);
    expect(b.linear.test.metric).toBeGreaterThan(b.majority.test.metric + 0.3);
    expect(b.linear.validation.metric).toBeGreaterThan(0.8);
    expect(b.linear.parameters).toBe(4 * 3 + 3);
    expect(b.majority.lossKind).toBe("cross-entropy");
  });

  it("moons: majority 0.5, a linear boundary gets most points", () => {
    const b = byMethod(fitBaselines(load("moons")));
    expect(b.majority.test.metric).toBe(0.5);
    expect(b.linear.test.metric).toBeGreaterThan(0.8);
    expect(b.linear.test.metric).toBeLessThan(0.95); // the moons are not linearly separable
  });

  it("digits with 100 training images: majority ≈ 0.1, ridge on 64 pixels ≈ 0.9", () => {
    const p = load("digits", { trainSize: 100 });
    const b = byMethod(fitBaselines(p));
    expect(b.majority.test.metric).toBeLessThan(0.12);
    expect(b.linear.test.metric).toBeGreaterThan(0.8);
    expect(b.linear.settings.inputs).toBe(64);
  });

  it("faces 16×16: ridge on 256 pixels (more than the 240 training images) recognises most people", () => {
    const b = byMethod(fitBaselines(load("faces", { size: 16 })));
    expect(b.majority.test.metric).toBe(1 / 40);
    expect(b.linear.settings.lambdaFactor).toBeGreaterThan(0); // λ = 0 is singular with d > n
    expect(b.linear.test.metric).toBeGreaterThan(0.8);
  });

  it("airline: mean, naive, seasonal naive and AR(12), each naive figure recomputed from the windows", () => {
    const loaded = load("airline");
    // The registry may not mark airline as a forecast yet; its season is 12 months.
    const p: Problem = { ...loaded, forecast: loaded.forecast ?? { period: 12 } };
    expect(baselineMethods(p).applicable).toEqual(["mean", "naive", "seasonal-naive", "linear"]);
    const b = byMethod(fitBaselines(p));
    const rmse = (lag: number) => {
      const { n, x, y } = p.test;
      let s = 0;
      for (let i = 0; i < n; i++) s += (x[i * 12 + 12 - lag] - y[i]) ** 2;
      return Math.sqrt(s / n);
    };
    expect(b.naive.test.metric).toBeCloseTo(rmse(1), 12);
    expect(b["seasonal-naive"].test.metric).toBeCloseTo(rmse(12), 12);
    expect(b["seasonal-naive"].settings.period).toBe(12);
    expect(b.linear.settings.lag).toBe(12);
    expect(b.linear.test.metric).toBeLessThan(b.naive.test.metric);
    // The trend carries the test years far above the training mean.
    expect(b.mean.test.metric).toBeGreaterThan(b.naive.test.metric);
  });

  it("adding (T = 50): the mean predicts ≈ 1, RMSE ≈ √(1/6); a linear map of the sequence barely helps", () => {
    const p = load("adding", { length: 50 });
    expect(baselineMethods(p).applicable).toEqual(["mean", "linear"]);
    const b = byMethod(fitBaselines(p));
    expect(b.mean.settings.mean).toBeCloseTo(1, 1);
    expect(b.mean.test.metric).toBeCloseTo(Math.sqrt(1 / 6), 1);
    expect(b.linear.settings.inputs).toBe(100);
    expect(b.linear.test.metric).toBeGreaterThan(0.35);
  });

  it("copy: majority (blank) counted over every step; no linear map of the whole sequence", () => {
    const p = load("copy");
    const plan = baselineMethods(p);
    expect(plan.applicable).toEqual(["majority"]);
    expect(plan.skipped.find((s) => s.method === "linear")?.reason).toMatch(/targets at every step/);
    const [majority] = fitBaselines(p);
    expect(majority.settings.className).toBe("blank");
    expect(majority.test.metric).toBeCloseTo(15 / 20, 12); // 2L + delay = 20 steps, L = 5 to recall
  });

  it("shakespeare (one-hot, last character): linear is skipped, naming d", () => {
    const p = load("shakespeare-chars", { readout: "last", windows: 1000 });
    const reason = baselineMethods(p).skipped.find((s) => s.method === "linear")?.reason;
    expect(reason).toMatch(/^d = 2080 inputs/);
  });
});
