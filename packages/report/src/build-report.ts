import type {
  LearnerSummary,
  ProblemReport,
  Report,
  RunRecord,
  Summary,
  TargetSummary,
} from "@arena/results";
import { EMPTY_SUMMARY, isBaselineRecord, isTrialRecord, REPORT_SCHEMA } from "@arena/results";
import { Rng } from "@arena/rng";
import { describe, ert, median, medianCi } from "@arena/stats";
import { baselineSummaries, didNotLearn, groupBy, rowKey, worseThanBaselines } from "./baseline-rows.ts";
import {
  type ComparedRow,
  detectability,
  pairwiseComparisons,
  versusBestComparisons,
} from "./compare-learners.ts";
import { buildOverview } from "./overview.ts";
import { rankByMedian } from "./rank-by-median.ts";
import { comparisonValue, trainingWallMs } from "./run-values.ts";
import { tuningSummaries } from "./tuning-summaries.ts";

export interface ReportSettings {
  /** Level of the bootstrap CIs of medians. */
  confidence: number;
  /** Family-wise significance level of the Holm-corrected tests. */
  alpha: number;
  bootstrapResamples: number;
  bootstrapSeed: string;
  /** Level of the Hodges–Lehmann intervals of the difference between two rows. */
  shiftConfidence: number;
  /** A run "did not learn" when it closed less than this share of the gap from the trivial baseline to a perfect fit. */
  learnedFraction: number;
}

export const DEFAULT_REPORT_SETTINGS: ReportSettings = {
  confidence: 0.95,
  alpha: 0.05,
  bootstrapResamples: 10_000,
  bootstrapSeed: "arena-report",
  shiftConfidence: 0.95,
  learnedFraction: 0.05,
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

function learnerRow(
  key: string,
  rs: RunRecord[],
  baselineRecords: RunRecord[],
  higher: boolean,
  rng: Rng,
  settings: ReportSettings,
  ladder: number[],
): Omit<LearnerSummary, "rank"> {
  const ci = { rng: rng.fork(key), settings };
  const finals = rs.filter((r) => r.final !== null).map((r) => r.final!);
  const bests = rs.filter((r) => r.best !== null).map((r) => r.best!);
  const stuck = didNotLearn(rs, baselineRecords, higher, settings.learnedFraction);
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
    ...peakMemory(rs),
    targets: targetSummaries(rs, ladder),
    ...(stuck ? { didNotLearn: stuck } : {}),
  };
}

/** Summaries of the runs' measured peak memory; left out when no run measured it (older records). */
function peakMemory(rs: RunRecord[]): Pick<LearnerSummary, "peakHeapBytes" | "peakRssBytes"> {
  const heap = rs.flatMap((r) => (r.measured.peakHeapBytes === null ? [] : [r.measured.peakHeapBytes]));
  const rss = rs.flatMap((r) => (r.measured.peakRssBytes === null ? [] : [r.measured.peakRssBytes]));
  return {
    ...(heap.length > 0 ? { peakHeapBytes: summarize(heap) } : {}),
    ...(rss.length > 0 ? { peakRssBytes: summarize(rss) } : {}),
  };
}

/** Orders two rows by mean final test metric, better first; rows without a mean last. */
function meanOrder(a: LearnerSummary, b: LearnerSummary, higher: boolean): number {
  const ma = a.finalTestMetric.mean;
  const mb = b.finalTestMetric.mean;
  if (ma === null || mb === null) return ma === mb ? 0 : ma === null ? 1 : -1;
  return higher ? mb - ma : ma - mb;
}

function problemReport(problem: string, all: RunRecord[], settings: ReportSettings): ProblemReport {
  const metric = all.find((r) => r.status !== "failed")?.metric ?? all[0].metric;
  const higher = metric.higherIsBetter;
  // Trials of a search are not results: they feed the tuning summary, never a row or a test.
  const trials = all.filter(isTrialRecord);
  const records = all.filter((r) => !isTrialRecord(r));
  const learnerRecords = records.filter((r) => !isBaselineRecord(r));
  const baselineRecords = records.filter(isBaselineRecord);
  const ladder = learnerRecords.find((r) => r.targets.length > 0)?.targets.map((t) => t.target) ?? [];
  const groups = groupBy(learnerRecords, rowKey);
  const rng = new Rng(settings.bootstrapSeed).fork(problem);
  const baselines = baselineSummaries(baselineRecords, (vs) => summarize(vs));
  const rows = [...groups.entries()].map(([key, rs]) =>
    learnerRow(key, rs, baselineRecords, higher, rng, settings, ladder),
  );
  const ranks = rankByMedian(
    rows.map((r) => ({ median: r.finalTestMetric.median })),
    higher,
  );
  const ranked: LearnerSummary[] = rows
    .map((r, i) => {
      const worseThan = worseThanBaselines(r.finalTestMetric.median, baselines, higher);
      return { ...r, rank: ranks[i], ...(baselines.length > 0 ? { worseThan } : {}) };
    })
    // Within a shared rank the better mean comes first, so the control of the versus-best family is the
    // row that does best when medians tie (e.g. several rows at accuracy 1 on XOR).
    .sort((a, b) => a.rank - b.rank || meanOrder(a, b, higher) || a.key.localeCompare(b.key));

  const compared: ComparedRow[] = ranked.map((row) => ({
    key: row.key,
    values: (groups.get(row.key) ?? []).map(comparisonValue).filter((v): v is number => v !== null),
  }));
  const runsOf = (key: string) => compared.find((c) => c.key === key)?.values.length ?? 0;
  const comparisonSettings = { alpha: settings.alpha, shiftConfidence: settings.shiftConfidence };
  const comparisons = pairwiseComparisons(compared, higher, comparisonSettings);
  const versusBest = versusBestComparisons(compared, higher, comparisonSettings);
  return {
    problem,
    metric,
    targets: ladder,
    learners: ranked,
    comparisons,
    testIsTrain: records.some((r) => r.problem.testIsTrain === true),
    baselines,
    versusBest,
    detectability: [
      detectability("versus-best", versusBest?.comparisons ?? [], runsOf, settings.alpha),
      detectability("pairwise", comparisons, runsOf, settings.alpha),
    ],
    ...(trials.length > 0 ? { tuning: tuningSummaries(trials, higher) } : {}),
  };
}

/**
 * The statistics of a results file: per problem, per (model, learner) row: final test metric
 * (median, IQR, bootstrap CI of the median), best validation, test at best validation, the
 * train–validation gap, cost, time-to-target with success rate and ERT, and whether it learned at all
 * or ends worse than a baseline; the baselines' rows; Mann–Whitney U tests on the final test metric with
 * Hodges–Lehmann shifts, in two Holm-corrected families (each learner against the best, and all pairs),
 * and whether each family can reach significance with its seed counts.
 */
export function buildReport(
  suite: string,
  records: RunRecord[],
  source: Report["source"],
  settings: ReportSettings = DEFAULT_REPORT_SETTINGS,
): Report {
  const byProblem = groupBy(records, (r) => r.problem.name);
  const problems = [...byProblem.entries()].map(([p, rs]) => problemReport(p, rs, settings));
  const overview = buildOverview(problems, records);
  return {
    schema: REPORT_SCHEMA,
    suite,
    generatedAt: new Date().toISOString(),
    source,
    settings,
    problems,
    ...(overview ? { overview } : {}),
  };
}
