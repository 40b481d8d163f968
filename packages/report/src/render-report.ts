import type {
  Comparison,
  Detectability,
  LearnerSummary,
  ProblemReport,
  Report,
  Summary,
  TuningSummary,
} from "@arena/results";
import { fmt } from "@arena/stats";
import { mdText, table } from "./markdown.ts";
import { overviewHeadline, overviewSection } from "./render-overview.ts";
import { tuningSection } from "./render-tuning.ts";

export { mdText } from "./markdown.ts";

function medianIqr(s: Summary): string {
  if (s.n === 0) return "–";
  return `${fmt(s.median)} [${fmt(s.q1)}, ${fmt(s.q3)}]`;
}

function ciText(s: Summary): string {
  return s.medianCi ? `${fmt(s.medianCi.lo)} – ${fmt(s.medianCi.hi)}` : "–";
}

function runsText(l: LearnerSummary): string {
  const extra = [l.diverged ? `${l.diverged} diverged` : "", l.failed ? `${l.failed} failed` : ""].filter(
    Boolean,
  );
  return extra.length ? `${l.runs} (${extra.join(", ")})` : String(l.runs);
}

const MIB = 1024 * 1024;

/** Median peak memory of a row in MiB, "heap / RSS" ("–" where not measured). */
function memoryText(l: LearnerSummary): string {
  const mib = (s: Summary | undefined) =>
    s?.median === null || s?.median === undefined ? "–" : fmt(s.median / MIB);
  if (!l.peakHeapBytes && !l.peakRssBytes) return "–";
  return `${mib(l.peakHeapBytes)} / ${mib(l.peakRssBytes)}`;
}

function learnerNotes(
  l: LearnerSummary,
  name: (s: string) => string = (s) => s,
  tuned?: TuningSummary,
): string {
  const notes: string[] = [];
  if (l.didNotLearn && l.didNotLearn.runs > 0) {
    notes.push(`did not learn within the budget (${l.didNotLearn.runs}/${l.didNotLearn.of} runs)`);
  }
  if (l.worseThan && l.worseThan.length > 0) notes.push(`worse than ${l.worseThan.map(name).join(", ")}`);
  if (tuned) notes.push(`tuned: ${tuned.trials} trials, ${fmt(tuned.cost.flops)} FLOPs (see Tuning)`);
  return notes.join("; ");
}

function resultsTable(p: ProblemReport, confidence: number): string {
  const m = mdText(p.metric.name);
  const learnerRows = p.learners.map((l) => [
    String(l.rank),
    mdText(l.key),
    runsText(l),
    medianIqr(l.finalTestMetric),
    ciText(l.finalTestMetric),
    medianIqr(l.bestValMetric),
    medianIqr(l.testAtBestVal),
    medianIqr(l.trainValGap),
    fmt(l.flops.median),
    fmt(l.wallMs.median === null ? null : l.wallMs.median / 1000),
    memoryText(l),
    learnerNotes(
      l,
      mdText,
      p.tuning?.find((t) => t.key === l.key),
    ),
  ]);
  const baselineRows = (p.baselines ?? []).map((b) => [
    "baseline",
    mdText(b.key),
    String(b.runs),
    medianIqr(b.finalTestMetric),
    "–",
    medianIqr(b.valMetric),
    "–",
    "–",
    "0 (no budget)",
    "–",
    "–",
    mdText(b.description),
  ]);
  return table(
    [
      "rank",
      "model / learner",
      "runs",
      `final test ${m}`,
      `${Math.round(confidence * 100)}% CI of median`,
      `best val ${m}`,
      `test at best val`,
      "train–val gap",
      "FLOPs",
      "train wall s",
      "peak MiB heap / RSS",
      "notes",
    ],
    [...learnerRows, ...baselineRows],
  );
}

function shiftText(c: Comparison): string {
  const s = c.shift;
  if (!s) return "–";
  return `${fmt(s.estimate)} [${fmt(s.lo)}, ${fmt(s.hi)}]`;
}

/** Why a family of tests cannot come out significant, in words; empty when it can. */
function undetectableText(d: Detectability | undefined, alpha: number, what: string): string {
  if (!d || d.canDetect || d.comparisons === 0) return "";
  return (
    `With ${d.minRuns} runs per learner and ${d.comparisons} Holm-corrected ${what} no difference can reach ` +
    `α = ${alpha}: the smallest attainable p is ${fmt(d.smallestP)}, ${fmt(d.smallestAdjustedP)} after correction. ` +
    "These tests cannot detect anything; add repetitions."
  );
}

