import type { Model, Samples } from "@arena/nn";
import { floatsFromJson } from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import * as z from "zod";
import { CMAES_KIND } from "./cmaes-learner.ts";
import { assembleGaLearner, resumeGa } from "./ga-learner.ts";
import type { NeuroevolutionState } from "./neuroevolution-state.ts";
import { OPENAI_ES_KIND } from "./openai-es-learner.ts";
import { type ResumeKind, resumerOf } from "./optimizer-learner.ts";
import type { PopulationLearner } from "./population-learner.ts";
import { assemblePsoLearner, resumePso } from "./pso-learner.ts";
import { assembleRandomSearchLearner, resumeRandomSearch } from "./random-search-learner.ts";
import { SHADE_KIND } from "./shade-learner.ts";
import { SNES_KIND } from "./snes-learner.ts";

/** The learners built on the optimizer packages, by kind: one generic rebuild each. */
const OPTIMIZER_KINDS: Record<"cmaes" | "snes" | "openai-es" | "shade", ResumeKind> = {
  cmaes: resumerOf(CMAES_KIND),
  snes: resumerOf(SNES_KIND),
  "openai-es": resumerOf(OPENAI_ES_KIND),
  shade: resumerOf(SHADE_KIND),
};

/** What `resumeLearner` reads before anything else: which format, version and learner a state is. */
const StateHeader = z.looseObject({
  format: z.literal("arena-neuroevolution").describe("marks a neuroevolution learner's state()"),
  version: z.literal(1).describe("the state format's version"),
  kind: z
    .enum(["ga", "pso", "random-search", "cmaes", "snes", "openai-es", "shade"])
    .describe("the learner that saved it"),
});

/**
 * Rebuilds a learner saved with `state()` (also after a JSON round trip) for the same model
 * architecture and training split; it continues bit for bit where the saved one stopped: the same
 * candidates, minibatches, `current()` and costs.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { psoLearner, resumeLearner } from "@arena/neuroevolution";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const a = psoLearner(model, problem, {}, new Rng(3));
 * for (let g = 0; g < 10; g++) a.step();
 * const b = resumeLearner(model, problem, JSON.parse(JSON.stringify(a.state())));
 * a.step();
 * b.step();
 * console.log(a.current().every((v, i) => v === b.current()[i])); // true
 * ```
 */
export function resumeLearner(
  model: Model,
  problem: { readonly train: Samples },
  state: NeuroevolutionState,
): PopulationLearner {
  const owner = "resumeLearner";
  const { kind } = parseOptions(owner, StateHeader, state);
  const initial = floatsFromJson(owner, "initial", state.initial, model.size, new Float32Array(model.size));
  // Assembly needs a stream; restoreCounters replaces it with the saved minibatch stream below.
  const provisionalRng = new Rng("resume");
  let learner: PopulationLearner;
  switch (kind) {
    case "ga": {
      const { cfg, ga } = resumeGa(state.config, state.optimizer, problem.train.n);
      learner = assembleGaLearner(model, problem, cfg, ga, initial, provisionalRng);
      break;
    }
    case "pso": {
      const { cfg, pso } = resumePso(state.config, state.optimizer, problem.train.n);
      learner = assemblePsoLearner(model, problem, cfg, pso, initial, provisionalRng);
      break;
    }
    case "random-search": {
      const { cfg, search } = resumeRandomSearch(
        state.config,
        state.optimizer,
        model,
        initial,
        problem.train.n,
      );
      learner = assembleRandomSearchLearner(model, problem, cfg, search, initial, provisionalRng);
      break;
    }
    default:
      learner = OPTIMIZER_KINDS[kind](model, problem, state, initial, provisionalRng);
  }
  learner.restoreCounters(state);
  return learner;
}
