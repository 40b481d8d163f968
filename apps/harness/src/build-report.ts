import type {
  Comparison,
  LearnerSummary,
  ProblemReport,
  Report,
  RunRecord,
  Summary,
  TargetSummary,
} from "@arena/results";
import { EMPTY_SUMMARY, REPORT_SCHEMA } from "@arena/results";
import { Rng } from "@arena/rng";
import { describe, ert, holm, mannWhitneyU, median, medianCi, varghaDelaneyA12 } from "@arena/stats";

export interface ReportSettings {
  confidence: number;
  alpha: number;
  bootstrapResamples: number;
  bootstrapSeed: string;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  confidence: 0.95,
  alpha: 0.05,
  bootstrapResamples: 10_000,
  bootstrapSeed: "arena-report",
};

/** Summary of the finite values; with a bootstrap CI of the median when `ci` is given and n ≥ 2. */
function summarize(values: number[], ci?: { rng: Rng; settings: ReportSettings }): Summary {
  const xs = values.filter(Number.isFinite);
  if (xs.length === 0) return EMPTY_SUMMARY;
  const d = describe(xs);
  let medianCiValue: Summary["medianCi"] = null;
  if (ci && xs.length >= 2) {
    const c = medianCi(xs, {
      rng: ci.rng,
      resamples: ci.settings.bootstrapResamples,
      level: ci.settings.confidence,
    });
    medianCiValue = { lo: c.lo, hi: c.hi };
  }
  return {
    n: d.n,
    median: d.median,
    q1: d.q1,
    q3: d.q3,
    iqr: d.iqr,
    mean: d.mean,
    sd: Number.isFinite(d.sd) ? d.sd : null,
    min: d.min,
    max: d.max,
    medianCi: medianCiValue,
  };
}

/**
 * The value a run contributes to comparisons of the final test metric: its figure when it finished,
 * the worst possible value when it diverged (a diverged run lost), and nothing when it failed (a crash
 * says nothing about the algorithm; it is counted in `failed` instead).
 */
function comparisonValue(r: RunRecord): number | null {
  if (r.status === "failed") return null;
  if (r.status === "diverged" || r.final === null || !Number.isFinite(r.final.testMetric)) {
    return r.metric.higherIsBetter ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  }
  return r.final.testMetric;
}

/** Training wall time of a run: the last checkpoint's (evaluation excluded), else the run's total. */
function trainingWallMs(r: RunRecord): number {
  return r.trace.length > 0 ? r.trace[r.trace.length - 1].wallMs : r.measured.wallMs;
}

function targetSummaries(rows: RunRecord[], ladder: number[]): TargetSummary[] {
  return ladder.map((target, ti) => {
    const finished = rows.filter((r) => r.status !== "failed");
    const hits = finished.map((r) => r.targets[ti]).filter((t) => t?.reached);
    const outcomes = (pick: "flops" | "evaluations" | "wallMs") =>
      finished.map((r) => {
        const t = r.targets[ti];
        const spent = pick === "wallMs" ? trainingWallMs(r) : r.cost[pick];
        const hit = t?.reached ? (t[pick] as number) : null;
        return { hit: hit === null ? null : Math.min(hit, spent), spent };
      });
    const hasRuns = finished.length > 0;
    return {
      target,
      runs: finished.length,
      successes: hits.length,
      successRate: hasRuns ? hits.length / finished.length : 0,
      ertFlops: hasRuns ? ert(outcomes("flops")) : Number.POSITIVE_INFINITY,
      ertEvaluations: hasRuns ? ert(outcomes("evaluations")) : Number.POSITIVE_INFINITY,
      ertWallMs: hasRuns ? ert(outcomes("wallMs")) : Number.POSITIVE_INFINITY,
      medianFlops: hits.length > 0 ? median(hits.map((t) => t.flops as number)) : null,
      medianWallMs: hits.length > 0 ? median(hits.map((t) => t.wallMs as number)) : null,
    };
  });
}

/** Ranks 1..n by median (better first); equal medians share a rank; rows without a median come last. */
function assignRanks(rows: { median: number | null }[], higherIsBetter: boolean): number[] {
  const order = rows
    .map((r, i) => ({ i, m: r.median }))
    .sort((a, b) => {
      if (a.m === null || b.m === null) return a.m === null ? (b.m === null ? 0 : 1) : -1;
      return higherIsBetter ? b.m - a.m : a.m - b.m;
    });
  const ranks = new Array<number>(rows.length);
  order.forEach((o, pos) => {
    const prev = order[pos - 1];
    ranks[o.i] = pos > 0 && prev.m === o.m ? ranks[prev.i] : pos + 1;
  });
  return ranks;
}

