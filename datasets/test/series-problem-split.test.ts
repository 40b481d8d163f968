import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { airlineSeries, getProblem, restoreScaler, type ScalerState, seriesProblem } from "../src/index.ts";

describe("forecasting problems", () => {
  it("airline: chronological split, targets never shared, scaler fitted on the first 96 months", () => {
    const p = getProblem("airline").load(new Rng(1));
    const raw = airlineSeries().values;
    expect(p.info?.splitPoints).toEqual({ validationStart: 96, testStart: 120 });
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([84, 24, 24]);
    const scaler = restoreScaler(p.info?.featureScaler as ScalerState);
    const mean = raw.subarray(0, 96).reduce((a, b) => a + b) / 96;
    const state = scaler.state();
    expect(state.kind).toBe("standard");
    expect(state.kind === "standard" && state.mean[0]).toBeCloseTo(mean, 9);
    // Back in passenger units: train targets are months 12..95, validation 96..119, test 120..143.
    const back = (y: Float32Array) => Array.from(scaler.inverseTransform(y), (v) => Math.round(v));
    expect(back(p.train.y)).toEqual(Array.from(raw.subarray(12, 96)));
    expect(back(p.validation.y)).toEqual(Array.from(raw.subarray(96, 120)));
    expect(back(p.test.y)).toEqual(Array.from(raw.subarray(120, 144)));
    // The first test window reads the 12 months before 1959-01 (history, known at forecast time).
    expect(back(p.test.x.subarray(0, 12))).toEqual(Array.from(raw.subarray(108, 120)));
    expect(p.info?.rmseScale).toBeCloseTo(scaler.unitOf(0), 12);
  });

  it("a window with horizon h belongs to the split holding all h targets", () => {
    const series = Array.from({ length: 100 }, (_, t) => t);
    const p = seriesProblem(
      series,
      { inputLength: 5, horizon: 3, validation: 0.2, test: 0.2, scale: "none" },
      {
        name: "ramp",
        description: "",
        model: { kind: "mlp", layers: [5, 3], activation: "tanh", output: "linear" },
      },
    );
    const targets = (y: Float32Array) => Array.from(y);
    const tr = targets(p.train.y);
    const va = targets(p.validation.y);
    const te = targets(p.test.y);
    expect(Math.max(...tr)).toBeLessThan(60);
    expect(Math.min(...va)).toBeGreaterThanOrEqual(60);
    expect(Math.max(...va)).toBeLessThan(80);
    expect(Math.min(...te)).toBeGreaterThanOrEqual(80);
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([53, 18, 18]);
  });

  it("rejects windows that do not fit", () => {
    expect(() => getProblem("airline").load(new Rng(1), { inputLength: 100 })).toThrow(
      /training part has 96 values/,
    );
  });

  it("log transform: the series is logged before scaling", () => {
    const p = getProblem("airline").load(new Rng(1), { transform: "log", scale: "none" });
    expect(p.train.x[0]).toBeCloseTo(Math.log(112), 5);
  });
});
