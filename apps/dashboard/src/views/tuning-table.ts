import type { RunRecord } from "@arena/results";
import type { TuningSearch } from "../transforms/tuning-search.ts";
import { fmtNum } from "./comparison-tables.ts";
import type { TableSpec } from "./view.ts";

/** A hyperparameter's value as the table and hover labels print it (numbers with 3 significant digits). */
export function fmtParamValue(v: number | string | boolean): string {
  return typeof v === "number" ? fmtNum(v) : String(v);
}

/** A configuration as `path = value` pairs, e.g. "optimizer.lr = 0.0316, batchSize = 64" (plain text). */
export function paramsText(
  params: Readonly<Record<string, number | string | boolean>>,
  separator = ", ",
): string {
  return Object.entries(params)
    .map(([k, v]) => `${k} = ${fmtParamValue(v)}`)
    .join(separator);
}

/** Milliseconds as seconds, or minutes past 100 s. */
function fmtWall(ms: number): string {
  const s = ms / 1000;
  return s < 100 ? `${fmtNum(s)} s` : `${fmtNum(s / 60)} min`;
}

/** One row: the protocol, how the trials ended, the choice and its score, and the whole search's cost. */
function row(s: TuningSearch): string[] {
  const onRecord = s.outcomes.length < s.trials ? ` (${s.outcomes.length} on record)` : "";
  return [
    s.label,
    `${s.trials} × ${s.seeds}${onRecord}, ${s.sampler}`,
    `${s.counts.ok} / ${s.counts.diverged} / ${s.counts.failed}`,
    s.chosen === null ? "–" : String(s.chosen.trial),
    s.chosen === null ? "–" : paramsText(s.chosen.params),
    fmtNum(s.chosenScore),
    String(s.cost.runs),
    fmtNum(s.cost.flops),
    fmtWall(s.cost.wallMs),
  ];
}

/**
 * The tuned learners' searches as a table: the chosen configuration and what finding it cost (runs,
 * FLOPs and the measured wall time of every trial run, summed), the cost a learner pays before its
 * reported runs start, which the other views do not show.
 */
export function tuningTable(searches: TuningSearch[], metric: RunRecord["metric"]): TableSpec {
  return {
    id: "tuning",
    caption:
      "Each tuned learner's search: the configuration chosen on validation (re-run on the suite's repetitions for the other views) and the cost of all its trial runs.",
    head: [
      "learner",
      "trials × seeds, sampler",
      "trials finished / diverged / failed",
      "chosen trial",
      "chosen configuration",
      `its validation ${metric.name} (mean over seeds)`,
      "trial runs",
      "FLOPs",
      "wall time (summed)",
    ],
    rows: searches.map((s) => ({ cells: row(s) })),
  };
}
