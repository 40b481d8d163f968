import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  airlineSeries,
  getProblem,
  problems,
  restoreScaler,
  type ScalerState,
  seriesProblem,
} from "../src/index.ts";

const RAMP_MODEL = { kind: "mlp", layers: [3, 1], activation: "tanh", output: "linear" } as const;

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
      /^airline: inputLength: too few values: the training part has 96, fewer than the 101 one window needs .*\(got 100\)$/,
    );
  });

  it("log transform: the series is logged before scaling", () => {
    const p = getProblem("airline").load(new Rng(1), { transform: "log", scale: "none" });
    expect(p.train.x[0]).toBeCloseTo(Math.log(112), 5);
  });

  it("every forecasting problem says so in forecast, with its season when it has one", () => {
    const forecasting = new Map<string, unknown>([
      ["airline", { period: 12 }],
      ["sine", { period: 25 }],
      ["mackey-glass", {}],
    ]);
    for (const e of problems()) {
      const p = e.load(new Rng(1), e.name === "shakespeare-chars" ? { windows: 10, evalWindows: 10 } : {});
      expect(p.forecast, e.name).toEqual(forecasting.get(e.name));
    }
    expect(getProblem("airline").load(new Rng(1), { period: 6 }).forecast).toEqual({ period: 6 });
    expect(() => getProblem("airline").load(new Rng(1), { period: 1 })).toThrow(
      "airline: period: Too small: expected number to be >=2 (got 1)",
    );
  });

  it("forecast: seriesProblem passes the period on and rejects a non-integer one", () => {
    const series = Array.from({ length: 50 }, (_, t) => Math.sin(t));
    const o = { inputLength: 3, horizon: 1, validation: 0.2, test: 0.2, scale: "none" } as const;
    const meta = { name: "wave", description: "", model: RAMP_MODEL };
    expect(seriesProblem(series, o, meta).forecast).toEqual({});
    expect(seriesProblem(series, o, { ...meta, period: 7 }).forecast).toEqual({ period: 7 });
    expect(() => seriesProblem(series, o, { ...meta, period: 6.5 })).toThrow(
      "wave: period: expected an integer >= 1 (got 6.5)",
    );
  });

  it("a held-out window identical to an earlier split's window is dropped and counted", () => {
    // 0..59, then 0..19 again (validation), then 80..99 (test): validation windows reading 0..19 repeat
    // training windows exactly, except the first three, whose inputs reach back into 57..59.
    const series = [...Array.from({ length: 60 }, (_, t) => t), ...Array.from({ length: 20 }, (_, t) => t)];
    for (let t = 80; t < 100; t++) series.push(t);
    const o = { inputLength: 3, horizon: 1, validation: 0.2, test: 0.2, scale: "none" } as const;
    const p = seriesProblem(series, o, { name: "repeat", description: "", model: RAMP_MODEL });
    expect(Array.from(p.validation.y)).toEqual([0, 1, 2]);
    expect(p.test.n).toBe(20);
    expect(p.info?.duplicatesDropped).toBe(17);
    expect(p.testIsTrain).toBe(false);
    // A problem that knows its windows recur keeps them and says so instead.
    const marked = seriesProblem(series, o, {
      name: "repeat",
      description: "",
      model: RAMP_MODEL,
      testIsTrain: true,
    });
    expect([marked.validation.n, marked.info?.duplicatesDropped, marked.testIsTrain]).toEqual([20, 0, true]);
  });
});
