import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { train } from "../src/index.ts";

describe("train with a seed", () => {
  it("trains exactly as with the Rng of that seed", () => {
    const data = {
      train: {
        n: 4,
        x: Float32Array.of(0, 0, 0, 1, 1, 0, 1, 1),
        y: Float32Array.of(0, 1, 1, 0),
        xShape: [2],
        yShape: [1],
      },
    };
    const spec = { kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" } as const;
    const run = (rng: number | Rng) => {
      const model = createModel(spec, 1);
      train(model, data, { optimizer: { kind: "adam", lr: 0.05 }, rng, batchSize: 2, epochs: 20 });
      return Array.from(model.params);
    };
    expect(run(3)).toEqual(run(new Rng(3)));
  });
});
