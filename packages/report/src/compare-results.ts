import {
  COMPARE_FIGURES,
  COMPARE_SCHEMA,
  type Compare,
  type CompareDetectability,
  type CompareFigure,
  type CompareFigureName,
  type CompareRow,
  type CompareSide,
  type CompareVerdict,
  isBaselineRecord,
  isTrialRecord,
  type RunRecord,
  type StatusCounts,
} from "@arena/results";
import {
  holm,
  mannWhitneyMinP,
  mannWhitneyU,
  median,
  minAttainableAdjustedP,
  varghaDelaneyA12,
} from "@arena/stats";
import { groupBy, rowKey } from "./baseline-rows.ts";
import { costValues, type FigureValues, finalMetricValues, wallValues } from "./compare-values.ts";
import { pairRuns } from "./config-changes.ts";

/** How `compareResults` decides what regressed. */
export interface CompareSettings {
  /** Family-wise significance level of the Holm-adjusted p-values over every test of the comparison. */
  alpha: number;
  /** Relative worsening of the medians (0.01 = 1%) beyond which the final metric and cost to target are flagged. */
  threshold: number;
  /** The same for wall time; null: wall time (measured, machine-dependent) is tested and reported, never flagged. */
  timeThreshold: number | null;
}

/** α = 0.05, a 1% threshold, wall time never flagged. */
export const DEFAULT_COMPARE_SETTINGS: Readonly<CompareSettings> = Object.freeze({
  alpha: 0.05,
  threshold: 0.01,
  timeThreshold: null,
});

/** Where a side's records came from, for the outputs: a path or name, and what its reader skipped. */
export interface CompareSource {
  label: string;
  /** Records in the file (trials and baselines included); default: the records given. */
  records?: number;
  skipped?: number;
  tornTail?: boolean;
}

/** A figure before the Holm correction: its values' medians, change and raw test. */
type RawFigure = Omit<CompareFigure, "pHolm" | "verdict" | "threshold">;

interface RawRow extends Omit<CompareRow, "figures"> {
  figures: Record<CompareFigureName, RawFigure>;
}

const isResult = (r: RunRecord) => !isTrialRecord(r) && !isBaselineRecord(r);
const rowOf = (r: RunRecord) => `${r.problem.name}\u0000${rowKey(r)}`;

function checkSettings(s: CompareSettings): CompareSettings {
  const bad = (path: string, expected: string, got: unknown) =>
    new RangeError(`compareResults: settings.${path}: expected ${expected} (got ${String(got)})`);
  if (!(s.alpha > 0 && s.alpha < 1)) throw bad("alpha", "a number in (0, 1)", s.alpha);
  if (!(s.threshold >= 0 && Number.isFinite(s.threshold)))
    throw bad("threshold", "a finite number ≥ 0", s.threshold);
  const t = s.timeThreshold;
  if (t !== null && !(t >= 0 && Number.isFinite(t)))
    throw bad("timeThreshold", "null or a finite number ≥ 0", t);
  return s;
}

/** Runs by status. */
function statusCounts(rs: readonly RunRecord[]): StatusCounts {
  const of = (s: RunRecord["status"]) => rs.filter((r) => r.status === s).length;
  return { runs: rs.length, ok: of("ok"), diverged: of("diverged"), failed: of("failed") };
}

/**
 * (next − base) / |base|; 0 when equal; ±∞ (the sign of next − base) when base is 0 or non-finite and
 * they differ, since no ratio says how much a change from nothing (or from "never") is.
 */
export function relativeChange(base: number, next: number): number {
  if (base === next) return 0;
  if (base === 0 || !Number.isFinite(base)) return Math.sign(next - base) * Number.POSITIVE_INFINITY;
  return (next - base) / Math.abs(base);
}

/** Medians, change and Mann–Whitney U of NEW against BASE, A12 oriented so that > 0.5 means NEW is better. */
function rawFigure(figure: CompareFigureName, v: FigureValues, higher: boolean): RawFigure {
  const target = v.target === undefined ? {} : { target: v.target };
  if ("untested" in v) {
    const none = { baseMedian: null, newMedian: null, relativeChange: null };
    const test = { u: null, p: null, method: null, a12: null };
    return { figure, nBase: 0, nNew: 0, ...target, ...none, ...test, note: v.untested };
  }
  const [mb, mn] = [median(v.base), median(v.next)];
  const mw = mannWhitneyU(v.next, v.base);
  return {
    figure,
    nBase: v.base.length,
    nNew: v.next.length,
    ...target,
    baseMedian: mb,
    newMedian: mn,
    relativeChange: relativeChange(mb, mn),
    u: mw.u,
    p: mw.p,
    method: mw.method,
    a12: higher ? varghaDelaneyA12(v.next, v.base) : varghaDelaneyA12(v.base, v.next),
  };
}

