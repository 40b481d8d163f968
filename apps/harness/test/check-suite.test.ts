import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSuite } from "../src/check-suite.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { loadSuite, parseSuite } from "../src/suite.ts";

const suites = fileURLToPath(new URL("../suites/", import.meta.url));

describe("checkSuite: the whole suite before any run", () => {
  it.each(["default.json", "quick.json"])("finds nothing wrong in the shipped %s", (file) => {
    expect(checkSuite(loadSuite(`${suites}${file}`), suites, LEARNER_KINDS)).toEqual([]);
  });

  it("lists every problem at once, each with its place in the suite", () => {
    const suite = parseSuite({
      name: "bad",
      seed: 1,
      repetitions: 1,
      budget: { flops: 1e6 },
      learners: [
        { id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", lr: -1 }, batchSize: 0 } },
        { id: "ga", kind: "ga", config: { population: 50 } },
        { id: "cma", kind: "cma-es" },
      ],
      problems: [
        { name: "mnist" },
        { name: "digits", options: { trainSize: -3 } },
        {
          name: "iris",
          models: [{ kind: "mlp", layers: [5, 8, 3], activation: "tanh", output: "softmax" }],
          overrides: { ga: { population: 1 } },
        },
      ],
    });
    const issues = checkSuite(suite, suites, LEARNER_KINDS);
    const expected = [
      /^problems\[0\] \(mnist\): .*Unknown problem "mnist"/,
      /^problems\[1\] \(digits\)\.options: trainSize: .*\(got -3\)/,
      /^problems\[2\] \(iris\)\.models\[0\]: .*layers\[0\].*5.*4|^problems\[2\] \(iris\)\.models\[0\]: .*4.*5/,
      /^learners\[0\] \(adam\)\.config: optimizer\.lr: .*\(got -1\)/,
      /^learners\[0\] \(adam\)\.config: batchSize: .*\(got 0\)/,
      /^problems\[2\] \(iris\)\.overrides\.ga: population: .*\(got 1\)/,
      /^learners\[2\] \(cma\): unknown learner kind "cma-es"; known kinds: backprop, ga, pso, cmaes, snes, openai-es, shade, memetic, two-stage, random-search/,
    ];
    for (const re of expected)
      expect(
        issues.some((i) => re.test(i)),
        `${re} in\n${issues.join("\n")}`,
      ).toBe(true);
    // The learner's own config is reported once, not once per problem.
    expect(issues.filter((i) => i.includes("optimizer.lr")).length).toBe(1);
  });
});
