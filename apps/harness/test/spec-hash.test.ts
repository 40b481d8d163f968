import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planSuite } from "../src/run-plan.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { hashInputs } from "../src/spec-hash.ts";
import { parseSuite } from "../src/suite.ts";

function suite(extra: Record<string, unknown> = {}, adam: Record<string, unknown> = {}) {
  return parseSuite({
    name: "h",
    seed: 5,
    repetitions: 3,
    budget: { flops: 1e5 },
    learners: [
      {
        id: "adam",
        kind: "backprop",
        config: { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 4, ...adam },
      },
      { id: "pso", kind: "pso", config: { population: 10 } },
    ],
    problems: [{ name: "xor" }],
    ...extra,
  });
}

/** Config hash per row (`model/learner`), checking that every repetition of a row shares it. */
function rowHashes(runs: RunSpec[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const r of runs) {
    const key = `${r.problem.id}/${r.model.name}/${r.learner.id}`;
    if (out[key] !== undefined) expect(r.configHash, r.runId).toBe(out[key]);
    out[key] = r.configHash;
    expect(r.configHash).toMatch(/^[0-9a-f]{8}$/);
  }
  return out;
}

describe("config hash of a planned run", () => {
  const base = rowHashes(planSuite(suite()));

  it("is one per row, and changes only for the learner whose config changed", () => {
    expect(Object.keys(base)).toEqual([
      "xor/mlp-2-2-1/adam",
      "xor/mlp-2-2-1/pso",
      "xor/baseline/majority",
      "xor/baseline/linear",
    ]);
    const lr = rowHashes(planSuite(suite({}, { optimizer: { kind: "adam", lr: 0.5 } })));
    expect(lr["xor/mlp-2-2-1/adam"]).not.toBe(base["xor/mlp-2-2-1/adam"]);
    for (const k of Object.keys(base)) if (!k.endsWith("/adam")) expect(lr[k], k).toBe(base[k]);
  });

  it("ignores key order and spelled-out defaults, and the number of repetitions", () => {
    const reordered = parseSuite({
      problems: [{ name: "xor" }],
      learners: [
        { kind: "backprop", id: "adam", config: { batchSize: 4, optimizer: { lr: 0.01, kind: "adam" } } },
        // The learner's own defaults spelled out (fitness "full", bounds 10) are no change either.
        { id: "pso", kind: "pso", config: { population: 10, fitness: "full", bounds: 10 } },
      ],
      budget: { flops: 1e5 },
      repetitions: 5,
      seed: 5,
      name: "h",
      checkpoints: { count: 24, first: 1e-3 },
      divergence: { factor: 1000 },
    });
    expect(rowHashes(planSuite(reordered))).toEqual(base);
  });

  it("changes with the budget, checkpoints, targets, divergence, seed and problem options", () => {
    const changed = (extra: Record<string, unknown>) =>
      rowHashes(planSuite(suite(extra)))["xor/mlp-2-2-1/pso"];
    const pso = base["xor/mlp-2-2-1/pso"];
    expect(changed({ budget: { flops: 2e5 } })).not.toBe(pso);
    expect(changed({ checkpoints: { count: 5, first: 0.01 } })).not.toBe(pso);
    expect(changed({ divergence: { factor: 50 } })).not.toBe(pso);
    expect(changed({ seed: 6 })).not.toBe(pso);
    expect(changed({ problems: [{ name: "xor", targets: { values: [0.9] } }] })).not.toBe(pso);
    expect(changed({ problems: [{ name: "xor", overrides: { pso: { population: 12 } } }] })).not.toBe(pso);
  });

  it("a baseline's hash ignores what a closed-form fit does not use (budget, checkpoints, divergence)", () => {
    const b = rowHashes(planSuite(suite({ budget: { flops: 9e9 }, checkpoints: { count: 3, first: 0.1 } })));
    expect(b["xor/baseline/linear"]).toBe(base["xor/baseline/linear"]);
    expect(b["xor/mlp-2-2-1/adam"]).not.toBe(base["xor/mlp-2-2-1/adam"]);
  });

  it("reads a user CSV's content, not its path", () => {
    const rows = ["a,b,label"];
    for (let i = 0; i < 40; i++) rows.push(`${i % 5},${(i * 7) % 3},${i % 2 ? "x" : "y"}`);
    const write = (dir: string, text: string) => {
      writeFileSync(join(dir, "d.csv"), text);
      const s = suite({
        problems: [{ name: "mine", csv: { path: "d.csv", label: "label", task: "classification" } }],
      });
      return planSuite(s, dir);
    };
    const a = write(mkdtempSync(join(tmpdir(), "arena-hash-")), `${rows.join("\n")}\n`);
    const moved = write(mkdtempSync(join(tmpdir(), "arena-hash-")), `${rows.join("\n")}\n`);
    const edited = write(mkdtempSync(join(tmpdir(), "arena-hash-")), `${rows.join("\n")}\n1,1,x\n`);
    expect(moved[0].configHash).toBe(a[0].configHash);
    expect(edited[0].configHash).not.toBe(a[0].configHash);
    const inputs = hashInputs(a[0], "0".repeat(64)) as { problem: { csv: Record<string, unknown> } };
    expect(inputs.problem.csv).toEqual({ task: "classification", label: "label", sha256: "0".repeat(64) });
  });
});
