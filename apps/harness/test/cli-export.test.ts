import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isBaselineRecord, type RunRecord } from "@arena/results";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { exportCommand } from "../src/export-command.ts";
import { UsageError } from "../src/usage-error.ts";
import { arena, records as readRecords, tmp } from "./arena-cli.ts";

const suitePath = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));
const repetitions = (JSON.parse(readFileSync(suitePath, "utf8")) as { repetitions: number }).repetitions;

/**
 * The columns IOHanalyzer's custom-CSV upload reads, in the order its dialog pre-selects them (the
 * file's first six columns: evaluation count, function value, function ID, algorithm ID, dimension, run
 * ID), under IOHexperimenter's names.
 */
const IOH_SPEC = ["evaluations", "raw_y", "function_name", "algorithm_name", "dimension", "run"];

/** A CSV file read by csv-parse (an implementation independent of the writer) as header and rows. */
function readCsv(path: string): { header: string[]; rows: Record<string, string>[] } {
  const [header, ...rest] = parse(readFileSync(path, "utf8"), { relax_column_count: false }) as string[][];
  return { header, rows: rest.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]]))) };
}

/** A numeric field as pandas and R read it: `Inf`, `-Inf` and `NaN` are numbers, empty is missing. */
function numberOf(field: string): number | undefined {
  if (field === "") return undefined;
  const special: Record<string, number> = { Inf: Infinity, "-Inf": -Infinity, NaN: Number.NaN };
  if (field in special) return special[field];
  expect(field).toMatch(/^-?\d+(\.\d+)?(e[+-]\d+)?$/);
  return Number(field);
}

const positiveInteger = /^[1-9]\d*$/;

