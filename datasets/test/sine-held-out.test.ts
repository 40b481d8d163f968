import { parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type Dataset, getProblem, SINE_NOISE, sampleKeys } from "../src/index.ts";

/** RMSE of the naive forecast (the last input value) over a split of a one-step forecasting problem. */
function naiveRmse(d: Dataset): number {
  const L = d.xShape[0];
  let s = 0;
  for (let i = 0; i < d.n; i++) s += (d.x[i * L + L - 1] - d.y[i]) ** 2;
  return Math.sqrt(s / d.n);
}

const sine = getProblem("sine");

describe("sine: a held-out test", () => {
  it("defaults to a noisy wave whose validation and test differ from each other and from train", () => {
    expect(parseOptions("sine", sine.options, {}).noise).toBe(SINE_NOISE);
    expect(SINE_NOISE).toBe(0.05);
    expect(sine.testIsTrain).toBe(false);
    expect(sine.description).toMatch(/noise σ = 0\.05/);
    for (const seed of ["data/1", "data/2", "data/3"]) {
      const p = sine.load(new Rng(seed));
      expect(p.testIsTrain).toBe(false);
      expect([p.train.n, p.validation.n, p.test.n]).toEqual([680, 150, 150]);
      // Any model's figures differ between validation and test; here the naive forecast's.
      const v = naiveRmse(p.validation);
      const t = naiveRmse(p.test);
      expect(v).not.toBe(t);
      expect(Math.abs(v - t)).toBeGreaterThan(1e-4);
      const inTrain = new Set(sampleKeys(p.train));
      expect(sampleKeys(p.validation).some((k) => inTrain.has(k))).toBe(false);
      expect(sampleKeys(p.test).some((k) => inTrain.has(k))).toBe(false);
      expect(p.info?.duplicatesDropped).toBe(0);
    }
  });

  it("noise 0 is still allowed, and the problem then says that its test is its training data", () => {
    const p = sine.load(new Rng("data/1"), { noise: 0 });
    expect(p.testIsTrain).toBe(true);
    // Why: a clean period-25 wave has 25 distinct windows, and every held-out window is one of train's.
    const inTrain = new Set(sampleKeys(p.train));
    expect(new Set(sampleKeys(p.train)).size).toBe(25);
    expect(sampleKeys(p.test).every((k) => inTrain.has(k))).toBe(true);
    expect(sampleKeys(p.validation).every((k) => inTrain.has(k))).toBe(true);
    expect(p.test.x).toEqual(p.validation.x);
    // Marked, not thinned: all windows stay.
    expect([p.validation.n, p.test.n]).toEqual([150, 150]);
  });

  it("forecast.period is the period when it is an integer, absent otherwise", () => {
    expect(sine.load(new Rng(1)).forecast).toEqual({ period: 25 });
    expect(sine.load(new Rng(1), { period: 12 }).forecast).toEqual({ period: 12 });
    expect(sine.load(new Rng(1), { period: 25.5 }).forecast).toEqual({});
  });
});
