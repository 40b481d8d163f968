import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { checkSuite } from "../src/check-suite.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import { loadSuite, parseSuite } from "../src/suite.ts";

const suites = fileURLToPath(new URL("../suites/", import.meta.url));

describe("checkSuite: the whole suite before any run", () => {
  it.each(["default.json", "quick.json", "tuned.json"])("finds nothing wrong in the shipped %s", (file) => {
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

  it("accepts the README's tuned suite", () => {
    const readme = readFileSync(fileURLToPath(new URL("../README.md", import.meta.url)), "utf8");
    const block = [...readme.matchAll(/```json\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .find((b) => b.includes('"tuning"'));
    expect(block).toBeDefined();
    expect(checkSuite(parseSuite(JSON.parse(block!)), suites, LEARNER_KINDS)).toEqual([]);
  });

  it("checks every search space against its learner's options, and the suite's tuning settings", () => {
    const suite = parseSuite({
      name: "bad-search",
      seed: 1,
      repetitions: 1,
      budget: { flops: 1e6 },
      tuning: { trials: 4 },
      learners: [
        {
          id: "adam",
          kind: "backprop",
          config: { optimizer: { kind: "adam" } },
          search: {
            "optimizer.rate": { low: 1e-4, high: 1, scale: "log" },
            batchSize: { values: [16, 0] },
          },
        },
        { id: "ga", kind: "ga", search: { "ga.mutationRate": { low: 0.5, high: 2 } } },
      ],
      problems: [{ name: "iris" }],
    });
    const issues = checkSuite(suite, suites, LEARNER_KINDS);
    expect(issues).toEqual([
      expect.stringMatching(
        /^learners\[0\] \(adam\)\.search: optimizer\.rate: no such option; options there: kind, lr, beta1/,
      ),
      expect.stringMatching(/^learners\[0\] \(adam\)\.search: batchSize: value 0: .*\(got 0\)/),
      expect.stringMatching(/^learners\[1\] \(ga\)\.search: ga\.mutationRate: high: .*\(got 2\)/),
    ]);
    expect(() => parseSuite({ ...suite, tuning: { trials: 0, sampler: "sobol" } })).toThrow(
      /tuning\.trials: .*\(got 0\); tuning\.sampler: .*\(got "sobol"\)/,
    );
    expect(() =>
      parseSuite({
        ...suite,
        learners: [{ id: "a", kind: "backprop", search: { "x..y": { low: 1, high: 2 } } }],
      }),
    ).toThrow(/learners\[0\]\.search\."x\.\.y": expected an option path such as optimizer\.lr/);
    expect(() =>
      parseSuite({
        ...suite,
        learners: [{ id: "a", kind: "backprop", search: { lr: { low: 2, high: 1 } } }],
      }),
    ).toThrow(/learners\[0\]\.search\.lr\.high: expected > low = 2 \(got 1\)/);
  });
});
