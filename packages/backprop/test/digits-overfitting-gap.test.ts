/**
 * Overfitting: 100 training images of optdigits and a 64-64-10 MLP trained far past the point of best
 * validation. The gap is the validation loss minus the training loss (mean cross-entropy) of the
 * parameters training returns; L2 (λ = 0.003) and early stopping (patience 10 epochs, best parameters
 * restored) must both shrink it.
 */
import { getProblem } from "@arena/datasets";
import { createModel, type MlpSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type TrainOptions, train } from "../src/index.ts";

describe("digits with 100 training samples", () => {
  // About 3 s: three runs of up to 200 epochs of 7 minibatches.
  it("shows a train/validation gap that L2 and early stopping both reduce", () => {
    const digits = getProblem("digits").load(new Rng(1), { trainSize: 100 });
    const spec: MlpSpec = { kind: "mlp", layers: [64, 64, 10], activation: "relu", output: "softmax" };
    const options: TrainOptions = {
      optimizer: { kind: "adam", lr: 0.01 },
      rng: new Rng(1),
      batchSize: 16,
      epochs: 200,
      diagnostics: false,
    };
    const run = (s: MlpSpec, extra: Partial<TrainOptions>) => {
      const model = createModel(s, new Rng("init/1"));
      const r = train(model, digits, { ...options, ...extra });
      const f = r.final;
      return { r, gap: (f.valLoss ?? Number.NaN) - f.trainLoss, f };
    };
    const plain = run(spec, {});
    const l2 = run({ ...spec, l2: 0.003 }, {});
    const early = run(spec, { earlyStopping: { patience: 10 } });
    const line = (name: string, x: typeof plain) =>
      `${name}: train loss ${x.f.trainLoss.toFixed(3)} acc ${x.f.trainMetric.toFixed(3)}, ` +
      `validation loss ${x.f.valLoss?.toFixed(3)} acc ${x.f.valMetric?.toFixed(3)}, gap ${x.gap.toFixed(3)}`;
    console.info(
      [
        line("no regularisation", plain),
        line("L2 0.003", l2),
        line(`early stopping (step ${early.r.best?.step})`, early),
      ].join("\n"),
    );
    // The plain run memorises the 100 images and its validation loss has turned up.
    expect(plain.f.trainMetric).toBe(1);
    expect(plain.f.trainLoss).toBeLessThan(0.01);
    const bestVal = plain.r.best?.valLoss ?? Number.NaN;
    expect(plain.f.valLoss).toBeGreaterThan(1.1 * bestVal);
    expect(plain.gap).toBeGreaterThan(0.3);
    // Both remedies shrink the gap, and neither makes the validation loss worse.
    expect(l2.gap).toBeLessThan(0.8 * plain.gap);
    expect(early.gap).toBeLessThan(0.9 * plain.gap);
    expect(early.r.status).toBe("early-stopped");
    expect(early.r.restoredBest).toBe(true);
    expect(l2.f.valLoss).toBeLessThan(plain.f.valLoss ?? Number.NaN);
    expect(early.f.valLoss).toBeLessThan(plain.f.valLoss ?? Number.NaN);
  });
});