function rawRow(
  base: RunRecord[],
  next: RunRecord[],
  changed: ReadonlySet<string>,
  unknown: ReadonlySet<string>,
): RawRow {
  const first = base.find((r) => r.status !== "failed") ?? base[0];
  const higher = first.metric.higherIsBetter;
  return {
    problem: first.problem.name,
    key: rowKey(first),
    model: first.model.name,
    learner: first.learner.name,
    metric: first.metric,
    base: statusCounts(base),
    new: statusCounts(next),
    configChanged: next.some((r) => changed.has(r.runId)),
    unknownHash: next.filter((r) => unknown.has(r.runId)).length,
    figures: {
      finalMetric: rawFigure("finalMetric", finalMetricValues(base, next), higher),
      costToTarget: rawFigure("costToTarget", costValues(base, next), false),
      wallMs: rawFigure("wallMs", wallValues(base, next), false),
    },
  };
}

/**
 * A tested figure regresses when its Holm-adjusted p ≤ α, NEW is worse (A12 < 0.5) and the medians
 * worsened by more than the threshold (relative to BASE's median); without a threshold it is at most
 * `worse`. Significant in NEW's favour (A12 > 0.5) is `better`.
 */
function verdictOf(f: RawFigure, pHolm: number, higher: boolean, threshold: number | null, alpha: number) {
  const a12 = f.a12 as number;
  if (pHolm > alpha || a12 === 0.5) return "no change";
  if (a12 > 0.5) return "better";
  const change = f.relativeChange as number;
  const worsening = higher ? -change : change;
  return threshold !== null && worsening > threshold ? "regression" : "worse";
}

/** The settings' threshold for a figure: wall time has its own, which may be null (never flagged). */
const thresholdOf = (figure: CompareFigureName, s: CompareSettings) =>
  figure === "wallMs" ? s.timeThreshold : s.threshold;

/**
 * Holm-adjusted p of every test, in two families: the figures that can be flagged (metric and cost
 * to target, and wall time when it has a threshold), and the wall-time tests that are only reported.
 * Reported-only tests must not dilute the power of the flagged ones.
 */
function holmByFamily(raw: RawRow[], s: CompareSettings): Map<RawFigure, number> {
  const pHolm = new Map<RawFigure, number>();
  for (const flagged of [true, false]) {
    const tests = raw.flatMap((r) =>
      COMPARE_FIGURES.filter((name) => (thresholdOf(name, s) !== null) === flagged)
        .map((name) => r.figures[name])
        .filter((f) => f.p !== null),
    );
    const adjusted = tests.length > 0 ? holm(tests.map((f) => f.p as number)) : [];
    for (const [i, f] of tests.entries()) pHolm.set(f, adjusted[i]);
  }
  return pHolm;
}

function finishRows(raw: RawRow[], s: CompareSettings): CompareRow[] {
  const pHolm = holmByFamily(raw, s);
  return raw.map((r) => {
    const finish = (name: CompareFigureName): CompareFigure => {
      const f = r.figures[name];
      const threshold = thresholdOf(name, s);
      const p = pHolm.get(f);
      const higher = name === "finalMetric" ? r.metric.higherIsBetter : false;
      const verdict: CompareVerdict =
        p === undefined ? "not tested" : verdictOf(f, p, higher, threshold, s.alpha);
      return { ...f, pHolm: p ?? null, threshold, verdict };
    };
    return {
      ...r,
      figures: {
        finalMetric: finish("finalMetric"),
        costToTarget: finish("costToTarget"),
        wallMs: finish("wallMs"),
      },
    };
  });
}

/**
 * Whether any test can reach α: the smallest p an exact Mann–Whitney test can give for the
 * best-placed test (most runs), times Holm's factor m for the smallest p of the family. When that
 * exceeds α, "no regression" would only mean "too few runs to tell".
 */
