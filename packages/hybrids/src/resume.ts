import type { Problem } from "@arena/datasets";
import type { AnyModel } from "@arena/nn";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import { type MemeticLearner, type MemeticState, resumeMemetic } from "./memetic-learner.ts";
import { resumeTwoStage, type TwoStageLearner, type TwoStageState } from "./two-stage-learner.ts";

/** The state of any learner of this package. */
export type HybridState = MemeticState | TwoStageState;

/** What `resumeHybridLearner` reads before anything else: which format, version and learner a state is. */
const StateHeader = z.looseObject({
  format: z.literal("arena-hybrids").describe("marks a hybrid learner's state()"),
  version: z.literal(1).describe("the state format's version"),
  kind: z.enum(["memetic", "two-stage"]).describe("the learner that saved it"),
});

/**
 * Rebuilds a hybrid learner saved with `state()` (also after a JSON round trip) for the same model
 * architecture and problem; it continues bit for bit where the saved one stopped.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { memeticLearner, resumeHybridLearner } from "@arena/hybrids";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const a = memeticLearner(model, problem, { mode: "baldwinian" }, new Rng(3));
 * for (let g = 0; g < 5; g++) a.step();
 * const b = resumeHybridLearner(model, problem, JSON.parse(JSON.stringify(a.state())));
 * console.log(a.step().flops === b.step().flops, a.current().every((v, i) => v === b.current()[i])); // true true
 * ```
 */
export function resumeHybridLearner(
  model: AnyModel,
  problem: Problem,
  state: HybridState,
): MemeticLearner | TwoStageLearner {
  const { kind } = parseOptions("resumeHybridLearner", StateHeader, state);
  return kind === "memetic"
    ? resumeMemetic(model, problem, state as MemeticState)
    : resumeTwoStage(model, problem, state as TwoStageState);
}
