import { RecurrentNet, type RecurrentSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { BackpropStepper, type ResolvedBptt, Sgd } from "../src/index.ts";
import { maxRelDiff, randomSequences } from "./training-fixtures.ts";

const T = 12;
const N = 5;

/** A stepper over the whole data set as one batch, in order, with plain SGD at rate `lr`. */
function stepper(
  net: RecurrentNet,
  data: ReturnType<typeof randomSequences>,
  bptt: ResolvedBptt | null,
  lr = 0,
) {
  return new BackpropStepper(net, data, {
    optimizer: new Sgd({ lr }),
    batchSize: data.n,
    rng: new Rng(1),
    shuffle: false,
    bptt,
  });
}

describe.each(["rnn", "lstm", "gru"] as const)("%s: truncated BPTT through the stepper", (kind) => {
  it("k1 = k2 = T gives exactly the full-BPTT gradient and trajectory (both readouts)", () => {
    for (const readout of ["last", "every-step"] as const) {
      const spec: RecurrentSpec = { kind, input: 2, hidden: [5, 3], output: 2, readout };
      const data = randomSequences(`${kind}-${readout}`, N, T, 2, 2, readout);
      const full = new RecurrentNet(spec, new Rng(10));
      const trunc = new RecurrentNet(spec, new Rng(10));
      const a = stepper(full, data, null, 0.1);
      const b = stepper(trunc, data, { k1: T, k2: T, update: "chunk" }, 0.1);
      for (let s = 0; s < 3; s++) {
        const ra = a.step();
        const rb = b.step();
        expect(Float32Array.from(trunc.grads)).toEqual(Float32Array.from(full.grads));
        expect(rb).toEqual(ra);
      }
      expect(Float32Array.from(trunc.params)).toEqual(Float32Array.from(full.params));
    }
  });

  it("readout last, chunks of k1 < T with k2 = T: exactly the full-BPTT gradient", () => {
    const spec: RecurrentSpec = { kind, input: 2, hidden: 4, output: 1, readout: "last", head: [3] };
    const data = randomSequences(`${kind}-last-chunks`, N, T, 2, 1, "last");
    const full = new RecurrentNet(spec, new Rng(11));
    stepper(full, data, null).step();
    const gFull = Float32Array.from(full.grads);
    for (const k1 of [1, 5, 7]) {
      const net = new RecurrentNet(spec, new Rng(11));
      stepper(net, data, { k1, k2: T, update: "chunk" }).step();
      expect(Float32Array.from(net.grads)).toEqual(gFull);
      expect(net.hiddenGradNorms()[0]).toHaveLength(T);
    }
  });

  it("targets at every step, chunks summed once per sequence with k2 = T: the full-BPTT gradient", () => {
    const spec: RecurrentSpec = { kind, input: 2, hidden: [4, 3], output: 2, readout: "every-step" };
    const data = randomSequences(`${kind}-every-seq`, N, T, 2, 2, "every-step");
    const full = new RecurrentNet(spec, new Rng(12));
    const fl = stepper(full, data, null).step().loss;
    const gFull = Float32Array.from(full.grads);
    for (const k1 of [3, 5]) {
      const net = new RecurrentNet(spec, new Rng(12));
      const r = stepper(net, data, { k1, k2: T, update: "sequence" }).step();
      // Σ_c (steps_c / T)·∇L_c: the same sum in another order, so equal to float rounding.
      expect(maxRelDiff(net.grads, gFull)).toBeLessThan(2e-6);
      expect(r.loss).toBeCloseTo(fl, 6);
    }
  });

  it("k2 < T: the gradient is that of the last k2 steps started from the detached state", () => {
    const spec: RecurrentSpec = { kind, input: 2, hidden: 4, output: 2, readout: "last" };
    const data = randomSequences(`${kind}-detached`, N, T, 2, 2, "last");
    const k2 = 4;
    for (const k1 of [T, 3]) {
      const net = new RecurrentNet(spec, new Rng(13));
      stepper(net, data, { k1, k2, update: "chunk" }).step();
      const truncated = Float32Array.from(net.grads);
      expect(net.hiddenGradNorms()[0]).toHaveLength(k2);
      // Reference: run T − k2 steps, take the state as a constant, then full BPTT over the last k2 steps.
      const ref = new RecurrentNet(spec, new Rng(13));
      ref.forwardSequence(data.x, N, T - k2);
      const st = ref.state();
      ref.zeroGrads();
      ref.forwardSequence(data.x, N, k2, { stepOffset: T - k2, initialState: st });
      ref.backwardSequence(data.y);
      expect(maxRelDiff(truncated, ref.grads)).toBeLessThan(1e-6);
    }
    // and truncation really drops the older contributions
    const fullNet = new RecurrentNet(spec, new Rng(13));
    stepper(fullNet, data, null).step();
    const net = new RecurrentNet(spec, new Rng(13));
    stepper(net, data, { k1: T, k2, update: "chunk" }).step();
    expect(maxRelDiff(net.grads, fullNet.grads)).toBeGreaterThan(1e-3);
  });
});

describe("truncated BPTT with targets at every step, one update per chunk (Williams & Peng)", () => {
  it("takes ⌈T/k1⌉ steps per minibatch, counts each sequence once, and carries the state between chunks", () => {
    const spec: RecurrentSpec = { kind: "lstm", input: 2, hidden: 4, output: 1, readout: "every-step" };
    const data = randomSequences("chunks", 6, 10, 2, 1, "every-step");
    const net = new RecurrentNet(spec, new Rng(14));
    const s = new BackpropStepper(net, data, {
      optimizer: new Sgd({ lr: 0 }),
      batchSize: 3,
      rng: new Rng(2),
      shuffle: false,
      bptt: { k1: 4, k2: 6, update: "chunk" },
    });
    const evaluations: number[] = [];
    const windows: number[] = [];
    for (let i = 0; i < 6; i++) {
      evaluations.push(s.step().evaluations);
      windows.push(net.hiddenGradNorms()[0].length);
      expect(s.midSequence).toBe(i % 3 !== 2);
    }
    expect(evaluations).toEqual([3, 0, 0, 3, 0, 0]);
    expect(windows).toEqual([4, 6, 6, 4, 6, 6]);
    expect(s.evaluations).toBe(6);
    expect(s.epoch).toBe(1);
  });

  it("with lr 0 and k2 = T, the chunk updates' gradients weighted by their steps sum to the full gradient", () => {
    // Each chunk backpropagates to step 0 through the carried and kept state, so the weighted sum of the
    // chunk gradients is the gradient of the mean loss over all steps.
    const spec: RecurrentSpec = { kind: "gru", input: 2, hidden: 4, output: 2, readout: "every-step" };
    const data = randomSequences("chunk-sum", 4, 10, 2, 2, "every-step");
    const full = new RecurrentNet(spec, new Rng(15));
    stepper(full, data, null).step();
    const net = new RecurrentNet(spec, new Rng(15));
    const s = stepper(net, data, { k1: 4, k2: 10, update: "chunk" });
    const sum = new Float64Array(net.size);
    for (const steps of [4, 4, 2]) {
      s.step();
      for (let i = 0; i < sum.length; i++) sum[i] += (steps / 10) * net.grads[i];
    }
    expect(s.midSequence).toBe(false);
    expect(maxRelDiff(sum, full.grads)).toBeLessThan(2e-6);
  });
});
