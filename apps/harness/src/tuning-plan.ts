import {
  checkSearchSpace,
  type SearchSpace,
  type SearchValue,
  sampleSearchSpace,
  searchSpaceOf,
  withParameters,
} from "@arena/options";
import { Rng } from "@arena/rng";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import type { LearnerEntry, ProblemEntryConfig, Suite, Tuning } from "./suite.ts";

/** The tuning that applies to a problem entry: its own, else the suite's; undefined when none does. */
export function tuningFor(suite: Suite, p: ProblemEntryConfig): Tuning | undefined {
  return p.tuning === false ? undefined : (p.tuning ?? suite.tuning);
}

/**
 * A learner config as it will run, every default written out (plain JSON): the base a search varies, so
 * that a trial differs from it only in the searched options. Undefined when the kind is unknown or the
 * config is refused (the suite check reports both).
 */
export function resolvedLearnerConfig(
  kind: string,
  config: Record<string, unknown>,
): Record<string, unknown> | undefined {
  const schema = LEARNER_KINDS.get(kind)?.config;
  const parsed = schema?.safeParse(config);
  return parsed?.success ? (JSON.parse(JSON.stringify(parsed.data)) as Record<string, unknown>) : undefined;
}

/**
 * What tuning searches for a learner whose config (the problem's overrides merged in) is `config`:
 * nothing with `search: false`; the learner's own space, checked against its kind's options (an
 * `OptionsError` naming each bad path or end); else the kind's default space (`searchSpaceOf`).
 */
export function learnerSearchSpace(l: LearnerEntry, config: Record<string, unknown>): SearchSpace {
  const schema = LEARNER_KINDS.get(l.kind)?.config;
  const base = resolvedLearnerConfig(l.kind, config);
  if (l.search === false || !schema || !base) return {};
  if (l.search === undefined) return searchSpaceOf(schema, base);
  checkSearchSpace(`${l.id} search`, schema, base, l.search);
  return l.search;
}

/** A tuned learner's points: the search's draws, seeded by the learner's own path, with their configs. */
export function trialPoints(
  space: SearchSpace,
  tuning: Tuning,
  base: Record<string, unknown>,
  seedPath: string,
): { params: Record<string, SearchValue>; config: Record<string, unknown> }[] {
  const draws = sampleSearchSpace(space, tuning.trials, { sampler: tuning.sampler, rng: new Rng(seedPath) });
  return draws.map((params) => ({ params, config: withParameters(base, params) }));
}

/** The learner name of a trial in run ids: `adam~trial-03` ("~" is never in a learner id). */
export function trialLearnerName(id: string, trial: number, trials: number): string {
  return `${id}~trial-${String(trial).padStart(String(trials - 1).length, "0")}`;
}
