import { Rng } from "@arena/rng";
import { getKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { createModel, type FlopCount, type ModelSpec } from "../src/index.ts";
import { countingKernels, randomData, randomSequences } from "./fixtures.ts";

function parts(f: FlopCount, pass: "forward" | "backward") {
  let matmul = 0;
  let bias = 0;
  for (const l of f.layers) {
    matmul += l[pass].matmul;
    bias += l[pass].bias;
  }
  return { matmul, bias };
}

describe("analytic FLOP counts equal an instrumented run of the kernels", () => {
  const cases: [string, ModelSpec][] = [
    ["mlp 64-32-10", { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax", l2: 1e-3 }],
    ["mlp 3-5-4-2", { kind: "mlp", layers: [3, 5, 4, 2], activation: "relu", output: "linear" }],
    ["rnn", { kind: "rnn", input: 3, hidden: 8, output: 2, readout: "last" }],
    [
      "lstm stacked + head",
      { kind: "lstm", input: 2, hidden: [6, 5], output: 2, readout: "every-step", head: [4], l2: 0.1 },
    ],
    ["gru", { kind: "gru", input: 2, hidden: 7, output: 1, readout: "every-step" }],
  ];

  it.each(cases)("%s: gemm, bias and penalty FLOPs forward and backward", (_name, spec) => {
    const counter = countingKernels(getKernels());
    const model = createModel(spec, new Rng(1), { kernels: counter.kernels });
    const batch = 7;
    const steps = 6;
    const data =
      spec.kind === "mlp"
        ? randomData(1, batch, model.inputSize, model.outputSize, "one-hot")
        : randomSequences(1, batch, steps, model.inputSize, model.outputSize, spec.readout);
    counter.reset();
    model.forward(data.x, batch);
    const f = model.flops({ batch, steps, backward: true });
    const fwd = parts(f, "forward");
    expect(counter.counts.gemm).toBe(fwd.matmul);
    expect(counter.counts.addRowBias).toBe(fwd.bias);
    counter.reset();
    model.backward(data.y);
    const bwd = parts(f, "backward");
    expect(counter.counts.gemm).toBe(bwd.matmul);
    expect(counter.counts.colSums).toBe(bwd.bias);
    expect((counter.counts.dot ?? 0) + (counter.counts.axpy ?? 0)).toBe(
      f.penalty.forward + f.penalty.backward,
    );
    expect(f.total).toBe(f.forward + f.backward);
    expect(f.backward).toBeGreaterThan(f.forward);
  });

  it("truncated backward (lastK) counts only the steps it visits", () => {
    const counter = countingKernels(getKernels());
    const model = createModel(
      { kind: "lstm", input: 2, hidden: [4, 3], output: 1, readout: "last" },
      new Rng(2),
      { kernels: counter.kernels },
    );
    if (model.spec.kind === "mlp" || !("forwardSequence" in model))
      throw new Error("expected a recurrent model");
    const d = randomSequences(2, 5, 9, 2, 1, "last");
    model.forwardSequence(d.x, 5, 9);
    counter.reset();
    model.backwardSequence(d.y, { lastK: 4 });
    const f = model.flops({ batch: 5, steps: 9, backward: true, lastK: 4 });
    expect(counter.counts.gemm).toBe(parts(f, "backward").matmul);
    expect(counter.counts.colSums).toBe(parts(f, "backward").bias);
  });

  it("dense forward is 2·in·out + out per sample, plus activations", () => {
    const model = createModel(
      { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" },
      new Rng(1),
    );
    const f = model.flops({ batch: 1 });
    expect(f.layers[0].forward).toEqual({ matmul: 2 * 64 * 32, bias: 32, elementwise: 32 });
    expect(f.layers[1].forward).toEqual({ matmul: 2 * 32 * 10, bias: 10, elementwise: 0 });
    expect(f.backward).toBe(0);
    expect(() => model.flops({ batch: 1, step: 3 } as never)).toThrow(/unknown option "step"/);
  });
});