function detectability(rows: CompareRow[], alpha: number): CompareDetectability {
  const tested = rows.flatMap((r) =>
    COMPARE_FIGURES.map((f) => r.figures[f]).filter((f) => f.p !== null && f.threshold !== null),
  );
  if (tested.length === 0) {
    return { tests: 0, minRuns: 0, smallestP: 1, smallestAdjustedP: 1, canDetect: false };
  }
  const smallestP = Math.min(...tested.map((f) => mannWhitneyMinP(f.nBase, f.nNew)));
  const smallestAdjustedP = minAttainableAdjustedP(smallestP, tested.length, "holm");
  return {
    tests: tested.length,
    minRuns: Math.min(...tested.map((f) => Math.min(f.nBase, f.nNew))),
    smallestP,
    smallestAdjustedP,
    canDetect: smallestAdjustedP <= alpha,
  };
}

function side(all: readonly RunRecord[], results: RunRecord[], source: CompareSource): CompareSide {
  return {
    label: source.label,
    suites: [...new Set(all.map((r) => r.suite))],
    source: {
      records: source.records ?? all.length,
      skipped: source.skipped ?? 0,
      tornTail: source.tornTail ?? false,
    },
    runs: statusCounts(results),
  };
}

const loneRows = (rows: Map<string, RunRecord[]>, other: Map<string, RunRecord[]>) =>
  [...rows]
    .filter(([k]) => !other.has(k))
    .map(([, rs]) => ({ problem: rs[0].problem.name, key: rowKey(rs[0]), runs: rs.length }));

/**
 * `arena compare BASE NEW`: pairs the rows (problem, model, learner) of two results sets, leaving out
 * tuning trials and baselines, and per row present on both sides tests three figures of NEW against
 * BASE with a two-sided Mann–Whitney U: the final test metric (a diverged run as the worst value), the
 * FLOPs to the hardest target of the ladder that half of BASE's runs reached (an unreached target as +∞), and the
 * training wall time. The p-values are Holm-adjusted over every test of the comparison, A12 is oriented
 * so that > 0.5 means NEW is better, and a figure regresses when its adjusted p ≤ α, NEW is worse and
 * the medians worsened by more than the threshold (wall time only with `timeThreshold`). Runs are
 * paired by run id: those whose config hashes differ are listed in `configChanges` and their rows
 * marked; the caller decides whether to compare them at all. Browser-safe: reads nothing.
 */
export function compareResults(
  base: readonly RunRecord[],
  next: readonly RunRecord[],
  settings: Partial<CompareSettings> = {},
  sources: { base: CompareSource; new: CompareSource } = { base: { label: "base" }, new: { label: "new" } },
): Compare {
  const s = checkSettings({ ...DEFAULT_COMPARE_SETTINGS, ...settings });
  const [b, n] = [base.filter(isResult), next.filter(isResult)];
  const pairing = pairRuns(b, n);
  const changed = new Set(pairing.changes.map((c) => c.runId));
  const unknown = new Set(pairing.unknown);
  const [bRows, nRows] = [groupBy(b, rowOf), groupBy(n, rowOf)];
  const raw = [...bRows]
    .filter(([k]) => nRows.has(k))
    .map(([k, rs]) => rawRow(rs, nRows.get(k) as RunRecord[], changed, unknown));
  const rows = finishRows(raw, s);
  const d = detectability(rows, s.alpha);
  const regressions = rows.flatMap((r) =>
    COMPARE_FIGURES.filter((f) => r.figures[f].verdict === "regression").map((figure) => ({
      problem: r.problem,
      key: r.key,
      figure,
    })),
  );
  return {
    schema: COMPARE_SCHEMA,
    generatedAt: new Date().toISOString(),
    base: side(base, b, sources.base),
    new: side(next, n, sources.new),
    settings: { alpha: s.alpha, threshold: s.threshold, timeThreshold: s.timeThreshold },
    runs: {
      paired: pairing.paired,
      onlyInBase: pairing.onlyInBase,
      onlyInNew: pairing.onlyInNew,
      configChanged: pairing.changes.length,
      unknownHash: pairing.unknown.length,
    },
    configChanges: pairing.changes,
    detectability: d,
    rows,
    onlyInBase: loneRows(bRows, nRows),
    onlyInNew: loneRows(nRows, bRows),
    regressions,
    outcome: regressions.length > 0 ? "regression" : d.canDetect ? "no regression" : "cannot detect",
  };
}
