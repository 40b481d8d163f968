import { CMAES } from "@arena/cmaes";
import { DifferentialEvolution, Shade } from "@arena/differential-evolution";
import { OpenAIES, SNES } from "@arena/evolution-strategies";
import { GeneticAlgorithm } from "@arena/genetic";
import { RandomSearch } from "@arena/objectives";
import { ParticleSwarm } from "@arena/swarm";

/** A stand-alone population optimizer of Arena's packages, as `arena list` names it. */
export interface PopulationOptimizerInfo {
  package: string;
  /** The exported class (ask/tell on @arena/objectives' contract). */
  name: string;
  description: string;
}

/**
 * The population optimizers Arena ships, usable on any function of a vector (`minimize` from
 * @arena/objectives, or ask/tell). The class names come from the classes themselves, so a rename shows
 * here. Which of them train nn models as learner kinds: see `LEARNER_KINDS`.
 */
export const POPULATION_OPTIMIZERS: readonly PopulationOptimizerInfo[] = [
  { package: "@arena/genetic", name: GeneticAlgorithm.name, description: "real-coded genetic algorithm" },
  {
    package: "@arena/swarm",
    name: ParticleSwarm.name,
    description: "particle swarm (SPSO 2011, classic variants)",
  },
  {
    package: "@arena/cmaes",
    name: CMAES.name,
    description: "CMA-ES; IPOP/BIPOP restarts; sep-CMA-ES (diagonal)",
  },
  {
    package: "@arena/differential-evolution",
    name: DifferentialEvolution.name,
    description: "DE/rand/1/bin, DE/best/1/bin",
  },
  { package: "@arena/differential-evolution", name: Shade.name, description: "SHADE and L-SHADE" },
  {
    package: "@arena/evolution-strategies",
    name: OpenAIES.name,
    description: "OpenAI-ES (mirrored, centred ranks, Adam)",
  },
  {
    package: "@arena/evolution-strategies",
    name: SNES.name,
    description: "separable natural evolution strategy",
  },
  { package: "@arena/objectives", name: RandomSearch.name, description: "uniform random search, the floor" },
];
