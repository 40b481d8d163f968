import { describe, expect, it } from "vitest";
import {
  booleanOption,
  enumOption,
  integerOption,
  numberOption,
  optionalIntegerOption,
  resolveOptions,
} from "../src/index.ts";

const schema = {
  samples: integerOption(100, 1, 1000, "points"),
  size: integerOption(16, 16, 32, "side", [16, 32]),
  noise: numberOption(0.1, 0, 1, "noise"),
  rate: numberOption(0.5, 0, 1, "rate", true),
  kind: enumOption(["a", "b"], "a", "kind"),
  flag: booleanOption(false, "flag"),
  trainSize: optionalIntegerOption(1, 50, "subsample"),
} as const;

describe("resolveOptions", () => {
  it("fills in defaults and keeps given values", () => {
    expect(resolveOptions("demo", schema, { samples: 5, kind: "b" })).toEqual({
      samples: 5,
      size: 16,
      noise: 0.1,
      rate: 0.5,
      kind: "b",
      flag: false,
      trainSize: undefined,
    });
    expect(resolveOptions("demo", schema, undefined).samples).toBe(100);
  });

  it("rejects unknown keys, naming the key and the known ones", () => {
    expect(() => resolveOptions("demo", schema, { sample: 5 })).toThrow(
      'demo: unknown option "sample"; known options: samples, size, noise, rate, kind, flag, trainSize',
    );
  });

  it("rejects bad values, naming key, value and expectation", () => {
    expect(() => resolveOptions("demo", schema, { samples: 2.5 })).toThrow(
      'demo: option "samples" must be an integer in [1, 1000], got 2.5',
    );
    expect(() => resolveOptions("demo", schema, { samples: 0 })).toThrow(
      /"samples" must be an integer in \[1, 1000\]/,
    );
    expect(() => resolveOptions("demo", schema, { size: 20 })).toThrow(
      'option "size" must be one of 16, 32, got 20',
    );
    expect(() => resolveOptions("demo", schema, { noise: Number.NaN })).toThrow(
      /"noise" must be a finite number/,
    );
    expect(() => resolveOptions("demo", schema, { rate: 0 })).toThrow(/"rate" must be a number in \(0, 1\]/);
    expect(() => resolveOptions("demo", schema, { kind: "c" })).toThrow(
      'option "kind" must be one of "a", "b", got "c"',
    );
    expect(() => resolveOptions("demo", schema, { flag: "yes" })).toThrow(
      /"flag" must be true or false, got "yes"/,
    );
    expect(() => resolveOptions("demo", schema, { trainSize: 51 })).toThrow(
      /"trainSize" must be an integer in \[1, 50\]/,
    );
    expect(() => resolveOptions("demo", schema, [1])).toThrow(/options must be an object/);
  });
});