function problemReport(problem: string, records: RunRecord[], settings: ReportSettings): ProblemReport {
  const metric = records.find((r) => r.status !== "failed")?.metric ?? records[0].metric;
  const higher = metric.higherIsBetter;
  const ladder = records.find((r) => r.targets.length > 0)?.targets.map((t) => t.target) ?? [];
  const groups = new Map<string, RunRecord[]>();
  for (const r of records) {
    const key = `${r.model.name}/${r.learner.name}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const rng = new Rng(settings.bootstrapSeed).fork(problem);
  const rows: Omit<LearnerSummary, "rank">[] = [...groups.entries()].map(([key, rs]) => {
    const ci = { rng: rng.fork(key), settings };
    const finals = rs.filter((r) => r.final !== null).map((r) => r.final!);
    const bests = rs.filter((r) => r.best !== null).map((r) => r.best!);
    return {
      key,
      model: rs[0].model.name,
      learner: rs[0].learner.name,
      runs: rs.length,
      ok: rs.filter((r) => r.status === "ok").length,
      diverged: rs.filter((r) => r.status === "diverged").length,
      failed: rs.filter((r) => r.status === "failed").length,
      finalTestMetric: summarize(
        finals.map((f) => f.testMetric),
        ci,
      ),
      bestValMetric: summarize(bests.map((b) => b.valMetric)),
      testAtBestVal: summarize(
        bests.map((b) => b.testMetric),
        { rng: rng.fork(`${key}/best`), settings },
      ),
      // Oriented so that a positive gap always means the model does better on its training data.
      trainValGap: summarize(
        finals.map((f) => (higher ? f.trainMetric - f.valMetric : f.valMetric - f.trainMetric)),
      ),
      flops: summarize(rs.map((r) => r.cost.flops)),
      wallMs: summarize(rs.map(trainingWallMs)),
      targets: targetSummaries(rs, ladder),
    };
  });
  const ranks = assignRanks(
    rows.map((r) => ({ median: r.finalTestMetric.median })),
    higher,
  );
  const ranked: LearnerSummary[] = rows
    .map((r, i) => ({ ...r, rank: ranks[i] }))
    .sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key));

  const values = new Map<string, number[]>();
  for (const row of ranked) {
    const vs = (groups.get(row.key) ?? []).map(comparisonValue).filter((v): v is number => v !== null);
    values.set(row.key, vs);
  }
  const pairs: Omit<Comparison, "pHolm" | "significant" | "better">[] = [];
  for (let i = 0; i < ranked.length; i++) {
    for (let j = i + 1; j < ranked.length; j++) {
      const a = values.get(ranked[i].key)!;
      const b = values.get(ranked[j].key)!;
      if (a.length === 0 || b.length === 0) continue;
      const mw = mannWhitneyU(a, b);
      const a12 = higher ? varghaDelaneyA12(a, b) : varghaDelaneyA12(b, a);
      pairs.push({ a: ranked[i].key, b: ranked[j].key, u: mw.u, z: mw.z, p: mw.p, method: mw.method, a12 });
    }
  }
  const adjusted = pairs.length > 0 ? holm(pairs.map((p) => p.p)) : [];
  const comparisons: Comparison[] = pairs.map((p, i) => {
    const significant = adjusted[i] <= settings.alpha;
    return { ...p, pHolm: adjusted[i], significant, better: significant ? (p.a12 > 0.5 ? p.a : p.b) : null };
  });
  return { problem, metric, targets: ladder, learners: ranked, comparisons };
}

/**
 * The statistics of a results file: per problem, per (model, learner) row: final test metric
 * (median, IQR, bootstrap CI of the median), best validation, test at best validation, the
 * train–validation gap, cost, time-to-target with success rate and ERT; and pairwise Mann–Whitney U
 * tests on the final test metric with Holm-corrected p-values.
 */
export function buildReport(
  suite: string,
  records: RunRecord[],
  source: Report["source"],
  settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
): Report {
  const byProblem = new Map<string, RunRecord[]>();
  for (const r of records) {
    const g = byProblem.get(r.problem.name);
    if (g) g.push(r);
    else byProblem.set(r.problem.name, [r]);
  }
  return {
    schema: REPORT_SCHEMA,
    suite,
    generatedAt: new Date().toISOString(),
    source,
    settings,
    problems: [...byProblem.entries()].map(([p, rs]) => problemReport(p, rs, settings)),
  };
}
