import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { checkGradient, checkModelGradient, RecurrentNet, type RecurrentSpec } from "../src/index.ts";
import { randomSequences } from "./fixtures.ts";

// BPTT over T = 10 steps against central finite differences of the inference-path loss. The head uses
// ELU (continuous derivative) rather than ReLU, whose kink a perturbation of h = 1e-3 can straddle
// (tolerances justified in src/gradcheck.ts).
const T = 10;
const KINDS = ["rnn", "lstm", "gru"] as const;
const READOUTS = ["last", "every-step"] as const;

describe("recurrent gradients (BPTT, T = 10) against finite differences", () => {
  for (const kind of KINDS) {
    for (const readout of READOUTS) {
      it(`${kind}, one layer, readout ${readout}`, () => {
        const spec: RecurrentSpec = { kind, input: 2, hidden: 5, output: 2, readout };
        const net = new RecurrentNet(spec, new Rng(`${kind}-${readout}`));
        const r = checkModelGradient(net, randomSequences(`${kind}-${readout}`, 3, T, 2, 2, readout));
        expect(r.failures).toEqual([]);
        expect(r.checked).toBe(net.size);
      });

      it(`${kind}, two stacked layers + MLP head, readout ${readout}`, () => {
        const spec: RecurrentSpec = {
          kind,
          input: 2,
          hidden: [4, 3],
          output: 2,
          readout,
          head: [3],
          headActivation: "elu",
        };
        const net = new RecurrentNet(spec, new Rng(`${kind}-stack-${readout}`));
        const r = checkModelGradient(net, randomSequences(`${kind}-stack-${readout}`, 3, T, 2, 2, readout));
        expect(r.failures).toEqual([]);
      });
    }

    it(`${kind} with L2 + L1 penalties (recurrent and readout weights)`, () => {
      const net = new RecurrentNet(
        { kind, input: 1, hidden: 4, output: 1, readout: "last", l2: 0.2, l1: 0.01 },
        new Rng(`${kind}-pen`),
      );
      const data = randomSequences(`${kind}-pen`, 3, T, 1, 1, "last");
      net.zeroGrads();
      net.forward(data.x, data.n);
      net.backward(data.y);
      const analytic = Float64Array.from(net.grads);
      const weights = new Set<number>();
      for (const l of net.layers)
        for (const t of l.tensors)
          if (t.regularized) for (let i = 0; i < t.length; i++) weights.add(t.offset + i);
      // U, W of the recurrent layer and the readout's W are penalised; biases are not.
      const G = { rnn: 1, lstm: 4, gru: 3 }[kind];
      expect(weights.size).toBe(G * 4 + 4 * G * 4 + 4);
      const indices = Array.from({ length: net.size }, (_, i) => i).filter(
        (i) => !weights.has(i) || Math.abs(net.params[i]) > 2e-3,
      );
      const r = checkGradient(() => net.loss(data), net.params, analytic, { indices });
      expect(r.failures).toEqual([]);
    });
  }

  it("softmax cross-entropy at every step (a character-model shape)", () => {
    const net = new RecurrentNet(
      { kind: "gru", input: 3, hidden: 6, output: 3, readout: "every-step", loss: "cross-entropy" },
      new Rng(11),
    );
    expect(net.spec.outputActivation).toBe("softmax");
    const rng = new Rng(11);
    const n = 2;
    const x = rng.fillNormal(new Float32Array(n * T * 3), 0, 1);
    const y = new Float32Array(n * T * 3);
    for (let i = 0; i < n * T; i++) y[i * 3 + rng.int(0, 3)] = 1;
    const r = checkModelGradient(net, { n, x, y });
    expect(r.failures).toEqual([]);
  });

  it("sigmoid + binary cross-entropy on the last step", () => {
    const net = new RecurrentNet(
      { kind: "lstm", input: 2, hidden: 4, output: 1, readout: "last", outputActivation: "sigmoid" },
      new Rng(12),
    );
    expect(net.spec.loss).toBe("bce");
    const d = randomSequences(12, 4, T, 2, 1, "last");
    const y = Float32Array.from(d.y, (v) => (v > 0 ? 1 : 0));
    const r = checkModelGradient(net, { n: d.n, x: d.x, y });
    expect(r.failures).toEqual([]);
  });

  it("dropout on the readout: training-mode gradient with a fixed mask", () => {
    const net = new RecurrentNet(
      { kind: "lstm", input: 2, hidden: 6, output: 2, readout: "every-step", head: [5], dropout: 0.3 },
      new Rng(13),
    );
    const d = randomSequences(13, 3, T, 2, 2, "every-step");
    const trainLoss = () => {
      net.forward(d.x, d.n, { rng: new Rng("mask") });
      return net.backward(d.y);
    };
    net.zeroGrads();
    trainLoss();
    const analytic = Float64Array.from(net.grads);
    const r = checkGradient(trainLoss, net.params, analytic);
    expect(r.failures).toEqual([]);
    expect(Array.from(net.forward(d.x, d.n, { rng: new Rng("mask") }))).not.toEqual(
      Array.from(net.predict(d.x, d.n)),
    );
  });

  for (const kind of KINDS) {
    it(`${kind}: dropout between stacked layers, training-mode gradient with fixed masks`, () => {
      const spec: RecurrentSpec = {
        kind,
        input: 2,
        hidden: [5, 4, 3],
        output: 2,
        readout: "every-step",
        dropout: 0.3,
      };
      const net = new RecurrentNet(spec, new Rng(`${kind}-inter`));
      const d = randomSequences(`${kind}-inter`, 3, T, 2, 2, "every-step");
      const trainLoss = () => {
        net.forward(d.x, d.n, { rng: new Rng("inter-mask") });
        return net.backward(d.y);
      };
      net.zeroGrads();
      trainLoss();
      const r = checkGradient(trainLoss, net.params, Float64Array.from(net.grads));
      expect(r.failures).toEqual([]);
    });
  }

  it("dropout between stacked layers survives a kept window (truncated BPTT, k2 > k1)", () => {
    const net = new RecurrentNet(
      { kind: "lstm", input: 2, hidden: [5, 4], output: 1, readout: "last", head: [3], dropout: 0.25 },
      new Rng(21),
    );
    const d = randomSequences(21, 3, T, 2, 1, "last");
    // Two chunks of 5 steps; the second keeps the first in its window, so the backward over all 10
    // stored steps is the exact gradient, which reads the first chunk's masks after they were moved.
    const trainLoss = () => {
      net.forwardSequence(d.x, d.n, 5, { rng: new Rng("chunk-1"), totalSteps: T });
      net.forwardSequence(d.x, d.n, 5, { rng: new Rng("chunk-2"), keep: 5, stepOffset: 5, totalSteps: T });
      return net.backwardSequence(d.y, { lastK: T });
    };
    net.zeroGrads();
    trainLoss();
    const r = checkGradient(trainLoss, net.params, Float64Array.from(net.grads));
    expect(r.failures).toEqual([]);
    // Masks change the outputs in training mode only; a kept window cannot switch modes.
    const train = Array.from(net.forward(d.x, d.n, { rng: new Rng("a") }));
    expect(train).not.toEqual(Array.from(net.predict(d.x, d.n)));
    net.forwardSequence(d.x, d.n, 5, { rng: new Rng("b"), totalSteps: T });
    expect(() => net.forwardSequence(d.x, d.n, 5, { keep: 5, stepOffset: 5, totalSteps: T })).toThrow(
      "RecurrentNet.forwardSequence: keep = 5 continues a window forwarded with dropout, so this chunk must be a training pass (give rng) too",
    );
  });

  it("counts one multiply per dropped entry between stacked layers, forward and backward", () => {
    const spec: RecurrentSpec = { kind: "gru", input: 2, hidden: [6, 4], output: 1, readout: "last" };
    const plain = new RecurrentNet(spec, new Rng(1));
    const dropped = new RecurrentNet({ ...spec, dropout: 0.5 }, new Rng(1));
    const opts = { batch: 8, steps: 12, backward: true, lastK: 5, train: true };
    const a = plain.flops(opts).layers[1];
    const b = dropped.flops(opts).layers[1];
    expect(b.forward.elementwise - a.forward.elementwise).toBe(8 * 12 * 6);
    expect(b.backward.elementwise - a.backward.elementwise).toBe(8 * 5 * 6);
    // In inference no mask is applied, so nothing is counted.
    expect(dropped.flops({ ...opts, train: false }).total).toBe(plain.flops({ ...opts, train: false }).total);
  });

  it("LSTM forget-gate bias starts at 1 (or the given value); other biases at 0", () => {
    for (const forgetBias of [undefined, 2.5]) {
      const net = new RecurrentNet(
        {
          kind: "lstm",
          input: 1,
          hidden: 3,
          output: 1,
          readout: "last",
          ...(forgetBias === undefined ? {} : { forgetBias }),
        },
        new Rng(1),
      );
      const b = net.layers[0].params.b;
      expect(Array.from(b)).toEqual([0, 0, 0, ...Array(3).fill(forgetBias ?? 1), 0, 0, 0, 0, 0, 0]);
    }
  });
});
