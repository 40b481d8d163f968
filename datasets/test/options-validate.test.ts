import { describeOptions, parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { optionsError } from "../../scripts/options-error.ts";
import {
  addingProblem,
  blobs,
  getProblem,
  mackeyGlassSeries,
  problems,
  slidingWindows,
  spirals,
  stratifiedSplit,
} from "../src/index.ts";

describe("problem options are zod schemas", () => {
  it("every entry's schema gives its defaults, and the defaults are what load uses", () => {
    for (const e of problems()) {
      const defaults = parseOptions(e.name, e.options, {});
      expect(e.shapes(defaults)).toEqual(e.shapes());
      for (const doc of describeOptions(e.options)) {
        expect(doc.description, `${e.name}.${doc.key}`).toMatch(/\S/);
      }
      // JSON Schema for the harness and the docs; unknown keys are not allowed.
      const json = z.toJSONSchema(e.options, { io: "input" }) as { additionalProperties?: boolean };
      expect(json.additionalProperties).toBe(false);
    }
  });

  it("describeOptions lists key, type, default, range and doc", () => {
    const docs = describeOptions(getProblem("faces").options);
    expect(docs.find((d) => d.key === "size")).toEqual({
      key: "size",
      type: "enum",
      default: 16,
      values: [16, 32],
      description: "image side: 16 (256 pixels) or 32 (1024 pixels)",
    });
    expect(docs.find((d) => d.key === "validation")).toMatchObject({
      type: "number",
      default: 0.2,
      minimum: 0,
      maximum: 0.9,
    });
    expect(docs.find((d) => d.key === "trainSize")).toMatchObject({ type: "integer", minimum: 1 });
  });

  it("one OptionsError names the owner, each path, what was expected and the value", () => {
    expect(optionsError(() => getProblem("digits").load(new Rng(1), { trainsize: 100 }))).toBe(
      'digits: unknown key "trainsize"; known keys: validation, scale, trainSize',
    );
    expect(optionsError(() => getProblem("parity").load(new Rng(1), { bits: 2.5, encoding: "hex" }))).toBe(
      'parity: bits: Invalid input: expected int, received number (got 2.5); encoding: Invalid option: expected one of "binary"|"bipolar" (got "hex")',
    );
    expect(optionsError(() => getProblem("faces").shapes({ size: 20 }))).toBe(
      "faces: size: Invalid option: expected one of 16|32 (got 20)",
    );
    expect(optionsError(() => getProblem("moons").modelFor({ noise: Number.NaN }))).toMatch(
      /^moons: noise: .*\(got NaN\)$/,
    );
    expect(optionsError(() => getProblem("iris").load(new Rng(1), [1] as never))).toMatch(
      /^iris: .*expected object/,
    );
    // undefined (and null) mean "no options".
    expect(getProblem("xor").load(new Rng(1), undefined).train.n).toBe(4);
  });

  it("rules between options are part of the schema, checked before any data is made", () => {
    expect(optionsError(() => getProblem("iris").modelFor({ validation: 0.5, test: 0.5 }))).toBe(
      "iris: test: expected validation + test < 1, leaving samples to train on (got 0.5 + 0.5)",
    );
    expect(optionsError(() => getProblem("spirals").shapes({ samples: 3, arms: 4 }))).toBe(
      "spirals: samples: expected at least one point per arm, >= 4 (got 3)",
    );
    expect(optionsError(() => spirals(new Rng(1), { samples: 3, arms: 4 }))).toMatch(/^spirals: samples:/);
    expect(optionsError(() => blobs(new Rng(1), { samples: 2, centers: 3 }))).toMatch(/^blobs: samples:/);
    expect(optionsError(() => addingProblem(new Rng(1), { length: 8, variant: "hochreiter-1997" }))).toBe(
      "adding: length: expected >= 10 for the hochreiter-1997 variant (got 8)",
    );
    expect(optionsError(() => mackeyGlassSeries(new Rng(1), { step: 0.3 }))).toBe(
      "mackey-glass: tau: expected a positive multiple of step = 0.3 (got 17)",
    );
    expect(optionsError(() => mackeyGlassSeries(new Rng(1), { tau: 2, step: 1 }))).toMatch(
      /^mackey-glass: step: expected at most tau \/ 3/,
    );
    // The same rules hold in the problems built on the generators.
    expect(optionsError(() => getProblem("mackey-glass").modelFor({ sampleInterval: 0.25 }))).toMatch(
      /^mackey-glass: sampleInterval: expected a positive multiple of step = 0.1/,
    );
  });

  it("split and window arguments use the same error", () => {
    expect(optionsError(() => stratifiedSplit([0, 1], { validation: 0.6, test: 0.5 }, new Rng(1)))).toBe(
      "stratifiedSplit: test: expected validation + test < 1, leaving samples to train on (got 0.6 + 0.5)",
    );
    expect(optionsError(() => slidingWindows([1, 2, 3], { inputLength: 0 }))).toBe(
      "slidingWindows: inputLength: Too small: expected number to be >=1 (got 0)",
    );
  });
});
