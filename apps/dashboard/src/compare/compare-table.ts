import {
  COMPARE_FIGURES,
  type CompareFigure,
  type CompareFigureName,
  type CompareRow,
  type StatusCounts,
} from "@arena/results";
import { fmtNum, fmtP } from "../views/comparison-tables.ts";
import type { TableRow, TableSpec } from "../views/view.ts";
import type { CompareLearner } from "./compare-figures.ts";

/** The table's columns, as compare.md has them. */
export const COMPARE_TABLE_HEAD = [
  "learner",
  "runs BASE → NEW",
  "figure",
  "median BASE",
  "median NEW",
  "change",
  "p",
  "p (Holm)",
  "A12 (> 0.5: NEW better)",
  "verdict",
];

/** A relative change of the medians as a signed percentage: `−38%`, `+1.2%`, `0%`, `∞`. */
export function fmtChange(x: number | null): string {
  if (x === null) return "–";
  if (x === 0) return "0%";
  if (!Number.isFinite(x)) return x > 0 ? "+∞" : "−∞";
  return `${x > 0 ? "+" : ""}${fmtNum(x * 100)}%`;
}

/** Runs of a side with its diverged and failed ones: `5 (1 diverged)`. */
export function fmtRuns(c: StatusCounts): string {
  const extra = [c.diverged ? `${c.diverged} diverged` : "", c.failed ? `${c.failed} failed` : ""];
  const shown = extra.filter(Boolean);
  return shown.length > 0 ? `${c.runs} (${shown.join(", ")})` : String(c.runs);
}

/** What a figure of a row measures, e.g. `final test accuracy`, `FLOPs to target 0.9`. */
export function figureName(row: CompareRow, name: CompareFigureName): string {
  if (name === "finalMetric") return `final test ${row.metric.name}`;
  if (name === "wallMs") return "train wall ms";
  const target = row.figures.costToTarget.target;
  return target === null || target === undefined ? "FLOPs to target" : `FLOPs to target ${fmtNum(target)}`;
}

/** The verdict in words; a significant worsening within the threshold says so, as compare.md does. */
export function verdictWords(f: CompareFigure): string {
  if (f.verdict === "not tested") return `not tested: ${f.note ?? ""}`;
  if (f.verdict !== "worse") return f.verdict;
  return f.threshold === null ? "worse (not flagged)" : `worse, within ${fmtNum(f.threshold * 100)}%`;
}

const fmtPOrDash = (p: number | null) => (p === null ? "–" : fmtP(p));

/** The three lines of a learner on both sides: regressions in the warn tone, improvements bold. */
function rowLines(label: string, row: CompareRow): TableRow[] {
  const runs = `${fmtRuns(row.base)} → ${fmtRuns(row.new)}`;
  return COMPARE_FIGURES.map((name) => {
    const f = row.figures[name];
    return {
      cells: [
        label,
        runs,
        figureName(row, name),
        fmtNum(f.baseMedian),
        fmtNum(f.newMedian),
        fmtChange(f.relativeChange),
        fmtPOrDash(f.p),
        fmtPOrDash(f.pHolm),
        fmtNum(f.a12),
        verdictWords(f),
      ],
      ...(f.verdict === "better" ? { strong: true } : {}),
      ...(f.verdict === "regression" ? { tone: "warn" as const } : {}),
    };
  });
}

/** A learner on one side only: listed, not tested. */
function loneLine(l: CompareLearner): TableRow {
  const [side, runs] = l.base.length > 0 ? ["BASE", l.base.length] : ["NEW", l.next.length];
  const counts = side === "BASE" ? `${runs} → 0` : `0 → ${runs}`;
  return {
    cells: [l.label, counts, "–", "", "", "", "", "", "", `only in ${side}: not tested`],
    tone: "baseline",
  };
}

/**
 * One problem's table: per learner the three figures `arena compare` tests, with both medians, the
 * relative change, p, Holm p (over every test of the comparison), A12 and the verdict; learners on
 * one side only last.
 */
export function compareTable(problem: string, learners: CompareLearner[]): TableSpec {
  const paired = learners.filter((l) => l.row !== null);
  const lone = learners.filter((l) => l.row === null);
  return {
    id: "compare",
    caption: `${problem}: NEW against BASE per learner (change = (NEW − BASE) / |BASE| of the medians)`,
    head: COMPARE_TABLE_HEAD,
    rows: [...paired.flatMap((l) => rowLines(l.label, l.row as CompareRow)), ...lone.map(loneLine)],
  };
}
