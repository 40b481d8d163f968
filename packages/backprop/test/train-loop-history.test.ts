import { Mlp, type MlpSpec, RecurrentNet } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { Momentum, Sgd, type TrainCheckpoint, train } from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const SPEC: MlpSpec = { kind: "mlp", layers: [2, 8, 3], activation: "tanh", output: "softmax" };
const data = { train: blobs("train", 50), validation: blobs("validation", 30) };

describe("train", () => {
  it("checkpoints at step 0, every evalEvery updates and at the end, with train and validation figures", () => {
    const model = new Mlp(SPEC, new Rng(1));
    const seen: TrainCheckpoint[] = [];
    const r = train(model, data, {
      optimizer: { kind: "adam", lr: 0.02 },
      rng: new Rng(2),
      batchSize: 8,
      epochs: 10,
      evalEvery: 15,
      onCheckpoint: (c) => seen.push(c),
    });
    // 50 samples in batches of 8: 7 updates per epoch, 70 in all.
    expect(r.status).toBe("completed");
    expect(r.steps).toBe(70);
    expect(r.epochs).toBe(10);
    expect(r.history.map((c) => c.step)).toEqual([0, 15, 30, 45, 60, 70]);
    expect(seen).toEqual(r.history);
    const first = r.history[0];
    const last = r.history[r.history.length - 1];
    expect(first.batchLoss).toBeNaN();
    expect(first.diagnostics).toBeUndefined();
    expect(last.epoch).toBe(10);
    expect(last.evaluations).toBe(500);
    expect(last.trainLoss).toBeLessThan(first.trainLoss / 3);
    expect(last.valMetric).toBeGreaterThan(0.9);
    expect(Object.keys(last.diagnostics ?? {})).toEqual(["grad_norm/dense0", "grad_norm/dense1"]);
    // The figures are the model's own evaluation of the returned parameters.
    expect(r.final.trainLoss).toBe(model.evaluate(data.train).loss);
    expect(r.final.valLoss).toBe(model.evaluate(data.validation).loss);
    expect(r.final.valLoss).toBe(last.valLoss);
    // Training cost: 10 epochs of 6 batches of 8 and one of 2, each with Adam's 13 FLOPs per parameter.
    const step = (b: number) => model.flops({ batch: b, backward: true }).total + 13 * model.size;
    expect(r.cost).toEqual({ flops: 10 * (6 * step(8) + step(2)), evaluations: 500 });
    const ev = (n: number) => model.flops({ batch: n }).forward;
    expect(r.evaluationCost).toEqual({ flops: 7 * (ev(50) + ev(30)), evaluations: 7 * 80 });
    expect(r.best?.valLoss).toBe(Math.min(...r.history.map((c) => c.valLoss ?? Number.NaN)));
  });

  it("is deterministic: same seeds, identical history and parameters; another seed, another run", () => {
    const run = (seed: number) => {
      const model = new Mlp({ ...SPEC, dropout: 0.2 }, new Rng(1));
      const r = train(model, data, {
        optimizer: { kind: "sgd", lr: 0.1 },
        rng: new Rng(seed),
        batchSize: 5,
        steps: 40,
      });
      return { history: r.history, params: Array.from(model.params) };
    };
    const a = run(3);
    expect(run(3)).toEqual(a);
    expect(run(4).params).not.toEqual(a.params);
  });

  it("stops at whichever comes first of steps and epochs, and takes an optimizer instance", () => {
    const model = new Mlp(SPEC, new Rng(1));
    const opt = new Momentum({ lr: 0.01 });
    const r = train(
      model,
      { train: data.train },
      { optimizer: opt, rng: new Rng(1), batchSize: 50, epochs: 5, steps: 3 },
    );
    expect(r.steps).toBe(3);
    expect(opt.stepCount).toBe(3);
    expect(r.best).toBeNull();
    expect(r.history[0].valLoss).toBeUndefined();
    expect(
      train(model, { train: data.train }, { optimizer: opt, rng: new Rng(1), batchSize: 20, epochs: 2 })
        .steps,
    ).toBe(6);
  });

  it("trains a recurrent net with truncated BPTT and records gradient norms through time", () => {
    const net = new RecurrentNet(
      { kind: "lstm", input: 2, hidden: 6, output: 1, readout: "last" },
      new Rng(1),
    );
    const seqs = randomSequences("train-rnn", 16, 20, 2, 1, "last");
    const r = train(
      net,
      { train: seqs },
      {
        optimizer: { kind: "adam", lr: 0.01 },
        rng: new Rng(2),
        batchSize: 8,
        epochs: 3,
        bptt: { k1: 5, k2: 8 },
        clip: { norm: 1 },
      },
    );
    expect(r.steps).toBe(6);
    const d = r.history[r.history.length - 1].diagnostics ?? {};
    expect(d["dh_norm/lstm0"]).toHaveLength(8);
    expect(Object.keys(d).sort()).toEqual(["dh_norm/lstm0", "grad_norm/lstm0", "grad_norm/readout"]);
    expect(r.history[r.history.length - 1].trainLoss).toBeLessThan(r.history[0].trainLoss);
  });

  it("rejects bad options with errors naming the key", () => {
    const model = new Mlp(SPEC, new Rng(1));
    const base = { optimizer: { kind: "sgd" as const, lr: 0.1 }, rng: new Rng(1), epochs: 1 };
    expect(() => train(model, data, { ...base, epoch: 3 } as never)).toThrow(
      'train: unknown key "epoch"; known keys: optimizer, gradient, batchSize, shuffle, clip, bptt, earlyStopping, evalEvery, rng, epochs, steps, diagnostics, onCheckpoint',
    );
    expect(() => train(model, data, { optimizer: base.optimizer, rng: base.rng } as never)).toThrow(
      /^train: expected epochs and\/or steps \(how long to train\) \(got \{/,
    );
    expect(() => train(model, data, { ...base, rng: {} } as never)).toThrow(
      "train: rng: expected an Rng from @arena/rng or a seed (a finite number or a string) (got {})",
    );
    expect(() => train(model, data, { ...base, batchSize: 0 })).toThrow(
      "train: batchSize: Too small: expected number to be >=1 (got 0)",
    );
    expect(() => train(model, data, { ...base, clip: { norm: -1 } })).toThrow(
      "train: clip.norm: Too small: expected number to be >0 (got -1)",
    );
    expect(() => train(model, data, { ...base, clip: {} })).toThrow(
      /train: clip: expected norm and\/or value \(a number > 0\)/,
    );
    expect(() => train(model, data, { ...base, onCheckpoint: 1 } as never)).toThrow(
      "train: onCheckpoint: expected a function (got 1)",
    );
    // An optimizer instance is kept; the other options are still checked.
    expect(() => train(model, data, { ...base, optimizer: new Sgd({ lr: 0.1 }), steps: 0 })).toThrow(
      "train: steps: Too small: expected number to be >=1 (got 0)",
    );
    expect(() => train(model, data, { ...base, bptt: { k1: 5, k2: 5 } })).toThrow(
      /bptt applies to recurrent models only/,
    );
    expect(() => train(model, { train: data.train }, { ...base, earlyStopping: { patience: 2 } })).toThrow(
      /earlyStopping needs a non-empty validation split/,
    );
    const empty = { ...data.validation, n: 0, x: new Float32Array(0), y: new Float32Array(0) };
    expect(() =>
      train(model, { train: data.train, validation: empty }, { ...base, earlyStopping: { patience: 2 } }),
    ).toThrow(/earlyStopping needs a non-empty validation split/);
    expect(train(model, { train: data.train, validation: empty }, base).history[0].valLoss).toBeUndefined();
    expect(() =>
      train(model, data, { ...base, optimizer: { kind: "adam", betas: [0.9, 0.99] } as never }),
    ).toThrow('train: optimizer: unknown key "betas"');
    expect(() =>
      train(model, data, { ...base, earlyStopping: { patience: 2, mode: "min" } as never }),
    ).toThrow(
      'train: earlyStopping: unknown key "mode"; known keys: patience, minDelta, restoreBest, monitor',
    );
  });
});