function versusBestSection(p: ProblemReport, alpha: number, shiftLevel: number): string[] {
  const vb = p.versusBest;
  if (!vb || vb.comparisons.length === 0) return [];
  const m = mdText(p.metric.name);
  const d = p.detectability?.find((x) => x.family === "versus-best");
  const out = [
    "",
    `Each learner against the best (${mdText(vb.control)}): two-sided Mann–Whitney U on the final test ${m}, Holm-corrected over ${vb.comparisons.length} comparisons; the shift is the Hodges–Lehmann estimate of other − best with its ${Math.round(shiftLevel * 100)}% interval.`,
  ];
  const why = undetectableText(d, alpha, "comparisons");
  if (why) out.push("", `**${why}**`);
  out.push(
    "",
    table(
      ["learner", "shift vs best [CI]", "A12 of best", "p", "p (Holm)", "verdict"],
      vb.comparisons.map((c) => [
        mdText(c.b),
        c.shift ? `${fmt(-c.shift.estimate)} [${fmt(-c.shift.hi)}, ${fmt(-c.shift.lo)}]` : "–",
        fmt(c.a12),
        fmt(c.p),
        fmt(c.pHolm),
        c.significant
          ? `${mdText(c.better ?? "")} better`
          : d && !d.canDetect
            ? "undetectable here"
            : "no significant difference",
      ]),
    ),
  );
  return out;
}

function pairwiseSection(p: ProblemReport, alpha: number): string[] {
  const m = mdText(p.metric.name);
  const out = [
    "",
    `All pairs: Mann–Whitney U on the final test ${m}, Holm-corrected over ${p.comparisons.length} pairs (report.json has every pair).`,
  ];
  if (p.comparisons.length === 0) return [...out, "No pairs to compare."];
  const why = undetectableText(
    p.detectability?.find((x) => x.family === "pairwise"),
    alpha,
    "pairs",
  );
  if (why) return [...out, why];
  const sig = p.comparisons.filter((c) => c.significant);
  if (sig.length === 0) return [...out, "No pair differs significantly."];
  return [
    ...out,
    "",
    table(
      ["better", "than", "shift (HL) [CI]", "p (Holm)", "A12"],
      sig.map((c) => {
        const aBetter = c.better === c.a;
        const shift =
          c.shift && !aBetter
            ? { ...c, shift: { ...c.shift, estimate: -c.shift.estimate, lo: -c.shift.hi, hi: -c.shift.lo } }
            : c;
        return [
          mdText(c.better ?? ""),
          mdText(aBetter ? c.b : c.a),
          shiftText(shift),
          fmt(c.pHolm),
          fmt(aBetter ? c.a12 : 1 - c.a12),
        ];
      }),
    ),
  ];
}

function problemSection(p: ProblemReport, settings: Report["settings"]): string {
  const m = mdText(p.metric.name);
  const better = p.metric.higherIsBetter ? "higher is better" : "lower is better";
  const out: string[] = [
    `## ${mdText(p.problem)}`,
    "",
    `Metric: **${m}** (${better}). Median [IQR] over seeds.`,
    "",
  ];
  if (p.testIsTrain) {
    out.push(
      "**Test = train by definition**: this problem is a fixed set of points, so its test figures measure fit, not generalisation.",
      "",
    );
  }
  out.push(resultsTable(p, settings.confidence));
  if (p.targets.length > 0) {
    out.push(
      "",
      `Time to target (validation ${m} ${p.metric.higherIsBetter ? "≥" : "≤"} target): success rate, and ERT in FLOPs (expected FLOPs to a first success, counting failed runs' whole budgets).`,
      "",
    );
    out.push(
      table(
        ["model / learner", ...p.targets.map((t) => `${fmt(t)}`)],
        p.learners.map((l) => [
          mdText(l.key),
          ...l.targets.map((t) => `${t.successes}/${t.runs}, ERT ${fmt(t.ertFlops)}`),
        ]),
      ),
    );
  }
  out.push(...versusBestSection(p, settings.alpha, settings.shiftConfidence ?? 0.95));
  out.push(...pairwiseSection(p, settings.alpha));
  out.push(...tuningSection(p));
  return out.join("\n");
}

/**
 * One line per problem: who wins, whether significantly, and against which baseline. `name` renders
 * each name from the data (identity for a terminal, {@link mdText} for Markdown).
 */
