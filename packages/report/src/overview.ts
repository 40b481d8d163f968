import type { Overview, OverviewProfile, ProblemReport, RunRecord } from "@arena/results";
import { overviewEcdf } from "./overview-ecdf.ts";
import { overviewProfile } from "./overview-profiles.ts";
import { commonCases, overviewCases, overviewLearners } from "./overview-table.ts";

/**
 * The answer across problems, from the per-problem sections and the records they summarise: a
 * learners × cases table of normalised median final test metric with ranks and significance marks,
 * Dolan–Moré performance profiles on the ERT to each case's target (FLOPs and wall time) with their
 * AlgoPerf scores, and the runtime ECDF pooled over (case, target, run) against FLOPs and wall time.
 * Null when no problem has a learner row.
 */
export function buildOverview(
  problems: readonly ProblemReport[],
  records: readonly RunRecord[],
): Overview | null {
  const cases = overviewCases(problems);
  if (cases.length === 0) return null;
  const learners = overviewLearners(cases);
  const names = learners.map((l) => l.learner);
  const profiles = (["flops", "wallMs"] as const)
    .map((cost) => overviewProfile(cases, names, cost))
    .filter((p): p is OverviewProfile => p !== null);
  return {
    cases: cases.map((c) => c.meta),
    commonCases: commonCases(learners),
    learners,
    profiles,
    ecdf: (["flops", "wallMs"] as const).map((cost) => overviewEcdf(records, names, cost)),
  };
}
