import { getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { train } from "../src/index.ts";

// The test split is evaluated here, by the test, after training; `train` only sees train and validation.
describe("classification test accuracy after training", () => {
  it("iris: a 4-8-3 tanh MLP with Adam and early stopping reaches >= 95% test accuracy", () => {
    const iris = getProblem("iris").load(new Rng(1));
    const model = createModel(
      { kind: "mlp", layers: [4, 8, 3], activation: "tanh", output: "softmax" },
      new Rng("init/1"),
    );
    const r = train(model, iris, {
      optimizer: { kind: "adam", lr: 0.01 },
      rng: new Rng(1),
      batchSize: 16,
      epochs: 200,
      earlyStopping: { patience: 20 },
      diagnostics: false,
    });
    const test = model.evaluate(iris.test);
    console.info(
      `iris: ${r.status} after ${r.steps} steps, best validation at step ${r.best?.step}; ` +
        `train ${r.final.trainMetric.toFixed(3)}, validation ${r.final.valMetric?.toFixed(3)}, test ${test.accuracy?.toFixed(3)}`,
    );
    expect(test.accuracy).toBeGreaterThanOrEqual(0.95);
  });

  // Slow-ish (about 2-4 s): 60 epochs over 3058 images.
  it("digits (optdigits train/test): a 64-64-10 ReLU MLP reaches >= 95% test accuracy", () => {
    const digits = getProblem("digits").load(new Rng(1));
    const model = createModel(
      { kind: "mlp", layers: [64, 64, 10], activation: "relu", output: "softmax" },
      new Rng("init/1"),
    );
    const r = train(model, digits, {
      optimizer: { kind: "adam", lr: 2e-3 },
      rng: new Rng(1),
      batchSize: 32,
      epochs: 60,
      earlyStopping: { patience: 10 },
      diagnostics: false,
    });
    const test = model.evaluate(digits.test);
    console.info(
      `digits: ${r.status} after ${r.steps} steps (${r.epochs.toFixed(1)} epochs), best validation at step ${r.best?.step}; ` +
        `train ${r.final.trainMetric.toFixed(4)}, validation ${r.final.valMetric?.toFixed(4)}, test ${test.accuracy?.toFixed(4)}`,
    );
    expect(digits.test.n).toBe(1797);
    expect(test.accuracy).toBeGreaterThanOrEqual(0.95);
  });
});
