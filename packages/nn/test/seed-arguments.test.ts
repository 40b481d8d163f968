import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { createModel } from "../src/index.ts";

describe("a plain seed wherever an Rng is taken", () => {
  const spec = { kind: "lstm", input: 2, hidden: [3], output: 1, readout: "last" } as const;

  it("createModel and initialize give the stream's draws for its seed", () => {
    expect(createModel(spec, 7).params).toEqual(createModel(spec, new Rng(7)).params);
    const m = createModel(spec, null);
    expect(m.initialize("run/1")).toEqual(createModel(spec, new Rng("run/1")).params);
  });

  it("refuses anything else by name", () => {
    expect(() => createModel(spec, Number.NaN)).toThrow("createModel: expected an Rng or a seed");
  });
});
