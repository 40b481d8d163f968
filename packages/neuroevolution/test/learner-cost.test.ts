import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner, randomSearchLearner } from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

/**
 * Forward FLOPs of one sample through the 2-4-1 sigmoid/MSE MLP, by nn's conventions counted by hand:
 * dense0 2·2·4 (gemm) + 4 (bias) + 4 (sigmoid) = 24; dense1 2·4·1 + 1 (bias) = 9; output sigmoid and
 * squared error 1 + 3 = 4. Total 37 per sample, 148 for the four XOR points.
 */
const XOR_SAMPLE_FLOPS = 37;

function regression(n: number, seed: number) {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 3);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < 3; j++) x[i * 3 + j] = rng.normal();
    y[i] = x[i * 3] - 0.5 * x[i * 3 + 1];
  }
  return { train: { n, x, xShape: [3], y, yShape: [1] } };
}

const model = createModel(XOR_241, new Rng(1));
const dim = 17; // 2·4 + 4 + 4·1 + 1

describe("cost per step: evaluations = candidates × samples, FLOPs = forward + optimizer arithmetic", () => {
  it("the model has the size and per-sample FLOPs the hand count says", () => {
    expect(model.size).toBe(dim);
    expect(model.flops({ batch: 1 }).forward).toBe(XOR_SAMPLE_FLOPS);
  });

  it("GA: 50 × 4 samples, plus Gaussian mutation of every gene of the 49 children (3 FLOPs each)", () => {
    const ga = gaLearner(model, xorProblem, {}, new Rng(2));
    for (let g = 0; g < 3; g++) {
      expect(ga.step()).toEqual({ evaluations: 50 * 4, flops: 50 * 4 * XOR_SAMPLE_FLOPS + 49 * dim * 3 });
    }
  });

  it("GA with SBX and polynomial mutation: the expected operator arithmetic", () => {
    const ga = gaLearner(
      model,
      xorProblem,
      {
        population: 21,
        ga: {
          elitism: 1,
          crossover: { kind: "sbx" },
          crossoverRate: 0.5,
          mutation: { kind: "polynomial", geneRate: 0.5 },
          mutationRate: 0.8,
        },
      },
      new Rng(2),
    );
    // 20 children in 10 pairs: 10 · 0.5 · 2·17 genes · 8 + 20 · 0.8 · 0.5 · 17 · 8 = 1360 + 1088
    expect(ga.step()).toEqual({ evaluations: 21 * 4, flops: 21 * 4 * XOR_SAMPLE_FLOPS + 1360 + 1088 });
  });

  it("PSO: 40 × 4 samples, plus 10 FLOPs per particle and weight for the move", () => {
    const pso = psoLearner(model, xorProblem, {}, new Rng(2));
    for (let g = 0; g < 3; g++) {
      expect(pso.step()).toEqual({ evaluations: 40 * 4, flops: 40 * 4 * XOR_SAMPLE_FLOPS + 10 * 40 * dim });
    }
  });

  it("PSO with SPSO 2011's hypersphere move: 20 FLOPs per particle and weight for the move", () => {
    const pso = psoLearner(model, xorProblem, { pso: { velocityUpdate: "hypersphere" } }, new Rng(2));
    expect(pso.state().config.pso).toMatchObject({ velocityUpdate: "hypersphere" });
    for (let g = 0; g < 3; g++) {
      expect(pso.step()).toEqual({ evaluations: 40 * 4, flops: 40 * 4 * XOR_SAMPLE_FLOPS + 20 * 40 * dim });
    }
  });

  it("random search: 50 × 4 samples, plus one multiply-add per drawn weight", () => {
    const rs = randomSearchLearner(model, xorProblem, {}, new Rng(2));
    expect(rs.step()).toEqual({ evaluations: 50 * 4, flops: 50 * 4 * XOR_SAMPLE_FLOPS + 2 * 50 * dim });
  });
});

describe("cost per step: minibatches, sequences and the running totals", () => {
  it("minibatch fitness: m samples per candidate; re-scored generations add top × N samples", () => {
    // 3-5-1 tanh/linear/MSE with L2: per sample 2·3·5 + 5 + 5 = 40, 2·5·1 + 1 = 11, loss 3 → 54;
    // the L2 penalty costs 2 per weight (15 + 5 = 20 weights) per candidate: 40.
    const m = createModel(
      { kind: "mlp", layers: [3, 5, 1], activation: "tanh", output: "linear", l2: 0.01 },
      new Rng(3),
    );
    const problem = regression(100, 4);
    const perSample = 54;
    const penalty = 2 * 20;
    expect(m.flops({ batch: 1 }).forward).toBe(perSample);
    const pso = psoLearner(
      m,
      problem,
      { population: 10, fitness: { minibatch: 16 }, rescore: { every: 3, top: 2 } },
      new Rng(5),
    );
    const move = 10 * 10 * m.size;
    const plain = { evaluations: 10 * 16, flops: 10 * (16 * perSample + penalty) + move };
    const rescored = {
      evaluations: plain.evaluations + 2 * 100,
      flops: plain.flops + 2 * (100 * perSample + penalty),
    };
    // Generations 1, 4, 7 re-score (every 3, starting with the first).
    const expected = [rescored, plain, plain, rescored, plain, plain, rescored];
    for (const e of expected) expect(pso.step()).toEqual(e);
  });

  it("a recurrent model counts every step of every sequence", () => {
    const rnn = createModel({ kind: "rnn", input: 2, hidden: 3, output: 1, readout: "last" }, new Rng(6));
    const rng = new Rng(7);
    const n = 12;
    const steps = 5;
    const x = rng.fillNormal(new Float32Array(n * steps * 2));
    const y = rng.fillNormal(new Float32Array(n));
    const problem = { train: { n, x, xShape: [steps, 2], y, yShape: [1] } };
    const ga = gaLearner(rnn, problem, { population: 8 }, new Rng(8));
    // per step 2·(2 + 3)·3 (input and recurrent gemms) + 3 (bias) + 3 (tanh) = 36, five steps 180;
    // readout 2·3·1 + 1 = 7; linear output with squared error 3: 190 per sequence
    const perSequence = 190;
    expect(rnn.flops({ batch: 1, steps }).forward).toBe(perSequence);
    expect(ga.step()).toEqual({ evaluations: 8 * n, flops: 8 * n * perSequence + 7 * rnn.size * 3 });
  });

  it("the counters add up the steps' costs", () => {
    const pso = psoLearner(model, xorProblem, {}, new Rng(9));
    let flops = 0;
    let evaluations = 0;
    for (let g = 0; g < 5; g++) {
      const c = pso.step();
      flops += c.flops;
      evaluations += c.evaluations;
    }
    expect(pso.spent).toEqual({ flops, evaluations });
    expect(pso.generation).toBe(5);
  });
});
