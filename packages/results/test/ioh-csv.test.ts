import { describe, expect, it } from "vitest";
import { type Checkpoint, IOH_CSV_COLUMNS, IohExportError, iohCsv, type RunRecord } from "../src/index.ts";
import { csvObjects, numberOf } from "./read-csv.ts";
import { rnnRecord, sampleRecord } from "./sample-record.ts";

/** A run of `learner` on `problem`, repetition `rep`, whose checkpoints have these costs and figures. */
function run(
  learner: string,
  rep: number,
  points: [evaluations: number, trainLoss: number, valMetric?: number][],
  problem = "digits",
): RunRecord {
  const r = sampleRecord();
  const c0 = r.trace[0];
  const trace: Checkpoint[] = points.map(([evaluations, trainLoss, valMetric], i) => ({
    ...c0,
    step: i,
    flops: evaluations * 10,
    evaluations,
    trainLoss,
    valLoss: trainLoss + 0.1,
    valMetric: valMetric ?? 0.5,
  }));
  return {
    ...r,
    runId: `default/${problem}/mlp-64-32/${learner}/${rep}`,
    problem: { ...r.problem, name: problem },
    learner: { name: learner, config: {} },
    repetition: rep,
    trace,
  };
}

/** The rows of an export as [evaluations, value, function, algorithm, dimension, run]. */
function rowsOf(csv: string): [number, number, string, string, number, number][] {
  const { header, rows } = csvObjects(csv);
  expect(header).toEqual(["evaluations", "raw_y", "function_name", "algorithm_name", "dimension", "run"]);
  return rows.map((r) => [
    numberOf(r.evaluations)!,
    numberOf(r.raw_y)!,
    r.function_name,
    r.algorithm_name,
    numberOf(r.dimension)!,
    numberOf(r.run)!,
  ]);
}

const tuning = { trial: 0, trials: 2, seeds: 1, sampler: "random" as const, params: {}, space: {} };

