import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { createModel, type ModelSpec, modelFromJSON } from "../src/index.ts";
import { randomData, randomSequences } from "./fixtures.ts";

describe("toJSON / modelFromJSON", () => {
  const specs: ModelSpec[] = [
    { kind: "mlp", layers: [4, 6, 3], activation: "gelu", output: "softmax", l2: 1e-3 },
    { kind: "lstm", input: 2, hidden: [3, 3], output: 1, readout: "every-step", head: [2], forgetBias: 2 },
    { kind: "gru", input: 2, hidden: 4, output: 2, readout: "last", loss: "cross-entropy" },
  ];

  it.each(specs.map((s) => [s.kind, s] as const))(
    "%s: a trained model round-trips through a JSON string exactly",
    (_k, spec) => {
      const model = createModel(spec, new Rng(1));
      const data =
        spec.kind === "mlp"
          ? randomData(2, 8, 4, 3, "one-hot")
          : randomSequences(2, 4, 5, 2, model.outputSize, spec.readout);
      // Train a few steps so the parameters are arbitrary floats, not just initial draws.
      for (let i = 0; i < 5; i++) {
        model.zeroGrads();
        model.forward(data.x, data.n);
        model.backward(data.y);
        for (let j = 0; j < model.size; j++) model.params[j] -= 0.1 * model.grads[j];
      }
      const text = JSON.stringify(model);
      const back = modelFromJSON(text);
      expect(back.spec).toEqual(model.spec);
      expect(back.params).toEqual(model.params);
      expect(Array.from(back.predict(data.x, data.n))).toEqual(Array.from(model.predict(data.x, data.n)));
      expect(modelFromJSON(back.toJSON()).params).toEqual(model.params);
    },
  );

  it("rejects a document that is not a model, naming what is wrong", () => {
    expect(() => modelFromJSON({ format: "other" } as never)).toThrow(
      /^modelFromJSON: format: Invalid input: expected "arena-nn" \(got "other"\); version: /,
    );
    const j = createModel(specs[0], new Rng(1)).toJSON();
    expect(() => modelFromJSON({ ...j, params: j.params.slice(1) })).toThrow(
      "modelFromJSON: params: expected 51 entries, the size of the spec's model (got 50)",
    );
    expect(() => modelFromJSON({ ...j, params: [...j.params.slice(1), "0.5"] } as never)).toThrow(
      'modelFromJSON: params[50]: expected a number (got "0.5")',
    );
  });
});
