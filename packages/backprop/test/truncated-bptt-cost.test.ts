import { type FlopCount, Mlp, RecurrentNet, type RecurrentSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { Adam, BackpropStepper, type ResolvedBptt, Sgd } from "../src/index.ts";
import { blobs, randomSequences } from "./training-fixtures.ts";

const layerBackward = (f: FlopCount, l: number) => {
  const b = f.layers[l].backward;
  return b.matmul + b.bias + b.elementwise;
};

function firstStepFlops(spec: RecurrentSpec, T: number, bptt: ResolvedBptt | null, n = 4): number {
  const net = new RecurrentNet(spec, new Rng(1));
  const data = randomSequences(`cost-${T}`, n, T, spec.input, spec.output, spec.readout);
  const s = new BackpropStepper(net, data, {
    optimizer: new Sgd({ lr: 0 }),
    batchSize: n,
    rng: new Rng(2),
    bptt,
  });
  return s.step().flops;
}

describe("the cost of a step", () => {
  it("MLP: the model's forward + backward FLOPs for the batch, plus the optimizer's; evaluations = batch", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [2, 6, 3], activation: "tanh", output: "softmax" },
      new Rng(1),
    );
    const data = blobs(1, 10);
    const adam = new Adam({ lr: 1e-2 });
    const s = new BackpropStepper(net, data, { optimizer: adam, batchSize: 4, rng: new Rng(2) });
    const expected = (b: number) =>
      net.flops({ batch: b, backward: true }).total + adam.flopsPerStep(net.size);
    const got = [s.step(), s.step(), s.step()];
    expect(got.map((r) => r.flops)).toEqual([expected(4), expected(4), expected(2)]);
    expect(got.map((r) => r.evaluations)).toEqual([4, 4, 2]);
    expect(s.flops).toBe(2 * expected(4) + expected(2));
    expect(s.epoch).toBe(1);
  });

  it("clipping adds 2 FLOPs per parameter for the norm and 1 per parameter when it rescales", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [2, 6, 3], activation: "tanh", output: "softmax" },
      new Rng(1),
    );
    const data = blobs(1, 8);
    const base = net.flops({ batch: 8, backward: true }).total + 2 * net.size;
    const flops = (norm: number) =>
      new BackpropStepper(net, data, {
        optimizer: new Sgd({ lr: 0 }),
        batchSize: 8,
        rng: new Rng(2),
        clip: { norm, per: "step" },
      }).step().flops;
    expect(flops(1e-6)).toBe(base + 3 * net.size);
    expect(flops(1e6)).toBe(base + 2 * net.size);
  });

  it("full BPTT: the model's FLOPs over all T steps forward and backward", () => {
    const spec: RecurrentSpec = { kind: "lstm", input: 3, hidden: 5, output: 2, readout: "every-step" };
    const net = new RecurrentNet(spec, null);
    const T = 15;
    expect(firstStepFlops(spec, T, null)).toBe(
      net.flops({ batch: 4, steps: T, backward: true }).total + 2 * net.size,
    );
    expect(firstStepFlops(spec, T, { k1: T, k2: T, update: "chunk" })).toBe(firstStepFlops(spec, T, null));
  });

  it("truncation bounds the work: with k2 fixed, a longer sequence adds forward FLOPs only", () => {
    const spec: RecurrentSpec = { kind: "gru", input: 2, hidden: 6, output: 1, readout: "last" };
    const net = new RecurrentNet(spec, null);
    const fwd = (T: number) => net.flops({ batch: 4, steps: T }).forward;
    const trunc = (T: number) => firstStepFlops(spec, T, { k1: T, k2: 5, update: "chunk" });
    const full = (T: number) => firstStepFlops(spec, T, null);
    expect(trunc(40) - trunc(20)).toBe(fwd(40) - fwd(20));
    expect(full(40) - full(20)).toBeGreaterThan(2 * (fwd(40) - fwd(20)));
    // and the backward part is that of a k2-step pass
    expect(trunc(20)).toBe(net.flops({ batch: 4, steps: 20, backward: true, lastK: 5 }).total + 2 * net.size);
  });

  it("a window longer than its chunk (kept steps) is charged the backward of the whole window", () => {
    // Targets at every step, chunks of k1 = 2 new steps: the third chunk's window is min(k2, 6) steps,
    // so its cost grows by one recurrent backward step per unit of k2 and the forward stays that of 2 steps.
    const spec: RecurrentSpec = { kind: "rnn", input: 2, hidden: 5, output: 1, readout: "every-step" };
    const net = new RecurrentNet(spec, new Rng(3));
    const data = randomSequences("window", 4, 8, 2, 1, "every-step");
    const third = (k2: number) => {
      const s = new BackpropStepper(net, data, {
        optimizer: new Sgd({ lr: 0 }),
        batchSize: 4,
        rng: new Rng(2),
        bptt: { k1: 2, k2, update: "chunk" },
      });
      s.step();
      s.step();
      return s.step().flops;
    };
    const perStep = (m: number) =>
      layerBackward(net.flops({ batch: 4, steps: m + 1, backward: true }), 0) -
      layerBackward(net.flops({ batch: 4, steps: m, backward: true }), 0);
    expect(third(2)).toBe(net.flops({ batch: 4, steps: 2, backward: true }).total + 2 * net.size);
    for (const k2 of [2, 3, 4, 5]) expect(third(k2 + 1) - third(k2)).toBe(perStep(k2));
    expect(third(7)).toBe(third(6)); // the window cannot hold more than the 6 steps seen so far
  });
});
