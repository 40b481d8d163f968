import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { suiteJsonSchema } from "../src/suite-json-schema.ts";

const read = (path: string) => JSON.parse(readFileSync(new URL(path, import.meta.url), "utf8"));
const schema = suiteJsonSchema();
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(schema);

describe("suite.schema.json", () => {
  it("is the committed file, made from the zod schemas (regenerate with `arena schema > apps/harness/suite.schema.json`)", () => {
    expect(read("../suite.schema.json")).toEqual(schema);
  });

  it.each(["../suites/default.json", "../suites/quick.json", "./fixtures/tiny-suite.json"])(
    "accepts the shipped suite %s",
    (path) => {
      const ok = validate(read(path));
      expect(validate.errors ?? [], JSON.stringify(validate.errors)).toEqual([]);
      expect(ok).toBe(true);
    },
  );

  it("rejects what arena rejects: a learner config, a model spec, a problem's options, a budget", () => {
    const base = read("../suites/quick.json");
    const bad = [
      {
        ...base,
        learners: [{ id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", lr: "fast" } } }],
      },
      { ...base, learners: [{ id: "x", kind: "cma-es" }] },
      { ...base, problems: [{ name: "digits", options: { trainSize: -1 } }] },
      { ...base, problems: [{ name: "iris", models: [{ kind: "mlp", layers: [4, 0, 3] }] }] },
      { ...base, budget: { flops: 1e300 } },
    ];
    for (const suite of bad)
      expect(validate(suite), JSON.stringify(suite.learners ?? suite.problems)).toBe(false);
  });
});
