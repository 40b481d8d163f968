import { backpropLearner, backpropLearnerConfig } from "@arena/backprop";
import { MemeticLearnerConfig, memeticLearner, TwoStageLearnerConfig, twoStageLearner } from "@arena/hybrids";
import {
  CmaesLearnerConfig,
  cmaesLearner,
  GaLearnerConfig,
  gaLearner,
  OpenAiEsLearnerConfig,
  openAiEsLearner,
  PsoLearnerConfig,
  psoLearner,
  RandomSearchLearnerConfig,
  randomSearchLearner,
  ShadeLearnerConfig,
  SnesLearnerConfig,
  shadeLearner,
  snesLearner,
} from "@arena/neuroevolution";
import type { LearnerKind } from "./run-context.ts";

/** The learner kinds a suite can name in `learners[].kind`. */
export const LEARNER_KINDS: ReadonlyMap<string, LearnerKind> = new Map(
  (
    [
      {
        kind: "backprop",
        description:
          "minibatch gradient descent with any optimizer; full or truncated BPTT for sequences; gradient: feedback alignment or DFA for MLPs",
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
        kind: "cmaes",
        description:
          "CMA-ES over the flat parameter vector: sep-CMA-ES (diagonal, O(n) per sample) by default, full covariance for small nets",
        config: CmaesLearnerConfig,
        create: cmaesLearner,
      },
      {
        kind: "snes",
        description: "separable natural evolution strategy (Schaul et al. 2011), O(n) per sample",
        config: SnesLearnerConfig,
        create: snesLearner,
      },
      {
        kind: "openai-es",
        description:
          "OpenAI-ES (Salimans et al. 2017): mirrored samples, centred ranks, Adam on the estimated gradient",
        config: OpenAiEsLearnerConfig,
        create: openAiEsLearner,
      },
      {
        kind: "shade",
        description:
          "SHADE / L-SHADE differential evolution (success-history adaptation, current-to-pbest/1)",
        config: ShadeLearnerConfig,
        create: shadeLearner,
      },
      {
        kind: "memetic",
        description:
          "GA or PSO whose candidates each take k gradient steps before scoring, Lamarckian or Baldwinian",
        config: MemeticLearnerConfig,
        create: memeticLearner,
      },
      {
        kind: "two-stage",
        description: "GA or PSO for a share of the run's budget, then backprop from the best point found",
        config: TwoStageLearnerConfig,
        create: (model, problem, config, rng, budget) => twoStageLearner(model, problem, config, rng, budget),
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
