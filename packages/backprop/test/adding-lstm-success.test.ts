/**
 * The adding problem of Hochreiter & Schmidhuber (1997), Experiment 4, at T = 20 (the paper's variant:
 * values in [−1, 1], target 0.5 + (X1 + X2)/4). Their success criterion: absolute error below 0.04 on
 * at least 95% of the test sequences. Full BPTT, Adam with a cosine-annealed rate.
 */
import { getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { train } from "../src/index.ts";

describe("adding problem, T = 20", () => {
  // Slow (about 5-8 s on the shared 2-core machine): 50 epochs of 1200 sequences of 20 steps.
  it("an LSTM with 16 units gets |error| < 0.04 on >= 95% of the test sequences", () => {
    const adding = getProblem("adding").load(new Rng(1), { length: 20, variant: "hochreiter-1997" });
    const model = createModel(
      { kind: "lstm", input: 2, hidden: 16, output: 1, readout: "last" },
      new Rng("init/1"),
    );
    const epochs = 50;
    const steps = Math.ceil(adding.train.n / 32) * epochs;
    const t0 = performance.now();
    const r = train(model, adding, {
      optimizer: { kind: "adam", lr: { kind: "cosine", lr: 0.01, steps, minLr: 5e-4 } },
      rng: new Rng(1),
      batchSize: 32,
      epochs,
      evalEvery: steps / 5,
      diagnostics: false,
    });
    const seconds = (performance.now() - t0) / 1000;
    const pred = model.predict(adding.test.x, adding.test.n);
    let solved = 0;
    for (let i = 0; i < adding.test.n; i++) if (Math.abs(pred[i] - adding.test.y[i]) < 0.04) solved++;
    const rate = solved / adding.test.n;
    console.info(
      `adding T=20: ${(100 * rate).toFixed(2)}% of ${adding.test.n} test sequences within 0.04 after ${r.steps} steps ` +
        `(${r.cost.flops.toExponential(2)} FLOPs, ${seconds.toFixed(1)} s); validation RMSE ${r.final.valMetric?.toFixed(4)}`,
    );
    expect(r.status).toBe("completed");
    expect(adding.info?.successAbsError).toBe(0.04);
    expect(rate).toBeGreaterThanOrEqual(0.95);
  });
});
