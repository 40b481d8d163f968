import { DivergenceError, Mlp, RecurrentNet } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { BackpropStepper, Sgd, train } from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const spec = {
  kind: "mlp" as const,
  layers: [2, 8, 3],
  activation: "relu" as const,
  output: "softmax" as const,
};
const data = { train: blobs("div", 40), validation: blobs("div-val", 20) };

describe("divergence", () => {
  it("train: a runaway learning rate ends the run with status diverged and the step, without throwing", () => {
    const model = new Mlp(spec, new Rng(1));
    const r = train(model, data, {
      optimizer: { kind: "sgd", lr: 1e30 },
      rng: new Rng(1),
      batchSize: 10,
      epochs: 50,
    });
    expect(r.status).toBe("diverged");
    const d = r.divergence;
    if (d === null) throw new Error("no divergence recorded");
    expect(d.step).toBeGreaterThan(1);
    expect(d.step).toBeLessThan(50);
    expect(d.message).toMatch(/is (NaN|Infinity|-Infinity)/);
    // the parameters are those of the last good update, and finite
    expect(r.steps).toBe(d.step - 1);
    expect(model.params.every(Number.isFinite)).toBe(true);
    expect(d.flops).toBeGreaterThan(0);
  });

  it("the stepper throws nn's DivergenceError with the step and the FLOPs, leaving the parameters untouched", () => {
    const model = new Mlp(spec, new Rng(1));
    const s = new BackpropStepper(model, data.train, {
      optimizer: new Sgd({ lr: 0.1 }),
      batchSize: 10,
      rng: new Rng(1),
    });
    s.step();
    s.step();
    const good = Float32Array.from(model.params);
    const spent = s.flops;
    model.params[3] = Number.NaN;
    good[3] = Number.NaN;
    let err: unknown;
    try {
      s.step();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DivergenceError);
    const de = err as DivergenceError;
    expect(de.step).toBe(3);
    expect(de.flops).toBe(spent + model.flops({ batch: 10, backward: true }).total);
    expect(de.message).toMatch(/loss is NaN at step 3/);
    expect(Array.from(model.params)).toEqual(Array.from(good));
    expect(s.steps).toBe(2);
  });

  it("an update that overflows float32 is undone and reported, even with a finite loss and gradient", () => {
    const model = new Mlp(spec, new Rng(1));
    const start = Float32Array.from(model.params);
    const s = new BackpropStepper(model, data.train, {
      optimizer: new Sgd({ lr: 1e40 }),
      batchSize: 40,
      rng: new Rng(1),
    });
    expect(() => s.step()).toThrow(/the update overflowed the parameters at step 1/);
    expect(model.params).toEqual(start);
  });

  it("an exploding recurrent net is caught by its gradient or loss, chunk by chunk", () => {
    const net = new RecurrentNet(
      { kind: "rnn", input: 1, hidden: 8, output: 1, readout: "every-step" },
      new Rng(1),
    );
    const U = net.layers[0].params.U;
    for (let i = 0; i < U.length; i++) U[i] *= 1e20;
    const seqs = randomSequences("explode", 4, 12, 1, 1, "every-step");
    const r = train(
      net,
      { train: seqs },
      {
        optimizer: { kind: "sgd", lr: 1e20 },
        rng: new Rng(1),
        batchSize: 4,
        epochs: 20,
        bptt: { k1: 4, k2: 4, update: "sequence" },
      },
    );
    expect(r.status).toBe("diverged");
    // U·1e20 saturates every tanh and the first chunk's gradient is already not finite
    expect(r.divergence?.message).toMatch(/is (NaN|Infinity) at step 1 \(chunk 1 of 3\)/);
    expect(r.steps).toBe(0);
  });
});
