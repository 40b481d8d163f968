import type { BestOfKSummary, ProblemReport, TuningSummary } from "@arena/results";
import { fmt } from "@arena/stats";
import { mdText, table } from "./markdown.ts";

/** The tuning budgets shown: 1, 2, 4, … up to the number of trials, and that number. */
export function budgetColumns(trials: number): number[] {
  const ks: number[] = [];
  for (let k = 1; k < trials; k *= 2) ks.push(k);
  if (trials >= 1) ks.push(trials);
  return ks;
}

/** A trial's hyperparameters as `lr 0.0316, batchSize 64` (option paths shortened to their last key). */
export function paramsText(params: Readonly<Record<string, number | string | boolean>>): string {
  const entries = Object.entries(params);
  if (entries.length === 0) return "–";
  const keys = entries.map(([p]) => p.split(".").pop() ?? p);
  // Two options with the same last key (ga.mutation.sigma, init.sigma) keep their whole paths.
  const clash = (i: number) => keys.filter((k) => k === keys[i]).length > 1;
  return entries
    .map(([path, v], i) => `${clash(i) ? path : keys[i]} ${typeof v === "number" ? fmt(v) : String(v)}`)
    .join(", ");
}

/** Ranks by median best-of-k at one budget (1 = best); equal medians share a rank. */
export function ranksAt(rows: readonly TuningSummary[], k: number, higherIsBetter: boolean): number[] {
  const value = (t: TuningSummary) => t.bestOfK[Math.min(k, t.bestOfK.length) - 1]?.median ?? Number.NaN;
  const better = (a: number, b: number) => (higherIsBetter ? a > b : a < b);
  return rows.map((t) => 1 + rows.filter((u) => better(value(u), value(t))).length);
}

function cell(b: BestOfKSummary | undefined, rank: number): string {
  return b ? `${fmt(b.median)} [${fmt(b.q1)}, ${fmt(b.q3)}] (${rank})` : "–";
}

/** The order of the rows at a budget, best first, as `a > b = c`. */
function orderText(rows: readonly TuningSummary[], ranks: number[]): string {
  const order = rows.map((t, i) => ({ key: t.key, rank: ranks[i] })).sort((a, b) => a.rank - b.rank);
  return order
    .map((o, i) => (i === 0 ? "" : order[i - 1].rank === o.rank ? " = " : " > ") + mdText(o.key))
    .join("");
}

/** Whether the order at the smallest budget differs from the order at the largest, in words. */
function rankingSentence(rows: readonly TuningSummary[], higherIsBetter: boolean): string {
  const n = Math.max(...rows.map((t) => t.bestOfK.length));
  const first = ranksAt(rows, 1, higherIsBetter);
  const last = ranksAt(rows, n, higherIsBetter);
  const same = first.every((r, i) => r === last[i]);
  return same
    ? `The order of the tuned learners is the same with 1 trial as with ${n}: ${orderText(rows, first)}.`
    : `**The ranking depends on the tuning budget**: with 1 trial ${orderText(rows, first)}; with ${n} trials ${orderText(rows, last)}.`;
}

/**
 * The report's Tuning section of a problem: the protocol, each tuned learner's chosen configuration,
 * its search's outcomes and cost, and the best validation metric of k trials for growing k with the
 * ranking at each budget. Empty when nothing was tuned.
 */
export function tuningSection(p: ProblemReport): string[] {
  const rows = p.tuning ?? [];
  if (rows.length === 0) return [];
  const m = mdText(p.metric.name);
  const higher = p.metric.higherIsBetter;
  const protocol = [
    ...new Set(
      rows.map((t) => `${t.trials} trials × ${t.seeds} seed${t.seeds === 1 ? "" : "s"} (${t.sampler})`),
    ),
  ].join(", ");
  const out = [
    "",
    "### Tuning",
    "",
    `Each tuned learner ran ${protocol} of its search space as ordinary seeded runs on seeds and data splits of their own, chose the trial with the best mean final validation ${m}, and ran that configuration on the repetitions above: fresh seeds, so the rows above are not the trials that chose them. Selection never reads a test figure.`,
    "",
    table(
      [
        "model / learner",
        "chosen configuration",
        `validation ${m} (chosen)`,
        "trials (diverged, failed)",
        "tuning runs",
        "tuning FLOPs",
        "tuning wall s",
      ],
      rows.map((t) => [
        mdText(t.key),
        t.chosen ? mdText(`trial ${t.chosen.trial}: ${paramsText(t.chosen.params)}`) : "–",
        t.chosen ? fmt(t.chosen.score) : "–",
        `${t.ok + t.diverged + t.failed} (${t.diverged}, ${t.failed})`,
        String(t.cost.runs),
        fmt(t.cost.flops),
        fmt(t.cost.wallMs / 1000),
      ]),
    ),
  ];
  const ks = budgetColumns(Math.max(...rows.map((t) => t.bestOfK.length)));
  if (ks.length === 0) return out;
  const ranks = ks.map((k) => ranksAt(rows, k, higher));
  out.push(
    "",
    `Best validation ${m} of k trials (${higher ? "higher" : "lower"} is better): median [quartiles] of the best of k trials drawn with replacement from the search (the exact bootstrap), with the rank at that budget. A diverged trial counts as the worst value.`,
    "",
    table(
      ["model / learner", ...ks.map((k) => `k = ${k}`)],
      rows.map((t, i) => [mdText(t.key), ...ks.map((k, j) => cell(t.bestOfK[k - 1], ranks[j][i]))]),
    ),
    "",
    rankingSentence(rows, higher),
  );
  return out;
}
