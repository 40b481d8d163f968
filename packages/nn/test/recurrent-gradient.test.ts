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
