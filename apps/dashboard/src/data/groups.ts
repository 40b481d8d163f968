import type { RunRecord } from "@arena/results";

/** The runs of one (model, learner) pair on one problem: one line, one box, one row of the report. */
export interface LearnerGroup {
  /** `model/learner`, the key the report's rows and comparisons use. */
  key: string;
  model: string;
  learner: string;
  /** What the views print: the learner name, or the key when the problem has several models. */
  label: string;
  runs: RunRecord[];
}

/** All runs of one problem, grouped by learner. */
export interface ProblemGroup {
  name: string;
  metric: RunRecord["metric"];
  /** The target ladder (from the first run that has one). */
  targets: number[];
  learners: LearnerGroup[];
  runs: RunRecord[];
}

/** The key of a run's row, as the harness's report builds it. */
export function learnerKey(r: RunRecord): string {
  return `${r.model.name}/${r.learner.name}`;
}

/**
 * Groups runs by problem, then by (model, learner), both in order of first appearance (the suite's
 * order). A learner is labelled by its name unless the problem has runs of several models, or one
 * learner name under two models, in which case the `model/learner` key tells them apart.
 *
 * @example
 * ```ts
 * const [problem] = groupRuns(records);
 * problem.learners.map((l) => `${l.label}: ${l.runs.length} runs`);
 * ```
 */
export function groupRuns(records: RunRecord[]): ProblemGroup[] {
  const problems = new Map<string, RunRecord[]>();
  for (const r of records) {
    const list = problems.get(r.problem.name);
    if (list) list.push(r);
    else problems.set(r.problem.name, [r]);
  }
  return [...problems.entries()].map(([name, runs]) => {
    const byKey = new Map<string, RunRecord[]>();
    for (const r of runs) {
      const k = learnerKey(r);
      const list = byKey.get(k);
      if (list) list.push(r);
      else byKey.set(k, [r]);
    }
    const models = new Set(runs.map((r) => r.model.name));
    const learners = [...byKey.values()].map((rs) => ({
      key: learnerKey(rs[0]),
      model: rs[0].model.name,
      learner: rs[0].learner.name,
      label: models.size > 1 ? learnerKey(rs[0]) : rs[0].learner.name,
      runs: rs,
    }));
    return {
      name,
      metric: (runs.find((r) => r.status !== "failed") ?? runs[0]).metric,
      targets: runs.find((r) => r.targets.length > 0)?.targets.map((t) => t.target) ?? [],
      learners,
      runs,
    };
  });
}

/** Counts of runs by status. */
export function statusCounts(runs: RunRecord[]): { ok: number; diverged: number; failed: number } {
  const out = { ok: 0, diverged: 0, failed: 0 };
  for (const r of runs) out[r.status]++;
  return out;
}
