import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { createModel, type ModelSpec } from "../src/index.ts";
import { randomData, randomSequences } from "./fixtures.ts";

const SPECS: ModelSpec[] = [
  { kind: "mlp", layers: [5, 7, 3], activation: "relu", output: "softmax", dropout: 0.2 },
  { kind: "rnn", input: 2, hidden: 6, output: 1, readout: "last" },
  { kind: "lstm", input: 2, hidden: [5, 4], output: 2, readout: "every-step", head: [3] },
  { kind: "gru", input: 2, hidden: 6, output: 1, readout: "last", recurrentInit: "glorot-normal" },
];

function bytes(a: Float32Array): Uint8Array {
  return new Uint8Array(a.buffer.slice(a.byteOffset, a.byteOffset + a.byteLength));
}

describe("determinism", () => {
  it.each(SPECS.map((s) => [s.kind, s] as const))(
    "%s: same seed and spec → identical bytes of params and outputs",
    (_k, spec) => {
      const run = () => {
        const model = createModel(spec, new Rng("det"));
        const data =
          spec.kind === "mlp"
            ? randomData(1, 6, 5, 3, "one-hot")
            : randomSequences(1, 3, 7, 2, model.outputSize, spec.readout);
        const out = Float32Array.from(model.forward(data.x, data.n, { rng: new Rng("drop") }));
        model.zeroGrads();
        model.backward(data.y);
        return { params: bytes(model.params), out: bytes(out), grads: bytes(model.grads) };
      };
      const a = run();
      const b = run();
      expect(a.params).toEqual(b.params);
      expect(a.out).toEqual(b.out);
      expect(a.grads).toEqual(b.grads);
    },
  );

  it("different seeds give different weights", () => {
    const a = createModel(SPECS[2], new Rng(1));
    const b = createModel(SPECS[2], new Rng(2));
    expect(bytes(a.params)).not.toEqual(bytes(b.params));
  });

  it("initialize(rng, target) writes the same vector as construction with that seed", () => {
    const a = createModel(SPECS[3], new Rng(5));
    const b = createModel(SPECS[3], null);
    expect(b.params.every((v) => v === 0)).toBe(true);
    const v = b.initialize(new Rng(5), new Float32Array(b.size));
    expect(v).toEqual(a.params);
    expect(b.params.every((x) => x === 0)).toBe(true);
  });
});
