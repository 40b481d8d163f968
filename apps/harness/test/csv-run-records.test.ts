import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Problem, parseCsv, tableProblemEntry } from "@arena/datasets";
import type { RunRecord } from "@arena/results";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { planCheckedSuiteWithTuning } from "../src/check-suite.ts";
import { executeRun } from "../src/execute-run.ts";
import { LEARNER_KINDS } from "../src/learner-kinds.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { parseSuite } from "../src/suite.ts";
import { arena, comparable, records, tmp } from "./arena-cli.ts";

/**
 * A user's CSV run by the worker pool (each worker reads the file once, keeps its deduplicated rows and
 * its last splits, scales fresh splits in place) gives the records that each run gets with its problem
 * built from scratch the old way: the file parsed whole, its rows copied at every load.
 */
describe("a CSV suite's records do not depend on the workers' problem cache", { timeout: 600_000 }, () => {
  it("equal records at --workers 2 and run by run with a fresh problem each", () => {
    const dir = tmp("arena-csv-records-");
    const csv = join(dir, "points.csv");
    const rows = ["a,b,c,kind"];
    for (let i = 0; i < 240; i++) {
      const j = i % 200; // 40 exact duplicates, dropped before splitting
      rows.push(`${(j * 1.7) % 5},${(j % 13) - 6},${((j * j) % 17) / 4},${["p", "q", "r"][(j * 7) % 3]}`);
    }
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const json = {
      name: "csv-cache",
      seed: 5,
      repetitions: 3,
      budget: { flops: 4e5 },
      checkpoints: { count: 6, first: 0.01 },
      learners: [
        { id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", lr: 0.05 }, batchSize: 8 } },
        { id: "ga", kind: "ga", config: { population: 12, fitness: { minibatch: 16 } } },
      ],
      problems: [{ name: "points", csv: { path: "points.csv", task: "classification", label: "kind" } }],
    };
    const suitePath = join(dir, "suite.json");
    writeFileSync(suitePath, JSON.stringify(json));
    const out = join(dir, "out");
    const r = arena(["run", suitePath, "--workers", "2", "--out", out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const pooled = records(out);

    const fresh = (spec: RunSpec): Problem => {
      const table = parseCsv(readFileSync(csv, "utf8"), { task: "classification", label: "kind" }, csv);
      const entry = tableProblemEntry({
        name: spec.problem.name,
        task: "classification",
        description: "",
        source: "",
        table: () => table,
        d: table.d,
        k: 3,
        hidden: [16],
        scale: "standard",
      });
      return entry.load(new Rng(spec.dataSeedPath), spec.problem.options);
    };
    const plan = planCheckedSuiteWithTuning(parseSuite(json, suitePath), dir);
    const alone: RunRecord[] = plan.runs.map((spec) =>
      executeRun(spec, { learners: LEARNER_KINDS, loadProblem: fresh }),
    );
    expect(pooled).toHaveLength(alone.length);
    expect(pooled.every((x) => x.status === "ok")).toBe(true);
    expect(comparable(pooled)).toEqual(comparable(alone));
    // Every run measured its peak memory.
    expect(
      pooled.every((x) => (x.measured.peakHeapBytes ?? 0) > 0 && (x.measured.peakRssBytes ?? 0) > 0),
    ).toBe(true);
  });
});
