import { type BaselineRole, isBaselineRecord, isTrialRecord, type RunRecord } from "@arena/results";

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

/**
 * The fits of one baseline (majority class, mean, ridge/AR(p), naive forecasts) on one problem, one
 * per repetition: a reference the views draw beside the learners, never a learner itself (no budget,
 * one checkpoint at zero cost, not ranked).
 */
export interface BaselineGroup {
  /** `baseline/<method>`, the key of the report's baseline rows and of `worseThan`. */
  key: string;
  method: string;
  /** Null when every fit of the method failed (a failed record carries no baseline info). */
  role: BaselineRole | null;
  description: string;
  /** What the views print: `baseline: <method>`. */
  label: string;
  runs: RunRecord[];
}

/**
 * The hyperparameter search of one tuned (model, learner) pair on one problem: its trial runs (every
 * seed of every trial) and the final runs of the configuration it chose, which are also the learner's
 * runs in `ProblemGroup.learners`. Only the tuning view reads the trials.
 */
export interface TunedGroup {
  /** `model/learner`, the same key as the learner's final runs. */
  key: string;
  model: string;
  learner: string;
  label: string;
  trials: RunRecord[];
  /** The chosen configuration's runs (empty while the search has not finished). */
  finals: RunRecord[];
}

/** All runs of one problem: the learners' runs grouped by learner, the baselines' fits apart. */
export interface ProblemGroup {
  name: string;
  metric: RunRecord["metric"];
  /** The target ladder (from the first learner run that has one). */
  targets: number[];
  learners: LearnerGroup[];
  /** The learners' runs (baselines and tuning trials excluded). */
  runs: RunRecord[];
  /** The baselines, in order of first appearance; empty for results written before baselines existed. */
  baselines: BaselineGroup[];
  /** The tuned learners' searches, in order of first appearance; empty when nothing was tuned. */
  tuned: TunedGroup[];
  /** True when a record marks the problem's test split as its training set (XOR, parity). */
  testIsTrain: boolean;
}

/** The key of a run's row, as the harness's report builds it (`baseline/<method>` for a baseline). */
export function learnerKey(r: RunRecord): string {
  return `${r.model.name}/${r.learner.name}`;
}

function byKey(runs: RunRecord[]): Map<string, RunRecord[]> {
  const out = new Map<string, RunRecord[]>();
  for (const r of runs) {
    const k = learnerKey(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

function baselineGroup(rs: RunRecord[]): BaselineGroup {
  const info = rs.find((r) => r.baseline !== undefined)?.baseline;
  const method = info?.method ?? rs[0].learner.name;
  return {
    key: learnerKey(rs[0]),
    method,
    role: info?.role ?? null,
    description: info?.description ?? "",
    label: `baseline: ${method}`,
    runs: rs,
  };
}

/** The searches of a problem's tuned learners, labelled as their learners are (or by the same rule). */
function tunedGroups(trials: RunRecord[], learners: LearnerGroup[], models: Set<string>): TunedGroup[] {
  return [...byKey(trials).values()].map((rs) => {
    const key = learnerKey(rs[0]);
    const learner = learners.find((l) => l.key === key);
    return {
      key,
      model: rs[0].model.name,
      learner: rs[0].learner.name,
      label: learner?.label ?? (models.size > 1 ? key : rs[0].learner.name),
      trials: rs,
      finals: learner?.runs.filter((r) => r.tuning?.role === "final") ?? [],
    };
  });
}

/**
 * Groups runs by problem, then by (model, learner), both in order of first appearance (the suite's
 * order). Baseline fits (see {@link isBaselineRecord}) go to `baselines`, not `learners`: they are
 * references, not competitors. Trials of a hyperparameter search ({@link isTrialRecord}) go to
 * `tuned` and nowhere else: they are how a configuration was chosen, not results, so no other view
 * sees them (this is the one place that keeps them out); the chosen configuration's final runs are
 * ordinary runs of their learner. A learner is labelled by its name unless the problem has learner runs
 * of several models, or one learner name under two models, in which case the `model/learner` key
 * tells them apart.
 *
 * @example
 * ```ts
 * const [problem] = groupRuns(records);
 * problem.learners.map((l) => `${l.label}: ${l.runs.length} runs`);
 * problem.baselines.map((b) => b.label); // ["baseline: majority", "baseline: linear"]
 * ```
 */
export function groupRuns(records: RunRecord[]): ProblemGroup[] {
  const problems = new Map<string, RunRecord[]>();
  for (const r of records) {
    const list = problems.get(r.problem.name);
    if (list) list.push(r);
    else problems.set(r.problem.name, [r]);
  }
  return [...problems.entries()].map(([name, all]) => {
    const trials = all.filter(isTrialRecord);
    const results = all.filter((r) => !isTrialRecord(r));
    const runs = results.filter((r) => !isBaselineRecord(r));
    const baselineRuns = results.filter(isBaselineRecord);
    const models = new Set(runs.map((r) => r.model.name));
    const learners = [...byKey(runs).values()].map((rs) => ({
      key: learnerKey(rs[0]),
      model: rs[0].model.name,
      learner: rs[0].learner.name,
      label: models.size > 1 ? learnerKey(rs[0]) : rs[0].learner.name,
      runs: rs,
    }));
    const withTargets =
      runs.find((r) => r.targets.length > 0) ?? baselineRuns.find((r) => r.targets.length > 0);
    return {
      name,
      metric: (all.find((r) => r.status !== "failed") ?? all[0]).metric,
      targets: withTargets?.targets.map((t) => t.target) ?? [],
      learners,
      runs,
      baselines: [...byKey(baselineRuns).values()].map(baselineGroup),
      tuned: tunedGroups(trials, learners, new Set([...models, ...trials.map((r) => r.model.name)])),
      testIsTrain: all.some((r) => r.problem.testIsTrain === true),
    };
  });
}

/** Counts of runs by status. */
export function statusCounts(runs: RunRecord[]): { ok: number; diverged: number; failed: number } {
  const out = { ok: 0, diverged: 0, failed: 0 };
  for (const r of runs) out[r.status]++;
  return out;
}
