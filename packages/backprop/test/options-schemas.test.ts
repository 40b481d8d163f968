import { describeOptions } from "@arena/options";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  backpropLearnerConfig,
  bpttConfig,
  clipConfig,
  earlyStoppingConfig,
  optimizerConfig,
  scheduleConfig,
  trainOptions,
} from "../src/index.ts";

/** Every property of every object in a JSON Schema, with its path. */
function properties(node: unknown, path = ""): [string, Record<string, unknown>][] {
  if (typeof node !== "object" || node === null) return [];
  if (Array.isArray(node)) return node.flatMap((n, i) => properties(n, `${path}[${i}]`));
  const out: [string, Record<string, unknown>][] = [];
  for (const [k, v] of Object.entries(node)) {
    if (k === "properties" && typeof v === "object" && v !== null)
      for (const [name, p] of Object.entries(v)) out.push([`${path}.${name}`, p as Record<string, unknown>]);
    out.push(...properties(v, `${path}.${k}`));
  }
  return out;
}

describe("the option schemas", () => {
  const schemas = {
    backpropLearnerConfig,
    optimizerConfig,
    scheduleConfig,
    clipConfig,
    bpttConfig,
    earlyStoppingConfig,
  };

  it.each(Object.entries(schemas))(
    "%s: every option is described, and a JSON Schema can be emitted",
    (_n, schema) => {
      const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" });
      const props = properties(json);
      expect(props.length).toBeGreaterThan(0);
      for (const [path, p] of props) expect([path, typeof p.description]).toEqual([path, "string"]);
    },
  );

  it("train's options are described as well", () => {
    for (const d of describeOptions(trainOptions))
      expect([d.key, typeof d.description]).toEqual([d.key, "string"]);
  });

  it("give the defaults the optimizers and the learner use", () => {
    expect(backpropLearnerConfig.parse({ optimizer: { kind: "adamw" } })).toEqual({
      optimizer: {
        kind: "adamw",
        lr: 1e-3,
        beta1: 0.9,
        beta2: 0.999,
        eps: 1e-8,
        weightDecay: 1e-2,
        amsgrad: false,
      },
      batchSize: 32,
      shuffle: true,
    });
    const docs = describeOptions(backpropLearnerConfig);
    expect(docs.map((d) => d.key)).toEqual([
      "optimizer",
      "gradient",
      "batchSize",
      "shuffle",
      "clip",
      "bptt",
      "earlyStopping",
      "evalEvery",
    ]);
    expect(docs.find((d) => d.key === "batchSize")).toMatchObject({
      type: "integer",
      default: 32,
      minimum: 1,
    });
  });
});
