import { describeOptions } from "@arena/options";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { mlpSpec, modelOptions, modelSpec, recurrentSpec } from "../src/index.ts";

describe("the model spec schemas", () => {
  it.each([
    ["mlpSpec", mlpSpec],
    ["recurrentSpec", recurrentSpec],
    ["modelOptions", modelOptions],
  ] as const)("%s: every option is described", (_n, schema) => {
    const docs = describeOptions(schema);
    expect(docs.length).toBeGreaterThan(1);
    for (const d of docs) expect([d.key, typeof d.description]).toEqual([d.key, "string"]);
  });

  it("emit a JSON Schema with both kinds (for suite files)", () => {
    const json = z.toJSONSchema(modelSpec, { io: "input", unrepresentable: "any" }) as { oneOf?: unknown[] };
    expect(json.oneOf).toHaveLength(2);
    const recurrent = describeOptions(recurrentSpec);
    expect(recurrent.find((d) => d.key === "readout")).toMatchObject({
      type: "enum",
      values: ["last", "every-step"],
    });
    expect(recurrent.find((d) => d.key === "recurrentInit")).toMatchObject({ default: "orthogonal" });
  });
});
