import type { Report } from "@arena/results";
import type { ProblemGroup } from "../data/groups.ts";
import { type PooledEcdfs, pooledEcdf } from "../transforms/pooled-ecdf.ts";
import { colorMap } from "../views/figure-style.ts";
import type { Figure } from "../views/view.ts";
import { overviewHeatmap } from "./overview-heatmap.ts";
import { COST_WORDS, type OverviewTable, overviewTable } from "./overview-table.ts";
import { pooledEcdfFigure } from "./pooled-ecdf-figure.ts";
import { profileFigure } from "./profile-figures.ts";

/** The costs the overview draws its profiles and pooled ECDFs against. */
export const OVERVIEW_COSTS = ["flops", "wallMs"] as const;

/** What the overview page shows (no DOM: testable in Node). */
export interface OverviewOutput {
  /** Why something is missing, in words. */
  notes: string[];
  /** From report.json's overview; null without one. */
  table: OverviewTable | null;
  heatmap: Figure | null;
  /** One performance profile per cost, from the report. */
  profiles: Figure[];
  /** One pooled runtime ECDF per cost, from the records. */
  ecdfs: Figure[];
  /** A colour per learner name, the same in the table and every figure. */
  colors: Map<string, string>;
}

/**
 * A colour per learner name: the names of the runs in order of first appearance (the suite's order,
 * so one problem's learners take the colours they have on its page when it comes first), then any the
 * report names that the runs do not.
 */
export function overviewColors(problems: ProblemGroup[], report: Report | null): Map<string, string> {
  const names = new Set<string>();
  for (const p of problems) for (const l of p.learners) names.add(l.learner);
  for (const l of report?.overview?.learners ?? []) names.add(l.learner);
  return colorMap([...names]);
}

/** Why the table and profiles are missing, when they are. */
function reportNotes(report: Report | null): string[] {
  if (report === null) {
    return [
      "The table and the performance profiles need report.json: load it together with results.jsonl (arena report DIR writes it). The runtime ECDFs below need only the results.",
    ];
  }
  if (report.overview === undefined) {
    return [
      "The loaded report.json is older than the overview (it has no overview section), so there is no table and no performance profile: write it again with arena report DIR. The runtime ECDFs below need only the results.",
    ];
  }
  if (report.overview.cases.length === 0) return ["The report's overview has no problem to compare."];
  return report.overview.profiles
    .filter((p) => p.cases.length === 0)
    .map(
      (p) =>
        `No problem has a target that a learner reached in half its runs, so there is no performance profile on ${COST_WORDS[p.cost]}.`,
    );
}

/**
 * The overview across problems: the report's table of normalised scores with ranks and marks (and its
 * heat map), its performance profiles on FLOPs and wall time, and the runtime ECDFs pooled over
 * problems computed here from the records (`pooled`, by default from `problems`: the app computes them
 * once per data load and keeps this output until the data changes).
 */
export function buildOverviewPage(
  problems: ProblemGroup[],
  report: Report | null,
  pooled: PooledEcdfs[] = OVERVIEW_COSTS.map((c) => pooledEcdf(problems, c)),
): OverviewOutput {
  const colors = overviewColors(problems, report);
  const overview = report?.overview ?? null;
  const notes = reportNotes(report);
  const ecdfs = pooled.map((p) => pooledEcdfFigure(p, colors)).filter((f): f is Figure => f !== null);
  if (ecdfs.length === 0)
    notes.push("No run reached a target (or the suite set no target ladder): no runtime ECDF.");
  return {
    notes,
    table: overview && overview.cases.length > 0 ? overviewTable(overview) : null,
    heatmap: overview ? overviewHeatmap(overview) : null,
    profiles: (overview?.profiles ?? [])
      .map((p) => profileFigure(p, overview?.cases ?? [], colors))
      .filter((f): f is Figure => f !== null),
    ecdfs,
    colors,
  };
}
