import type {
  Compare,
  CompareFigure,
  CompareFigureName,
  CompareRow,
  CompareSide,
  StatusCounts,
} from "@arena/results";
import { COMPARE_FIGURES } from "@arena/results";
import { fmt } from "@arena/stats";
import { groupBy } from "./baseline-rows.ts";
import { mdText, table } from "./markdown.ts";

/** A name from the data, rendered by the caller: identity for a terminal, {@link mdText} for Markdown. */
type Name = (s: string) => string;

const plain: Name = (s) => s;

/** `0.012` → `+1.2%`; ±∞ as such. */
function percent(x: number | null): string {
  if (x === null) return "–";
  if (x === 0) return "0%";
  return `${x > 0 ? "+" : ""}${fmt(x * 100)}%`;
}

/** A threshold as a share: `0.01` → `1%`. */
const share = (x: number) => `${fmt(x * 100)}%`;

function runsText(c: StatusCounts): string {
  const extra = [c.diverged ? `${c.diverged} diverged` : "", c.failed ? `${c.failed} failed` : ""];
  const shown = extra.filter(Boolean);
  return shown.length > 0 ? `${c.runs} (${shown.join(", ")})` : String(c.runs);
}

/** What a figure measures, e.g. `final test accuracy`, `FLOPs to accuracy ≥ 0.9`. */
function figureLabel(row: CompareRow, name: CompareFigureName, md: Name): string {
  const metric = md(row.metric.name);
  if (name === "finalMetric") return `final test ${metric}`;
  if (name === "wallMs") return "train wall ms";
  const target = row.figures.costToTarget.target;
  return target === null || target === undefined ? "FLOPs to target" : `FLOPs to target ${fmt(target)}`;
}

function verdictText(f: CompareFigure, md: Name): string {
  if (f.verdict === "not tested") return `not tested: ${md(f.note ?? "")}`;
  if (f.verdict !== "worse") return f.verdict;
  return f.threshold === null ? "worse (not flagged)" : `worse, within ${share(f.threshold)}`;
}

function figureCells(f: CompareFigure): string[] {
  return [fmt(f.baseMedian), fmt(f.newMedian), percent(f.relativeChange), fmt(f.p), fmt(f.pHolm), fmt(f.a12)];
}

function rowLines(row: CompareRow): string[][] {
  const key = `${mdText(row.key)}${row.configChanged ? " (config changed)" : ""}`;
  const runs = `${runsText(row.base)} → ${runsText(row.new)}`;
  return COMPARE_FIGURES.map((name, i) => {
    const f = row.figures[name];
    const verdict = verdictText(f, mdText);
    return [
      i === 0 ? key : "",
      i === 0 ? runs : "",
      figureLabel(row, name, mdText),
      ...figureCells(f),
      f.verdict === "regression" ? "**regression**" : verdict,
    ];
  });
}