describe("arena export", { timeout: 120_000 }, () => {
  let dir: string;
  let records: RunRecord[];

  beforeAll(() => {
    dir = tmp("arena-export-");
    const r = arena(["run", suitePath, "--out", dir, "--workers", "2"], 90_000);
    expect(r.code, r.stderr).toBe(0);
    records = readRecords(dir);
  }, 120_000);

  it("--format ioh writes IOHanalyzer's columns: best-so-far, sorted runs, one per repetition", () => {
    const r = arena(["export", dir, "--format", "ioh"]);
    expect(r.code, r.stderr).toBe(0);
    const path = join(dir, "ioh.csv");
    expect(r.stdout).toContain(path);
    const { header, rows } = readCsv(path);
    expect(header).toEqual(IOH_SPEC);
    const runs = new Map<string, Record<string, string>[]>();
    for (const row of rows) {
      expect(row.function_name).not.toBe("");
      expect(row.algorithm_name).not.toBe("");
      expect(row.dimension).toMatch(positiveInteger);
      expect(row.run).toMatch(positiveInteger);
      const key = JSON.stringify([row.function_name, row.algorithm_name, row.run]);
      const list = runs.get(key) ?? [];
      // Rows are sorted: a run's rows are contiguous.
      if (list.length > 0) expect(rows[rows.indexOf(row) - 1]).toBe(list.at(-1));
      runs.set(key, [...list, row]);
    }
    // Sorted by function, algorithm, run, evaluations (code-unit order for the names).
    type Key = [string, string, number, number];
    const keys = rows.map((row): Key => [row.function_name, row.algorithm_name, +row.run, +row.evaluations]);
    const before = (a: Key, b: Key) =>
      a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] !== b[2] ? a[2] < b[2] : a[3] < b[3];
    for (let i = 1; i < keys.length; i++)
      expect(before(keys[i - 1], keys[i]), JSON.stringify(keys[i])).toBe(true);
    const learnerRuns = records.filter((x) => !isBaselineRecord(x));
    expect(runs.size).toBe(learnerRuns.length);
    for (const x of learnerRuns) {
      const mine = runs.get(
        JSON.stringify([x.problem.name, `${x.model.name}/${x.learner.name}`, `${x.repetition + 1}`]),
      );
      expect(mine, x.runId).toBeDefined();
      const evaluations = mine!.map((row) => numberOf(row.evaluations)!);
      const values = mine!.map((row) => numberOf(row.raw_y)!);
      for (let i = 1; i < mine!.length; i++) {
        expect(evaluations[i]).toBeGreaterThan(evaluations[i - 1]);
        expect(values[i]).toBeLessThanOrEqual(values[i - 1]);
      }
      expect(mine!.every((row) => Number(row.dimension) === x.parameters)).toBe(true);
      // The last best-so-far is the run's least finite training loss, read back exactly.
      const finite = x.trace.map((c) => c.trainLoss).filter(Number.isFinite);
      expect(values.at(-1)).toBe(Math.min(...finite));
      expect(evaluations.at(-1)).toBe(x.trace.at(-1)!.evaluations);
    }
    const perAlgorithm = new Map<string, number>();
    for (const key of runs.keys()) {
      const [fn, alg] = JSON.parse(key) as string[];
      perAlgorithm.set(`${fn}|${alg}`, (perAlgorithm.get(`${fn}|${alg}`) ?? 0) + 1);
    }
    expect([...new Set(perAlgorithm.values())]).toEqual([repetitions]);
  });

  it("--format csv writes one row per checkpoint of every record, numbers read back exactly", () => {
    const out = join(tmp("arena-export-out-"), "sub", "tidy.csv");
    const r = arena(["export", join(dir, "results.jsonl"), "--format", "csv", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    const { header, rows } = readCsv(out);
    expect(header.slice(0, 5)).toEqual(["run_id", "suite", "problem", "model", "learner"]);
    expect(rows).toHaveLength(records.reduce((n, x) => n + x.trace.length, 0));
    expect(r.stdout).toContain(`${rows.length} rows`);
    const columns: [string, (c: RunRecord["trace"][number]) => number][] = [
      ["step", (c) => c.step],
      ["epoch", (c) => c.epoch],
      ["flops", (c) => c.flops],
      ["evaluations", (c) => c.evaluations],
      ["wall_ms", (c) => c.wallMs],
      ["train_loss", (c) => c.trainLoss],
      ["train_metric", (c) => c.trainMetric],
      ["val_loss", (c) => c.valLoss],
      ["val_metric", (c) => c.valMetric],
    ];
    for (const x of records) {
      const mine = rows.filter((row) => row.run_id === x.runId);
      expect(mine.map((row) => Number(row.checkpoint))).toEqual(x.trace.map((_, i) => i));
      mine.forEach((row, i) => {
        expect(row).toMatchObject({ problem: x.problem.name, model: x.model.name, learner: x.learner.name });
        expect(row.role).toBe(isBaselineRecord(x) ? "baseline" : "run");
        for (const [name, get] of columns)
          expect(Object.is(numberOf(row[name]), get(x.trace[i])), name).toBe(true);
        expect(Object.is(numberOf(row.final_test_metric), x.final!.testMetric)).toBe(true);
      });
    }
  });

  it("refuses a bad --format: exit 2, one line, nothing written", () => {
    const out = join(tmp("arena-export-bad-"), "x.csv");
    const r = arena(["export", dir, "--format", "xlsx", "--out", out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('arena: --format must be "csv" or "ioh", got "xlsx"\n');
    expect(existsSync(out)).toBe(false);
  });

  it("refuses other bad flags, a missing folder and valMetric of two directions with a UsageError", () => {
    // In process (each `arena` start costs seconds): the CLI turns a UsageError into exit 2 and one line.
    const out = join(tmp("arena-export-bad-"), "x.csv");
    const cases: [string, Record<string, string>, RegExp][] = [
      [dir, { out }, /^export: --format is required: "csv" or "ioh"$/],
      [
        dir,
        { format: "ioh", value: "testMetric", out },
        /^--value must be "trainLoss", "valLoss" or "valMetric", got "testMetric"$/,
      ],
      [dir, { format: "csv", value: "valLoss", out }, /^--value applies only to --format ioh$/],
      [
        dir,
        { format: "ioh", value: "valMetric", out },
        /\(accuracy, maximised\) and run .*\(rmse, minimised\)/,
      ],
      [
        join(dir, "results.jsonl"),
        { format: "csv", out: join(dir, "results.jsonl") },
        /is the results file being exported/,
      ],
      [
        join(dir, "no-such-folder"),
        { format: "csv", out },
        /^cannot read results file ".*no-such-folder": no such file/,
      ],
    ];
    for (const [input, flags, message] of cases) {
      expect(() => exportCommand(input, flags), JSON.stringify(flags)).toThrow(UsageError);
      expect(() => exportCommand(input, flags)).toThrow(message);
      expect(existsSync(out)).toBe(false);
    }
    expect(readRecords(dir)).toHaveLength(records.length);
  });
});
