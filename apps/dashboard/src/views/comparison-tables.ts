import type {
  Comparison,
  Detectability,
  LearnerSummary,
  ProblemReport,
  Shift,
  Summary,
} from "@arena/results";
import { fmt } from "@arena/stats";
import type { TableRow, TableSpec } from "./view.ts";

/** A p-value for a table. */
export function fmtP(p: number): string {
  if (p < 1e-15) return "< 1e-15"; // a normal approximation underflows to 0
  return p < 0.001 ? p.toExponential(1) : p.toFixed(3);
}

/**
 * A number for a table as report.md prints it (`fmt` of `@arena/stats`: 3 significant digits,
 * exponent form for very large or small values), with a typographic minus sign.
 */
export function fmtNum(x: number | null | undefined): string {
  return fmt(x).replace(/^-/, "−");
}

/** Median [q1, q3] of a summary, "–" when it has no values. */
export function fmtMedianIqr(s: Summary): string {
  return s.n === 0 ? "–" : `${fmtNum(s.median)} [${fmtNum(s.q1)}, ${fmtNum(s.q3)}]`;
}

/** The shift b − a from a shift a − b: the estimate and the interval change sign and swap ends. */
export function negateShift(s: Shift): Shift {
  return { ...s, estimate: -s.estimate, lo: -s.hi, hi: -s.lo };
}

/**
 * A Hodges–Lehmann shift with its interval, e.g. "−0.12 [−0.2, −0.05]"; when the exact interval could
 * not reach the level asked (too few runs), the level it has, e.g. "… (90% only)". "–" without a shift
 * (an old report, or a row holding a diverged run, which has no finite value to shift by).
 */
export function fmtShift(s: Shift | null | undefined): string {
  if (s === null || s === undefined) return "–";
  const text = `${fmtNum(s.estimate)} [${fmtNum(s.lo)}, ${fmtNum(s.hi)}]`;
  // Exact intervals cover at least the level when the sizes allow; below it they are the whole range.
  return s.achievedLevel < s.level - 1e-9 ? `${text} (${percent(s.achievedLevel)} only)` : text;
}

function percent(x: number): string {
  return `${Number((100 * x).toPrecision(3))}%`;
}

/** The level of a family's intervals, from its first shift (they share the report's `shiftConfidence`). */
function shiftLevel(comparisons: Comparison[], fallback: number | undefined): number {
  return comparisons.find((c) => c.shift)?.shift?.level ?? fallback ?? 0.95;
}

/**
 * Why a family of tests cannot come out significant, in words, or null when it can (or the report
 * predates detectability). The report then has no significant result to miss: a missing star says
 * nothing about the learners.
 */
export function undetectableNote(d: Detectability | undefined, alpha: number): string | null {
  if (!d || d.canDetect || d.comparisons === 0) return null;
  const what = d.family === "pairwise" ? "pairs" : "comparisons";
  const family = d.family === "pairwise" ? "all pairs" : "each learner against the best";
  return (
    `With ${d.minRuns} runs per learner and ${d.comparisons} Holm-corrected ${what} no difference can reach α = ${alpha} (${family}): ` +
    `the smallest attainable p is ${fmtP(d.smallestP)}, ${fmtP(d.smallestAdjustedP)} after correction. ` +
    "These tests cannot detect anything, however large the difference: read the shifts and A12, or add repetitions."
  );
}

/** Whether a learner's row says it did not learn: more than half its judged runs never left the trivial baseline. */
export function didNotLearnFlag(row: LearnerSummary): boolean {
  return row.didNotLearn !== undefined && row.didNotLearn.runs * 2 > row.didNotLearn.of;
}

/** How the tables name a row: its dashboard label, else the key. */
export type LabelOf = (key: string) => string;

/** Options of the report's tables. */
export interface TableOptions {
  labelOf: LabelOf;
  /** Keys of the learners the filter shows; rows about others are left out. */
  shown: Set<string>;
  alpha: number | null;
  /** `settings.shiftConfidence`, for the caption when no comparison has a shift. */
  shiftConfidence?: number;
  learnedFraction?: number;
}

/**
 * The headline family: each learner against the best-ranked one, one row per learner with the
 * Hodges–Lehmann shift learner − best (metric units) and its interval, A12 of the best, p, Holm p and
 * a verdict that says "undetectable" rather than "no difference" when the family cannot reach α.
 * Null when the report has no such family (an old report, or fewer than two learners).
 */
