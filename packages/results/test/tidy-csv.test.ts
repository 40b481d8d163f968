import { describe, expect, it } from "vitest";
import { type RunRecord, recordRole, TIDY_CSV_COLUMNS, tidyCsv } from "../src/index.ts";
import { csvObjects, numberOf } from "./read-csv.ts";
import { sampleRecord } from "./sample-record.ts";

const tuning = {
  trial: 2,
  trials: 4,
  seeds: 2,
  sampler: "random" as const,
  params: { "optimizer.lr": 0.01 },
  space: {},
};

/** A record under another run id (and learner name, for a tuned learner). */
function variant(r: RunRecord, runId: string, extra: Partial<RunRecord> = {}): RunRecord {
  return { ...r, runId, ...extra };
}

describe("tidyCsv", () => {
  const ok = sampleRecord();
  const diverged = sampleRecord("diverged");
  const failed = sampleRecord("failed");
  const exported = tidyCsv([ok, diverged, failed]);
  const { header, rows } = csvObjects(exported.csv);

  it("has the documented header and one row per checkpoint of every record", () => {
    expect(header).toEqual([...TIDY_CSV_COLUMNS]);
    expect(exported.rows).toBe(ok.trace.length + diverged.trace.length);
    expect(rows).toHaveLength(exported.rows);
    expect(exported.records).toBe(3);
    expect(exported.withoutCheckpoints).toEqual([failed.runId]);
  });

  it("writes every checkpoint's figures so that they read back exactly, non-finite ones as NaN/Inf", () => {
    for (const r of [ok, diverged]) {
      const mine = rows.filter((row) => row.run_id === r.runId);
      expect(mine.map((row) => Number(row.checkpoint))).toEqual(r.trace.map((_, i) => i));
      mine.forEach((row, i) => {
        const c = r.trace[i];
        const pairs: [string, number][] = [
          ["step", c.step],
          ["epoch", c.epoch],
          ["flops", c.flops],
          ["evaluations", c.evaluations],
          ["wall_ms", c.wallMs],
          ["train_loss", c.trainLoss],
          ["train_metric", c.trainMetric],
          ["val_loss", c.valLoss],
          ["val_metric", c.valMetric],
          ["final_test_loss", r.final!.testLoss],
          ["final_test_metric", r.final!.testMetric],
        ];
        for (const [column, value] of pairs) expect(Object.is(numberOf(row[column]), value)).toBe(true);
        expect(row.test_loss).toBe("");
        expect(row.test_metric).toBe("");
        expect(row).toMatchObject({
          suite: r.suite,
          problem: r.problem.name,
          model: r.model.name,
          learner: r.learner.name,
          repetition: String(r.repetition),
          seed_path: r.seedPath,
          role: "run",
          trial: "",
          status: r.status,
          metric: "accuracy",
          higher_is_better: "true",
          parameters: String(r.parameters),
        });
      });
    }
    const last = rows.filter((row) => row.run_id === diverged.runId).at(-1)!;
    expect([last.train_loss, last.val_loss, last.final_test_loss]).toEqual(["NaN", "Inf", "NaN"]);
  });

  it("quotes names holding a comma or a quote, and they read back as written", () => {
    const odd = variant(ok, 'default/digits/mlp-64-32/pso "ring", fast/3', {
      learner: { name: 'pso "ring", fast', config: {} },
    });
    const text = tidyCsv([odd]).csv;
    expect(text).toContain('"pso ""ring"", fast"');
    const back = csvObjects(text).rows;
    expect(back.every((row) => row.learner === 'pso "ring", fast' && row.run_id === odd.runId)).toBe(true);
  });

  it("tells runs, tuning trials, final runs and baselines apart by role, and sorts by run id", () => {
    const trial = variant(ok, "default/digits/mlp-64-32/pso~trial-2/0", {
      tuning: { ...tuning, role: "trial" },
    });
    const final = variant(ok, "default/digits/mlp-64-32/pso/0", { tuning: { ...tuning, role: "final" } });
    const baseline = variant(ok, "default/digits/baseline/majority/0", {
      model: { name: "baseline", spec: { kind: "baseline" } },
    });
    expect([ok, trial, final, baseline].map(recordRole)).toEqual(["run", "trial", "final", "baseline"]);
    const back = csvObjects(tidyCsv([trial, ok, final, baseline]).csv).rows;
    const firstOf = (id: string) => back.find((row) => row.run_id === id)!;
    expect(firstOf(trial.runId)).toMatchObject({ role: "trial", trial: "2" });
    expect(firstOf(final.runId)).toMatchObject({ role: "final", trial: "2" });
    expect(firstOf(baseline.runId)).toMatchObject({ role: "baseline", trial: "" });
    const ids = back.map((row) => row.run_id);
    expect(ids).toEqual([...ids].sort());
  });

  it("leaves the final test columns empty when a run that failed mid-way has no final figures", () => {
    const partial = { ...sampleRecord("failed"), trace: ok.trace.slice(0, 2) };
    const back = csvObjects(tidyCsv([partial]).csv).rows;
    expect(back).toHaveLength(2);
    expect(back.map((row) => [row.status, row.final_test_loss, row.final_test_metric])).toEqual([
      ["failed", "", ""],
      ["failed", "", ""],
    ]);
  });
});
