import {
  GaLearnerConfig,
  gaLearner,
  type PopulationLearner,
  PsoLearnerConfig,
  psoLearner,
} from "@arena/neuroevolution";
import type { Model, Samples } from "@arena/nn";
import type { Rng } from "@arena/rng";
import * as z from "zod";

/** The population learners a hybrid can build on (`@arena/neuroevolution`'s factories). */
export const SEARCH_KINDS = ["ga", "pso"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/**
 * The config keys that choose a hybrid's population search: `search` names the learner, and the block of
 * that name (`ga` or `pso`) is its config, exactly as the learner takes it on its own, so a hybrid and
 * its parent run from the same config. Spread into each hybrid's schema, with {@link checkSearch}.
 */
export const searchShape = {
  search: z
    .enum(SEARCH_KINDS)
    .default("ga")
    .describe("the population learner: ga (gaLearner) or pso (psoLearner) of @arena/neuroevolution"),
  ga: GaLearnerConfig.optional().describe("gaLearner's config, when search is ga (default {})"),
  pso: PsoLearnerConfig.optional().describe("psoLearner's config, when search is pso (default {})"),
};

type ParsedSearch = z.output<z.ZodObject<typeof searchShape>>;

/** Rejects the config block of the search that was not chosen (it would be silently ignored). */
export function checkSearch(c: ParsedSearch, ctx: z.core.$RefinementCtx): void {
  for (const kind of SEARCH_KINDS) {
    if (kind !== c.search && c[kind] !== undefined) {
      ctx.addIssue({
        code: "custom",
        path: [kind],
        input: c[kind],
        message: `applies only with search "${kind}" (search is "${c.search}")`,
      });
    }
  }
}

/** The chosen population learner, built by its own factory from its own block and `rng`. */
export function buildSearch(
  model: Model,
  problem: { readonly train: Samples },
  c: ParsedSearch,
  rng: Rng,
): PopulationLearner {
  return c.search === "ga"
    ? gaLearner(model, problem, c.ga ?? {}, rng)
    : psoLearner(model, problem, c.pso ?? {}, rng);
}