const HEADER = [
  "model / learner",
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

function rowsSection(c: Compare): string[] {
  if (c.rows.length === 0) return ["", "No row (problem, model, learner) is on both sides."];
  return [...groupBy(c.rows, (r) => r.problem)].flatMap(([problem, rows]) => {
    const m = rows[0].metric;
    return [
      "",
      `### ${mdText(problem)}`,
      "",
      `Metric: **${mdText(m.name)}** (${m.higherIsBetter ? "higher" : "lower"} is better).`,
      "",
      table(HEADER, rows.flatMap(rowLines)),
    ];
  });
}

/** The regression rule, as applied; the same words in compare.md and the harness README. */
export function compareRuleText(c: Compare): string {
  const { alpha, threshold, timeThreshold } = c.settings;
  const time =
    timeThreshold === null
      ? "Wall time (training, measured) depends on the machine and its load: it is tested and reported, Holm-corrected in a family of its own so that it does not weaken the flagged tests, but never flagged (give a time threshold, `--time-threshold`, to flag it)."
      : `Wall time (training, measured) is flagged likewise when its median grew by more than ${share(timeThreshold)}.`;
  return [
    `A figure regresses when its Holm-adjusted p ≤ α = ${alpha} (two-sided Mann–Whitney U, Holm over the ${c.detectability.tests} tests of this comparison that can be flagged),`,
    `NEW is worse (A12 < 0.5, where A12 > 0.5 means NEW is better) and NEW's median is worse than BASE's by more than ${share(threshold)} of BASE's median.`,
    "That rule applies to the final test metric (a diverged run counts as its worst value) and to the cost to target",
    "(FLOPs at the first reach of the hardest target of the suite's ladder that at least half of BASE's runs of the row reached, hardest meaning reached by the fewest of them, then the latest;",
    "a run that never reached it counts as +∞; no such target: not tested).",
    `${time} Failed runs are left out of every figure (a crash says nothing about the algorithm; \`arena run\` exits 1 on them) and counted beside each row.`,
    "Tuning trials and baselines are not compared; rows on one side only are listed, not tested.",
  ].join(" ");
}

/** Why no regression can be flagged with these runs, in words; empty when one can. */
export function undetectableCompareText(c: Compare): string {
  const d = c.detectability;
  if (d.canDetect) return "";
  if (d.tests === 0) return "Nothing was tested: no figure of any row has values on both sides.";
  return (
    `With ${d.minRuns} runs per side and ${d.tests} Holm-corrected tests, the smallest p one test can reach is ` +
    `${fmt(d.smallestP)}, ${fmt(d.smallestAdjustedP)} after correction, above α = ${c.settings.alpha}: ` +
    "this comparison cannot detect a regression with these runs, however large. Add repetitions."
  );
}

/** One line per flagged figure: `iris mlp/sgd final test accuracy: 0.967 → 0.6 (-38%, p (Holm) 0.0003, A12 0)`. */
export function regressionLines(c: Compare, name: (s: string) => string = plain): string[] {
  return c.regressions.map((g) => {
    const row = c.rows.find((r) => r.problem === g.problem && r.key === g.key) as CompareRow;
    const f = row.figures[g.figure];
    return (
      `${name(g.problem)} ${name(g.key)} ${figureLabel(row, g.figure, name)}: ${fmt(f.baseMedian)} → ${fmt(f.newMedian)} ` +
      `(${percent(f.relativeChange)}, p (Holm) ${fmt(f.pHolm)}, A12 ${fmt(f.a12)})`
    );
  });
}

function sideText(s: CompareSide, name: Name): string {
  const skipped = s.source.skipped ? `, ${s.source.skipped} lines skipped` : "";
  const torn = s.source.tornTail ? ", torn last line ignored" : "";
  return `${name(s.label)}: ${runsText(s.runs)} runs of ${s.suites.map(name).join(", ") || "no suite"}${skipped}${torn}`;
}

/** The outcome in one sentence. */
function outcomeText(c: Compare): string {
  if (c.outcome === "regression") {
    const n = c.regressions.length;
    return `REGRESSION: ${n} figure${n === 1 ? "" : "s"} of NEW regressed against BASE.`;
  }
  if (c.outcome === "cannot detect")
    return "No regression flagged, but this comparison cannot detect one with these runs.";
  return "No regression.";
}

/** Notes on runs made with other or unknown settings. */
function settingsNotes(c: Compare): string[] {
  const notes: string[] = [];
  if (c.runs.configChanged > 0) {
    notes.push(
      `${c.runs.configChanged} runs were made with other settings in NEW (config hashes differ; compared because asked): rows marked "config changed" measure the change of settings, not only of the code.`,
    );
  }
  if (c.runs.unknownHash > 0) {
    notes.push(
      `${c.runs.unknownHash} paired runs have no config hash on a side (older records): compared, but whether their settings changed is unknown.`,
    );
  }
  return notes;
}

/**
 * A paragraph for the terminal: what was compared, the outcome, and the notes; the regressions follow,
 * one line each ({@link regressionLines}).
 */
export function renderCompareSummary(c: Compare): string {
  const t = c.settings.timeThreshold;
  const parts = [
    `BASE ${sideText(c.base, plain)}; NEW ${sideText(c.new, plain)}.`,
    `${c.rows.length} row${c.rows.length === 1 ? "" : "s"} on both sides (${c.onlyInBase.length} only in BASE, ${c.onlyInNew.length} only in NEW), ${c.detectability.tests} tests, Holm-adjusted at α = ${c.settings.alpha}, threshold ${share(c.settings.threshold)}; wall time ${t === null ? "tested but not flagged (machine-dependent; see --time-threshold)" : `flagged beyond ${share(t)}`}.`,
    outcomeText(c),
    undetectableCompareText(c),
    ...settingsNotes(c),
  ];
  const lines = regressionLines(c).map((l) => `  regression: ${l}`);
  return [parts.filter(Boolean).join(" "), ...lines].join("\n");
}

function loneSection(title: string, rows: Compare["onlyInBase"]): string[] {
  if (rows.length === 0) return [];
  return [
    "",
    `## ${title}`,
    "",
    ...rows.map((r) => `- ${mdText(r.problem)}: ${mdText(r.key)} (${r.runs} runs)`),
  ];
}

/** compare.md: the outcome, both sides, the rule, the regressions, every row's figures, one-sided rows. */
export function renderCompareMarkdown(c: Compare): string {
  const warnings = settingsNotes(c).map((n) => `> **Note:** ${n}`);
  const undetectable = undetectableCompareText(c);
  const regressions = regressionLines(c, mdText);
  const out = [
    `# Arena compare: ${mdText(c.base.label)} → ${mdText(c.new.label)}`,
    "",
    `**${outcomeText(c)}**${undetectable ? ` ${undetectable}` : ""}`,
    "",
    `- BASE ${sideText(c.base, mdText)}`,
    `- NEW ${sideText(c.new, mdText)}`,
    `- Runs paired by run id: ${c.runs.paired} on both sides, ${c.runs.onlyInBase} only in BASE, ${c.runs.onlyInNew} only in NEW. Generated ${c.generatedAt}.`,
    ...warnings.flatMap((w) => ["", w]),
    "",
    "## Rule",
    "",
    compareRuleText(c),
    "",
    "## Regressions",
    "",
    ...(regressions.length > 0 ? regressions.map((l) => `- ${l}`) : ["None."]),
    "",
    "## Rows",
    ...rowsSection(c),
    ...loneSection("Only in BASE (not tested)", c.onlyInBase),
    ...loneSection("Only in NEW (not tested)", c.onlyInNew),
  ];
  return `${out.join("\n")}\n`;
}
