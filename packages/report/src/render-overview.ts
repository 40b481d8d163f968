import type { Overview, OverviewCell, OverviewEcdf, OverviewMark, OverviewProfile } from "@arena/results";
import { fmt, performanceProfile } from "@arena/stats";
import { mdText, table } from "./markdown.ts";

/** The marks of the overview's cells, as printed. */
export const MARK_SYMBOLS: Readonly<Record<OverviewMark, string>> = {
  best: "★",
  tied: "≈",
  worse: "▼",
  undetectable: "?",
  untested: "",
};

/** Whether some learner skipped some case, so the common-case mean differs from the own-case mean. */
const partial = (o: Overview) => o.commonCases.length < o.cases.length;
const two = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const percent = (x: number) => `${Math.round(x * 100)}%`;

function cellText(c: OverviewCell | null): string {
  if (!c) return "";
  return `${two(c.normalized)} (${c.rank}) ${MARK_SYMBOLS[c.mark]}`.trim();
}

function scoreOf(o: Overview, cost: OverviewProfile["cost"], learner: string): string {
  const s = o.profiles.find((p) => p.cost === cost)?.learners.find((l) => l.learner === learner)?.score;
  return s === undefined ? "–" : two(s);
}

function normalisationLine(o: Overview): string {
  const parts = o.cases.map((c) => {
    const zero = c.reference ? `0 = ${mdText(c.reference.key)} ${fmt(c.reference.median)}` : "no reference";
    const one = c.best ? `1 = ${mdText(c.best.key)} ${fmt(c.best.median)}` : "no best";
    return `${mdText(c.label)} (${c.metric}): ${zero}, ${one}`;
  });
  return `Normalisation per case: ${parts.join("; ")}.`;
}

/**
 * The overview's conclusion in a sentence or three: the best learner by mean normalised score, the
 * fastest by AlgoPerf score, and a caution where problems cannot reach significance. `name` renders
 * names (identity for a terminal; by default bold Markdown).
 */
export function overviewHeadline(
  o: Overview,
  name: (s: string) => string = (s) => `**${mdText(s)}**`,
): string {
  const top = o.learners[0];
  const score = partial(o) ? top.meanNormalizedCommon : top.meanNormalized;
  const over = partial(o)
    ? `over the ${o.commonCases.length} of ${o.cases.length} cases every learner ran on, `
    : "";
  const lines = [
    `${over}${name(top.learner)} has the highest mean normalised score (${two(score)}) and is best or not significantly worse on ${top.bestOrTied} of the ${top.cases} cases it ran on.`.replace(
      /^./,
      (c) => c.toUpperCase(),
    ),
  ];
  const flops = o.profiles.find((p) => p.cost === "flops");
  if (flops) {
    const fastest = [...flops.learners].sort((a, b) => b.score - a.score)[0];
    lines.push(
      `Fastest to target by the AlgoPerf score in FLOPs: ${name(fastest.learner)} (${two(fastest.score)} of 1, over ${flops.cases.length} cases).`,
    );
  }
  const undetectable = o.learners.some((l) => l.cells.some((c) => c?.mark === "undetectable"));
  if (undetectable)
    lines.push("Marked ?: on those problems no test can reach significance with these seed counts.");
  return lines.join(" ");
}

function profileSection(o: Overview): string[] {
  const flops = o.profiles.find((p) => p.cost === "flops");
  if (!flops) return ["No case has a target some learner reaches in half its runs: no performance profile."];
  const left = o.cases.filter((_, i) => !flops.cases.includes(i)).map((c) => mdText(c.label));
  const rows = flops.learners
    .map((l) => ({ l, score: l.score }))
    .sort((a, b) => b.score - a.score)
    .map(({ l }) => [
      mdText(l.learner),
      two(l.score),
      ...[1, 2, flops.tauMax].map((t) => percent(performanceProfile(l.ratios, t))),
      percent(l.ratios.filter(Number.isFinite).length / l.ratios.length),
      scoreOf(o, "wallMs", l.learner),
    ]);
  return [
    "### Performance profiles (cost to target)",
    "",
    `Per case, the ERT to its profile target (the hardest target of its ladder some learner reaches in at least half its runs), divided by the fastest learner's (Dolan & Moré 2002). ρ(τ) is the share of the ${flops.cases.length} cases a learner reaches within τ × the fastest; the AlgoPerf score is the area under ρ on [1, ${flops.tauMax}] divided by ${flops.tauMax - 1} (Dahl et al. 2023): 1 = fastest everywhere. A learner that never reaches a case's target, or did not run on it, is not within any τ there.${left.length > 0 ? ` Left out (no target reached by half the runs of any learner): ${left.join(", ")}.` : ""}`,
    "",
    table(
      [
        "learner",
        "score (FLOPs)",
        "ρ(1): fastest",
        "ρ(2)",
        `ρ(${flops.tauMax})`,
        "reached at all",
        "score (wall time)",
      ],
      rows,
    ),
  ];
}

function ecdfSection(e: OverviewEcdf): string[] {
  if (e.budgets.length === 0) return [];
  const unit = e.cost === "flops" ? "FLOPs" : "wall ms";
  return [
    "",
    table(
      [`learner \\ ${unit} ≤`, "pairs", ...e.budgets.map((b) => `1e${Math.round(Math.log10(b))}`)],
      e.learners.map((l) => [mdText(l.learner), String(l.pairs), ...l.fractions.map(percent)]),
    ),
  ];
}

/**
 * The overview section that opens report.md: the normalised table with ranks and marks, the
 * performance-profile summary and the pooled runtime ECDF at each decade of FLOPs and of wall time.
 */
export function overviewSection(o: Overview, alpha: number): string[] {
  return [
    "## Overview across problems",
    "",
    overviewHeadline(o),
    "",
    `Median final test metric of each learner on each problem (a problem with several models gives one column per model), normalised per problem: 1 = the problem's best learner row, 0 = its trivial baseline (majority class or mean; the worst learner where there is none), below 0 = worse than that baseline. In brackets the rank among the column's learners. Marks against the problem's best row (Mann–Whitney U, Holm-corrected over the problem's versus-best family, α = ${alpha}): ★ best, ≈ not significantly worse, ▼ significantly worse, ? no test can reach significance with these runs. Means over columns weigh every problem alike; where some learner did not run on every case, learners are ordered by their mean on the cases all of them ran on, so skipping a hard problem does not help. The marks, not the means, carry the significance.`,
    "",
    table(
      [
        "learner",
        ...o.cases.map((c) => mdText(c.label)),
        "mean",
        ...(partial(o) ? [`mean on the ${o.commonCases.length} common cases`] : []),
        "mean rank",
        "best or ≈",
        "AlgoPerf (FLOPs)",
      ],
      o.learners.map((l) => [
        mdText(l.learner),
        ...l.cells.map(cellText),
        two(l.meanNormalized),
        ...(partial(o) ? [two(l.meanNormalizedCommon)] : []),
        l.meanRank.toFixed(1),
        `${l.bestOrTied}/${l.cases}`,
        scoreOf(o, "flops", l.learner),
      ]),
    ),
    "",
    normalisationLine(o),
    "",
    ...profileSection(o),
    "",
    "### Runtime ECDF pooled over problems and targets",
    "",
    "The share of all (problem, target, run) triples a learner reached within each budget, pooled over problems as COCO pools functions (failed runs left out). Costs are pooled as they are, so larger models' problems fill the larger budgets.",
    ...o.ecdf.flatMap(ecdfSection),
  ];
}
