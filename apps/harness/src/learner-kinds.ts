import { backpropLearner, backpropLearnerConfig } from "@arena/backprop";
import {
  GaLearnerConfig,
  gaLearner,
  PsoLearnerConfig,
  psoLearner,
  RandomSearchLearnerConfig,
  randomSearchLearner,
} from "@arena/neuroevolution";
import type { LearnerKind } from "./run-context.ts";

/** The learner kinds a suite can name in `learners[].kind`. */
export const LEARNER_KINDS: ReadonlyMap<string, LearnerKind> = new Map(
  (
    [
      {
        kind: "backprop",
        description: "minibatch gradient descent with any optimizer; full or truncated BPTT for sequences",
        config: backpropLearnerConfig,
        create: backpropLearner,
      },
      {
        kind: "ga",
        description: "real-coded genetic algorithm over the flat parameter vector",
        config: GaLearnerConfig,
        create: gaLearner,
      },
      {
        kind: "pso",
        description: "particle swarm optimisation (SPSO 2011) over the flat parameter vector",
        config: PsoLearnerConfig,
        create: psoLearner,
      },
      {
        kind: "random-search",
        description:
          "independent draws from the model's initialiser, keeping the best: the floor every method must beat",
        config: RandomSearchLearnerConfig,
        create: randomSearchLearner,
      },
    ] satisfies LearnerKind[]
  ).map((k) => [k.kind, k]),
);
