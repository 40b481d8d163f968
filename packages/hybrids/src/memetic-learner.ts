import { type NeuroevolutionState, type PopulationLearner, resumeLearner } from "@arena/neuroevolution";
import type { Cost, Learner, Model, Samples } from "@arena/nn";
import { parseOptions } from "@arena/options";
import { Rng, type RngLike, toRng } from "@arena/rng";
import * as z from "zod";
import { GradientRefiner, type GradientRefinerState } from "./gradient-refiner.ts";
import { LocalSearchConfig, RefinementMode } from "./local-search-config.ts";
import { buildSearch, checkSearch, searchShape } from "./population-search.ts";

/** Config of {@link memeticLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const MemeticLearnerConfig = z
  .strictObject({
    ...searchShape,
    mode: RefinementMode.default("lamarckian"),
    local: LocalSearchConfig.prefault({}),
  })
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkSearch(c, ctx);
  })
  .describe("a population search whose candidates each take k gradient steps before they are scored");
export type MemeticLearnerConfig = z.input<typeof MemeticLearnerConfig>;
/** {@link MemeticLearnerConfig} with every default filled in, as recorded in `state()`. */
export type ResolvedMemeticConfig = z.output<typeof MemeticLearnerConfig>;

/** Plain-JSON state of a {@link MemeticLearner}: everything `resumeHybridLearner` needs. */
export interface MemeticState {
  readonly format: "arena-hybrids";
  readonly version: 1;
  readonly kind: "memetic";
  readonly config: ResolvedMemeticConfig;
  /** The population learner's own state (`resumeLearner` of `@arena/neuroevolution`). */
  readonly search: NeuroevolutionState;
  readonly refiner: GradientRefinerState;
}

/**
 * The learner {@link memeticLearner} returns: a population learner with a {@link GradientRefiner} hooked
 * in (`PopulationLearner.setRefiner`). `step()` is one generation of the population learner, every
 * candidate refined before it is scored; cost, allowance cuts, `current()` and stopping are the
 * population learner's, with each candidate's refinement added to its cost.
 */
export class MemeticLearner implements Learner {
  readonly name: string;
  /** The population learner (for inspection: its optimizer's rows, costs per candidate). */
  readonly population: PopulationLearner;
  readonly refiner: GradientRefiner;
  private readonly config: ResolvedMemeticConfig;

  constructor(population: PopulationLearner, refiner: GradientRefiner, config: ResolvedMemeticConfig) {
    this.name = `memetic-${config.search}-${config.mode}`;
    this.population = population;
    this.refiner = refiner;
    this.config = config;
    population.setRefiner(refiner);
  }

  step(allowance?: Cost): Cost {
    return this.population.step(allowance);
  }

  /**
   * The parameters to evaluate: the population learner's incumbent. Lamarckian, a refined candidate of
   * the population; Baldwinian, the refined copy that earned the score (the population holds the
   * unrefined weights).
   */
  current(): Float32Array {
    return this.population.current();
  }

  /** The training objective of `current()` (see `PopulationLearner.currentLoss`). */
  get currentLoss(): number {
    return this.population.currentLoss;
  }

  /** FLOPs and evaluations spent so far, refinements included. */
  get spent(): Cost {
    return this.population.spent;
  }

  /** The population learner's series, and the refiner's `local_loss`. */
  diagnostics(): Record<string, number[]> {
    return { ...this.population.diagnostics(), ...this.refiner.diagnostics() };
  }

  finished(): boolean {
    return this.population.finished();
  }

  state(): MemeticState {
    const search = this.population.state();
    return {
      format: "arena-hybrids",
      version: 1,
      kind: "memetic",
      config: structuredClone(this.config),
      search,
      refiner: this.refiner.state(search.pending?.scored ?? 0),
    };
  }
}

const OWNER = "memeticLearner";

/**
 * A memetic learner: the population learner `config.search` (GA by default, or PSO), built from its own
 * config block exactly as on its own (same `rng`, so the same initial population), whose every
 * candidate takes `local.k` gradient steps before it is scored. `mode` "lamarckian" writes the improved
 * weights back into the optimizer's rows, so selection (the GA's) or the personal bests (PSO's) hold
 * them; "baldwinian" scores an improved copy and leaves the rows as they were, so only the scores
 * change. `rng` is an Rng or a seed; the local steps draw from its fork "local".
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { memeticLearner } from "@arena/hybrids";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel({ kind: "mlp", layers: [2, 4, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" }, new Rng(2));
 * const learner = memeticLearner(model, problem, { ga: { population: 20 }, local: { k: 2, optimizer: { kind: "sgd", lr: 1 } } }, new Rng(3));
 * for (let g = 0; g < 50; g++) learner.step();
 * console.log(learner.name, learner.currentLoss);
 * ```
 */
export function memeticLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: MemeticLearnerConfig | Record<string, unknown>,
  rngLike: RngLike,
): MemeticLearner {
  const c = parseOptions(OWNER, MemeticLearnerConfig, config);
  const rng = toRng(rngLike, OWNER);
  return assemble(model, problem, c, buildSearch(model, problem, c, rng), rng);
}

/** Rebuilds a memetic learner from its `state()`; it continues bit for bit. */
export function resumeMemetic(
  model: Model,
  problem: { readonly train: Samples },
  state: MemeticState,
): MemeticLearner {
  const c = parseOptions("resumeHybridLearner", MemeticLearnerConfig, state.config);
  // The refiner's streams are provisional: restore installs the saved ones.
  const learner = assemble(model, problem, c, resumeLearner(model, problem, state.search), new Rng("resume"));
  learner.refiner.restore(state.refiner);
  return learner;
}

function assemble(
  model: Model,
  problem: { readonly train: Samples },
  c: ResolvedMemeticConfig,
  population: PopulationLearner,
  rng: Rng,
): MemeticLearner {
  // The box the search keeps its weights in, as it resolved it (rounded to float32), read from its state
  // rather than worked out again here.
  const bounds = (population.state().config as { bounds: number }).bounds;
  const refiner = new GradientRefiner(model, problem.train, {
    local: c.local,
    mode: c.mode,
    bounds,
    rng: rng.fork("local"),
  });
  return new MemeticLearner(population, refiner, c);
}