export function versusBestTable(p: ProblemReport, o: TableOptions): TableSpec | null {
  const vb = p.versusBest;
  if (!vb || vb.comparisons.length === 0) return null;
  const d = p.detectability?.find((x) => x.family === "versus-best");
  const undetectable = d !== undefined && !d.canDetect;
  const m = p.metric.name;
  const level = shiftLevel(vb.comparisons, o.shiftConfidence);
  const worse = p.metric.higherIsBetter ? "negative" : "positive";
  const rows: TableRow[] = vb.comparisons
    .filter((c) => o.shown.has(c.a) && o.shown.has(c.b))
    .map((c) => ({
      strong: c.significant,
      cells: [
        o.labelOf(c.b),
        fmtShift(c.shift ? negateShift(c.shift) : c.shift),
        c.a12.toFixed(2),
        fmtP(c.p),
        fmtP(c.pHolm),
        c.significant
          ? `${o.labelOf(c.better ?? "")} is better`
          : undetectable
            ? "undetectable with these runs"
            : "no significant difference",
      ],
    }));
  return {
    id: "versus-best",
    caption:
      `Each learner against the best-ranked, ${o.labelOf(vb.control)} (the headline): two-sided Mann–Whitney U on the final test ${m}, ` +
      `Holm-corrected over the family's ${vb.comparisons.length} comparison${vb.comparisons.length === 1 ? "" : "s"}; significant when p (Holm) ≤ α = ${o.alpha ?? "?"}. ` +
      `Shift: the Hodges–Lehmann estimate of learner − best in ${m} units with its ${percent(level)} interval (${worse} = worse than the best; – when a row holds a diverged run). ` +
      "A12: the probability that a run of the best beats a run of the learner.",
    head: ["learner", `shift vs best [${percent(level)} CI]`, "A12 (best)", "p", "p (Holm)", "verdict"],
    rows,
  };
}

/**
 * Every pair of the shown learners: A, B, the shift A − B when the report has shifts, A12, p, Holm p,
 * and whether it is significant ("undetectable" when the family cannot reach α with its run counts).
 */
export function pairwiseTable(p: ProblemReport, o: TableOptions): TableSpec {
  const withShift = p.comparisons.some((c) => c.shift !== undefined);
  const d = p.detectability?.find((x) => x.family === "pairwise");
  const undetectable = d !== undefined && !d.canDetect;
  const level = shiftLevel(p.comparisons, o.shiftConfidence);
  const rows: TableRow[] = p.comparisons
    .filter((c) => o.shown.has(c.a) && o.shown.has(c.b))
    .map((c) => ({
      strong: c.significant,
      cells: [
        o.labelOf(c.a),
        o.labelOf(c.b),
        ...(withShift ? [fmtShift(c.shift)] : []),
        c.a12.toFixed(2),
        fmtP(c.p),
        fmtP(c.pHolm),
        c.significant
          ? `yes: ${o.labelOf(c.better ?? "")} is better`
          : undetectable
            ? "undetectable with these runs"
            : "no",
      ],
    }));
  return {
    id: "pairwise",
    caption:
      `Pairwise Mann–Whitney U tests on the final test ${p.metric.name}, Holm-corrected over the problem's ${p.comparisons.length} comparisons; significant when p (Holm) ≤ α = ${o.alpha ?? "?"}. A12 > 0.5 means A tends to be better.` +
      (withShift
        ? ` Shift: the Hodges–Lehmann estimate of A − B in ${p.metric.name} units with its ${percent(level)} interval.`
        : ""),
    head: [
      "A",
      "B",
      ...(withShift ? [`shift A − B [${percent(level)} CI]`] : []),
      "A12",
      "p",
      "p (Holm)",
      "significant",
    ],
    rows,
  };
}

/** What a learner's row says besides its figures: did not learn, worse than a baseline. */
export function learnerNotes(row: LearnerSummary, labelOf: LabelOf): string {
  const notes: string[] = [];
  if (row.didNotLearn && row.didNotLearn.runs > 0) {
    notes.push(
      `${didNotLearnFlag(row) ? "did not learn" : "some runs did not learn"} within the budget (${row.didNotLearn.runs}/${row.didNotLearn.of} runs)`,
    );
  }
  if (row.worseThan && row.worseThan.length > 0)
    notes.push(`worse than ${row.worseThan.map(labelOf).join(", ")}`);
  return notes.join("; ");
}

/**
 * The report's rows: the shown learners in rank order with their median [IQR] final test metric and
 * notes (did not learn, worse than a baseline), then the baselines (not ranked, no budget).
 */
export function rowsTable(p: ProblemReport, o: TableOptions): TableSpec {
  const m = p.metric.name;
  const learnerRows: TableRow[] = p.learners
    .filter((l) => o.shown.has(l.key))
    .map((l) => {
      const notes = learnerNotes(l, o.labelOf);
      return {
        tone: didNotLearnFlag(l) || (l.worseThan?.length ?? 0) > 0 ? ("warn" as const) : undefined,
        cells: [
          String(l.rank),
          o.labelOf(l.key),
          l.diverged || l.failed ? `${l.runs} (${l.diverged} diverged, ${l.failed} failed)` : String(l.runs),
          fmtMedianIqr(l.finalTestMetric),
          notes,
        ],
      };
    });
  const baselineRows: TableRow[] = (p.baselines ?? []).map((b) => ({
    tone: "baseline",
    cells: [
      "–",
      o.labelOf(b.key),
      String(b.runs),
      fmtMedianIqr(b.finalTestMetric),
      `${b.role} baseline: ${b.description}`,
    ],
  }));
  const fraction = o.learnedFraction === undefined ? "" : ` (${percent(o.learnedFraction)})`;
  return {
    id: "rows",
    caption:
      `Learners ranked by median final test ${m}, then the baselines: fitted in closed form on the same splits, charged to no budget, never ranked. ` +
      `A learner "did not learn" when most of its runs closed less than a small share${fraction} of the gap from the trivial baseline (majority class, mean) to a perfect fit; ` +
      "it is worse than a baseline when its median is worse than the baseline's.",
    head: ["rank", "learner", "runs", `final test ${m}: median [IQR]`, "notes"],
    rows: [...learnerRows, ...baselineRows],
  };
}