export function verdictLine(p: ProblemReport, name: (s: string) => string = (s) => s): string {
  const best = p.learners[0];
  if (!best) return `${name(p.problem)}: no learner finished.`;
  const parts = [
    `${name(p.problem)}: best ${name(best.key)} (${name(p.metric.name)} ${fmt(best.finalTestMetric.median)})`,
  ];
  const vb = p.versusBest;
  const d = p.detectability?.find((x) => x.family === "versus-best");
  if (vb && vb.comparisons.length > 0) {
    const beaten = vb.comparisons.filter((c) => c.significant).length;
    if (d && !d.canDetect) parts.push("no test can reach significance with these seeds");
    else parts.push(`significantly better than ${beaten} of ${vb.comparisons.length} others`);
  }
  const baselines = p.baselines ?? [];
  if (baselines.length > 0) {
    const beats = baselines.filter((b) => !(best.worseThan ?? []).includes(b.key)).map((b) => b.key);
    const loses = best.worseThan ?? [];
    if (loses.length > 0) parts.push(`worse than ${loses.map(name).join(", ")}`);
    else parts.push(`beats ${beats.map(name).join(", ")}`);
  }
  const stuck = p.learners.filter((l) => l.didNotLearn && l.didNotLearn.runs * 2 > l.didNotLearn.of);
  if (stuck.length > 0) parts.push(`did not learn: ${stuck.map((l) => name(l.key)).join(", ")}`);
  if (p.testIsTrain) parts.push("test = train by definition");
  return `${parts.join("; ")}.`;
}

/**
 * The report as Markdown: one section per problem, tables a reader can scan. `warnings` (e.g. rows
 * that mix settings, see `mixedConfigRows`) are quoted under the title.
 */
export function renderReportMarkdown(r: Report, warnings: readonly string[] = []): string {
  const head = [
    `# Arena report: ${mdText(r.suite)}`,
    "",
    ...warnings.flatMap((w) => [`> **Warning:** ${mdText(w)}.`, ""]),
    `${r.source.records} runs read${r.source.skipped ? `, ${r.source.skipped} lines skipped` : ""}${r.source.tornTail ? ", torn last line ignored" : ""}. Generated ${r.generatedAt}.`,
    "",
    ...(r.overview ? [...overviewSection(r.overview, r.settings.alpha), ""] : []),
    "## Statistics",
    "",
    `Statistics: median and inter-quartile range over seeds; ${Math.round(r.settings.confidence * 100)}% percentile-bootstrap CI of the median (${r.settings.bootstrapResamples} resamples). Significance: two-sided Mann–Whitney U on the final test metric, in two Holm-corrected families at α = ${r.settings.alpha}: each learner against the best-ranked one (the headline), and all pairs. Beside each p: the Hodges–Lehmann shift with its ${Math.round((r.settings.shiftConfidence ?? 0.95) * 100)}% interval and A12, the Vargha–Delaney probability that one row beats the other. When a family cannot reach α with its seed counts the report says so instead of testing. A diverged run counts as the worst value in comparisons; a failed run is left out of them. The train–val gap is oriented so that positive means better on the training data (overfitting). Baselines are fitted in closed form on the same splits and charged to no budget; a learner "did not learn" when its best training metric closed less than ${Math.round((r.settings.learnedFraction ?? 0.05) * 100)}% of the gap from the trivial baseline (majority class or mean) to a perfect fit. docs/METHODS.md explains each step.`,
    "",
    "## Verdicts",
    "",
    ...r.problems.map((p) => `- ${verdictLine(p, mdText)}`),
  ];
  return `${[...head, ...r.problems.map((p) => `\n${problemSection(p, r.settings)}`)].join("\n")}\n`;
}

/** A few lines for the terminal: per problem, each row's final test metric and rank. */
export function renderSummary(r: Report): string {
  const lines: string[] = [];
  for (const p of r.problems) {
    lines.push(`${p.problem} (${p.metric.name}, ${p.metric.higherIsBetter ? "higher" : "lower"} is better):`);
    for (const l of p.learners) {
      const flag = l.diverged || l.failed ? `  [${l.diverged} diverged, ${l.failed} failed]` : "";
      const notes = learnerNotes(l);
      lines.push(
        `  ${String(l.rank).padStart(2)}. ${l.key.padEnd(28)} ${medianIqr(l.finalTestMetric).padEnd(28)} FLOPs ${fmt(l.flops.median)}${flag}${notes ? `  (${notes})` : ""}`,
      );
    }
    for (const b of p.baselines ?? []) {
      lines.push(`   - ${b.key.padEnd(28)} ${medianIqr(b.finalTestMetric).padEnd(28)} baseline`);
    }
    lines.push(`  ${verdictLine(p)}`);
  }
  if (r.overview) lines.push(`Across problems: ${overviewHeadline(r.overview, (s) => s)}`);
  return lines.join("\n");
}
