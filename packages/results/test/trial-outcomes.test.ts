import { describe, expect, it } from "vitest";
import {
  bestTrial,
  isTrialRecord,
  parseRecord,
  type RunRecord,
  serializeRecord,
  trialOutcomes,
} from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

const space = { "optimizer.lr": { low: 1e-4, high: 1, scale: "log", integer: false } };

/** Seed `seed` of trial `t`, final validation metric `val`. */
function trial(t: number, seed: number, val: number, status: RunRecord["status"] = "ok"): RunRecord {
  const r = sampleRecord(status);
  return {
    ...r,
    runId: `default/digits/mlp-64-32/pso~trial-${t}/${seed}`,
    repetition: seed,
    final: r.final ? { ...r.final, valMetric: val } : null,
    tuning: {
      role: "trial",
      trial: t,
      trials: 3,
      seeds: 2,
      sampler: "random",
      params: { "optimizer.lr": t / 10 },
      space,
    },
  };
}

describe("trialOutcomes and bestTrial", () => {
  const records = [
    trial(1, 0, 0.9),
    trial(0, 0, 0.7),
    trial(1, 1, 0.7),
    trial(0, 1, 0.9),
    trial(2, 0, 0.99),
    trial(2, 1, 0.2, "diverged"),
  ];

  it("averages a trial's seeds, and scores a trial with a diverged seed as the worst", () => {
    const o = trialOutcomes(records, true);
    expect(o.map((x) => [x.trial, x.score, x.status, x.seeds])).toEqual([
      [0, 0.8, "ok", 2],
      [1, 0.8, "ok", 2],
      [2, Number.NEGATIVE_INFINITY, "diverged", 2],
    ]);
    expect(trialOutcomes(records, false)[2].score).toBe(Number.POSITIVE_INFINITY);
    expect(o[0].params).toEqual({ "optimizer.lr": 0 });
  });

  it("chooses the best score, the lower index on a tie, and the first when every trial diverged", () => {
    expect(bestTrial(trialOutcomes(records, true), true)?.trial).toBe(0);
    expect(bestTrial(trialOutcomes(records, false), false)?.trial).toBe(0);
    const allBad = [trial(0, 0, 0.5, "failed"), trial(1, 0, 0.5, "diverged")];
    expect(bestTrial(trialOutcomes(allBad, true), true)?.trial).toBe(0);
    expect(bestTrial([], true)).toBeUndefined();
  });

  it("round-trips the tuning field and tells trials apart", () => {
    const r = records[0];
    const back = parseRecord(serializeRecord(r));
    expect(back.ok && back.record.tuning).toEqual(r.tuning);
    expect(isTrialRecord(r)).toBe(true);
    expect(isTrialRecord(sampleRecord())).toBe(false);
    const final = {
      ...sampleRecord(),
      tuning: {
        ...r.tuning!,
        role: "final" as const,
        score: 0.8,
        cost: { runs: 6, flops: 1, evaluations: 2 },
      },
    };
    expect(isTrialRecord(final)).toBe(false);
    expect(parseRecord(serializeRecord(final)).ok).toBe(true);
  });
});
