import { Mlp } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { EarlyStopping, train } from "../src/index.ts";
import { blobs } from "./training-fixtures.ts";

describe("EarlyStopping", () => {
  it("stops after patience evaluations without an improvement larger than minDelta, keeping the best", () => {
    const es = new EarlyStopping({ patience: 3, minDelta: 0.01 }, 1, false);
    const p = new Float32Array(1);
    const losses = [1, 0.8, 0.795, 0.79, 0.7, 0.71, 0.695, 0.72];
    const improved = losses.map((l, step) => {
      p[0] = step;
      return es.update(l, step, p);
    });
    // 0.795 and 0.79 are within minDelta of 0.8; 0.695 is within minDelta of 0.7
    expect(improved).toEqual([true, true, false, false, true, false, false, false]);
    expect(es.stopped).toBe(true);
    expect(es.bestStep).toBe(4);
    expect(es.bestValue).toBe(0.7);
    expect(es.bestParams[0]).toBe(4);
    expect(es.update(0.1, 8, p)).toBe(false); // ignored after the stop
  });

  it("maximises when higher is better, and never counts a non-finite value as an improvement", () => {
    const es = new EarlyStopping({ patience: 2 }, 0, true);
    const z = new Float32Array(0);
    expect([0.5, Number.NaN, 0.6, 0.6, Number.POSITIVE_INFINITY].map((v, i) => es.update(v, i, z))).toEqual([
      true,
      false,
      true,
      false,
      false,
    ]);
    expect(es.stopped).toBe(true);
    expect(es.bestValue).toBe(0.6);
  });

  it("checks its options", () => {
    expect(() => new EarlyStopping({ patience: 0 }, 1, false)).toThrow(
      "EarlyStopping: patience: Too small: expected number to be >=1 (got 0)",
    );
    expect(() => new EarlyStopping({ patience: 1, minDelta: -1 }, 1, false)).toThrow(
      "EarlyStopping: minDelta: Too small: expected number to be >=0 (got -1)",
    );
    expect(() => new EarlyStopping({ patience: 1, monitor: "acc" } as never, 1, false)).toThrow(
      'EarlyStopping: monitor: Invalid option: expected one of "loss"|"metric" (got "acc")',
    );
  });
});

describe("train with early stopping", () => {
  // 30 noisy training points and a large net: the validation loss turns up early.
  const data = { train: blobs("es-train", 30), validation: blobs("es-val", 60) };
  for (let i = 0; i < 30; i++) data.train.x[2 * i] += new Rng(`noise/${i}`).normal(0, 1.5);
  const spec = {
    kind: "mlp" as const,
    layers: [2, 64, 64, 3],
    activation: "relu" as const,
    output: "softmax" as const,
  };

  it("stops when patience runs out, reports the best step and restores its parameters", () => {
    const model = new Mlp(spec, new Rng(1));
    const r = train(model, data, {
      optimizer: { kind: "adam", lr: 0.01 },
      rng: new Rng(2),
      batchSize: 10,
      epochs: 500,
      earlyStopping: { patience: 5 },
    });
    expect(r.status).toBe("early-stopped");
    expect(r.steps).toBeLessThan(1500);
    const best = r.best;
    if (best === null) throw new Error("no best checkpoint");
    // the best is the checkpoint with the lowest validation loss, five checkpoints before the end
    expect(best.valLoss).toBe(Math.min(...r.history.map((c) => c.valLoss ?? Number.POSITIVE_INFINITY)));
    expect(r.history.length - 1 - best.checkpoint).toBe(5);
    expect(best.step).toBe(r.history[best.checkpoint].step);
    expect(r.restoredBest).toBe(true);
    expect(r.final.valLoss).toBe(best.valLoss);
    expect(r.history[r.history.length - 1].valLoss).toBeGreaterThan(best.valLoss);
  });

  it("keeps the last parameters with restoreBest false, and can monitor the metric", () => {
    const model = new Mlp(spec, new Rng(1));
    const r = train(model, data, {
      optimizer: { kind: "adam", lr: 0.01 },
      rng: new Rng(2),
      batchSize: 10,
      epochs: 500,
      earlyStopping: { patience: 5, restoreBest: false, monitor: "metric" },
    });
    expect(r.status).toBe("early-stopped");
    expect(r.restoredBest).toBe(false);
    const last = r.history[r.history.length - 1];
    expect(r.final.valLoss).toBe(last.valLoss);
    expect(r.best?.valMetric).toBe(Math.max(...r.history.map((c) => c.valMetric ?? 0)));
  });
});
