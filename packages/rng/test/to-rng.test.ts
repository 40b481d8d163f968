import { describe, expect, it } from "vitest";
import { Rng, toRng } from "../src/index.ts";

describe("toRng", () => {
  it("passes an Rng through and turns a seed into the stream new Rng(seed) gives", () => {
    const r = new Rng(3);
    expect(toRng(r)).toBe(r);
    expect(toRng(42).float()).toBe(new Rng(42).float());
    expect(toRng("a/b").seed).toBe("a/b");
  });

  it("names the owner and the bad value", () => {
    expect(() => toRng(Number.NaN, "minimize")).toThrow(
      "minimize: expected an Rng or a seed (a finite number or a string), got NaN",
    );
    expect(() => toRng({} as unknown as Rng, "train")).toThrow(
      "train: expected an Rng or a seed (a finite number or a string), got object",
    );
  });
});