describe("iohCsv", () => {
  it("writes IOHanalyzer's six columns, in the order its upload dialog pre-selects them", () => {
    expect([...IOH_CSV_COLUMNS]).toEqual([
      "evaluations",
      "raw_y",
      "function_name",
      "algorithm_name",
      "dimension",
      "run",
    ]);
    const r = sampleRecord();
    const out = iohCsv([r]);
    expect(out.csv.split("\n")[0]).toBe(IOH_CSV_COLUMNS.join(","));
    expect(rowsOf(out.csv)).toEqual([
      [2000, 1.2031, "digits", "mlp-64-32/pso", 2410, 4],
      [4000, 0.6122, "digits", "mlp-64-32/pso", 2410, 4],
      [6000, 0.441, "digits", "mlp-64-32/pso", 2410, 4],
    ]);
    expect(out).toMatchObject({ rows: 3, runs: 1, functions: 1, algorithms: 1, maximization: false });
  });

  it("writes the best-so-far training loss: it never rises, and the untrained model's value counts", () => {
    const r = run("adam", 0, [
      [0, 1.0],
      [10, 2.0],
      [20, 0.9],
      [30, 1.5],
      [40, 0.3],
    ]);
    expect(rowsOf(iohCsv([r]).csv).map(([e, v]) => [e, v])).toEqual([
      [10, 1.0],
      [20, 0.9],
      [30, 0.9],
      [40, 0.3],
    ]);
  });

  it("keeps the last of checkpoints at one evaluation count, so evaluations strictly increase", () => {
    const r = run("pso", 0, [
      [0, 2],
      [10, 1.5],
      [10, 1.2],
      [20, 1.3],
      [20, 1.3],
    ]);
    expect(rowsOf(iohCsv([r]).csv).map(([e, v]) => [e, v])).toEqual([
      [10, 1.2],
      [20, 1.2],
    ]);
  });

  it("maximises the best-so-far accuracy with valMetric, and minimises rmse", () => {
    const acc = run("adam", 0, [
      [0, 1, 0.1],
      [10, 1, 0.6],
      [20, 1, 0.4],
      [30, 1, 0.7],
    ]);
    const out = iohCsv([acc], { value: "valMetric" });
    expect(out.maximization).toBe(true);
    expect(rowsOf(out.csv).map(([, v]) => v)).toEqual([0.6, 0.6, 0.7]);
    const rmse = { ...rnnRecord(), trace: acc.trace };
    const down = iohCsv([rmse], { value: "valMetric" });
    expect(down.maximization).toBe(false);
    expect(rowsOf(down.csv).map(([, v]) => v)).toEqual([0.1, 0.1, 0.1]);
    expect(rowsOf(iohCsv([acc], { value: "valLoss" }).csv).map(([, v]) => v)).toEqual([1.1, 1.1, 1.1]);
  });

  it("refuses valMetric over records of both directions, naming one run of each", () => {
    const acc = sampleRecord();
    const rmse = rnnRecord();
    rmse.runId = "default/sine-sequence/lstm-16/pso/3";
    expect(() => iohCsv([acc, rmse], { value: "valMetric" })).toThrow(IohExportError);
    expect(() => iohCsv([acc, rmse], { value: "valMetric" })).toThrow(
      /run default\/digits\/mlp-64-32\/pso\/3 \(accuracy, maximised\) and run default\/sine-sequence\/lstm-16\/pso\/3 \(rmse, minimised\)/,
    );
    // The loss is minimised whatever the metric: both export.
    expect(iohCsv([acc, rmse]).functions).toBe(2);
  });

  it("keeps a diverged run's last finite best after its loss becomes NaN", () => {
    const r = sampleRecord("diverged");
    expect(rowsOf(iohCsv([r]).csv).map(([e, v]) => [e, v])).toEqual([
      [2000, 1.2031],
      [3840, 1.2031],
    ]);
    const never = run("sgd", 1, [
      [0, Number.NaN],
      [10, Number.POSITIVE_INFINITY],
    ]);
    const out = iohCsv([never]);
    expect(out.rows).toBe(0);
    expect(out.skipped.noFiniteValue).toEqual([never.runId]);
  });

  it("leaves out tuning trials, baselines and failed runs, and counts them", () => {
    const trial = { ...run("adam~trial-0", 0, [[10, 1]]), tuning: { ...tuning, role: "trial" as const } };
    const final = { ...run("adam", 0, [[10, 1]]), tuning: { ...tuning, role: "final" as const } };
    const baseline = { ...run("majority", 0, [[10, 1]]), model: { name: "baseline", spec: {} } };
    const failed = sampleRecord("failed");
    const out = iohCsv([trial, final, baseline, failed]);
    expect(rowsOf(out.csv).map((row) => row[3])).toEqual(["mlp-64-32/adam"]);
    expect(out.excluded).toEqual({ trials: 1, baselines: 1 });
    expect(out.skipped).toEqual({ failed: [failed.runId], noFiniteValue: [] });
  });

  it("sorts by function, algorithm, run and evaluations; the run is the repetition + 1", () => {
    const records = [
      run("pso", 1, [[10, 1]], "b"),
      run("adam", 0, [
        [5, 3],
        [7, 2],
      ]),
      run("pso", 0, [[10, 1]], "b"),
      run("adam", 1, [[5, 3]], "a,c"),
    ];
    expect(rowsOf(iohCsv(records).csv).map(([e, , f, a, , n]) => [f, a, n, e])).toEqual([
      ["a,c", "mlp-64-32/adam", 2, 5],
      ["b", "mlp-64-32/pso", 1, 10],
      ["b", "mlp-64-32/pso", 2, 10],
      ["digits", "mlp-64-32/adam", 1, 5],
      ["digits", "mlp-64-32/adam", 1, 7],
    ]);
    expect(iohCsv(records).csv).toContain('"a,c"');
  });

  it("refuses two records that claim one run (two suites with the same names)", () => {
    const a = run("adam", 0, [[10, 1]]);
    const b = { ...a, runId: "other/digits/mlp-64-32/adam/0", suite: "other" };
    expect(() => iohCsv([a, b])).toThrow(
      /runs default\/digits\/mlp-64-32\/adam\/0 and other\/.* are both run 1/,
    );
  });
});
