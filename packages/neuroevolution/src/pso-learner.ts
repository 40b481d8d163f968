import type { Model, Samples } from "@arena/nn";
import { parseOptions } from "@arena/options";
import { type Rng, type RngLike, toRng } from "@arena/rng";
import {
  ParticleSwarm,
  type ParticleSwarmSettings,
  type ParticleSwarmState,
  SwarmBehaviorOptions,
} from "@arena/swarm";
import * as z from "zod";
import { CandidateSampler, type InitScheme, rowsOf } from "./init-scheme.ts";
import {
  checkCommonConfig,
  commonConfigJson,
  commonConfigShape,
  type ResolvedCommonConfig,
  resolveCommonConfig,
} from "./learner-config.ts";
import { psoFlopsPerGeneration } from "./optimizer-flops.ts";
import { PopulationLearner } from "./population-learner.ts";

/**
 * How particle velocities start: `half-diff` sets v = (z − x)/2 with z another draw of the init
 * scheme (SPSO 2007's rule, with the model's weight distribution in place of the box, so the first
 * moves have the scale of the weights); `zero` starts at rest (Engelbrecht 2012 finds zero or small
 * initial velocities keep particles from roaming out of the search space early).
 */
export const VelocityInit = z
  .enum(["half-diff", "zero"])
  .describe("how velocities start: zero (at rest), or half-diff, (z − x)/2 for another draw z of init");
export type VelocityInit = z.input<typeof VelocityInit>;

/**
 * The learner's PSO defaults: SPSO 2011's coefficients and adaptive random topology (the swarm
 * package's defaults), particles drawn by the model's initialiser, velocities `zero`. See the
 * README's "Defaults" section for the runs behind them.
 */
export const PSO_LEARNER_DEFAULTS = {
  population: 40,
  init: { kind: "initializer" } as InitScheme,
  pso: { velocityInit: "zero" as VelocityInit },
} as const;

/**
 * The swarm's own options, passed to `ParticleSwarm` (population and bounds come from the top level),
 * plus `velocityInit`. `maxVelocity` is a fraction of the span 2·bounds (the swarm package's convention).
 */
export const PsoBlock = SwarmBehaviorOptions.extend({
  velocityInit: VelocityInit.default(PSO_LEARNER_DEFAULTS.pso.velocityInit),
}).describe(
  "the swarm's own options, as in @arena/swarm, plus velocityInit (population and bounds are set at the top level)",
);
export type PsoBlock = z.input<typeof PsoBlock>;

/** Config of {@link psoLearner} (plain JSON): the schema gives its type, defaults, checks and docs. */
export const PsoLearnerConfig = z
  .strictObject({ ...commonConfigShape(PSO_LEARNER_DEFAULTS), pso: PsoBlock.prefault({}) })
  .superRefine((c, ctx) => {
    if (ctx.issues.length === 0) checkCommonConfig(c, ctx);
  });
export type PsoLearnerConfig = z.input<typeof PsoLearnerConfig>;

/** {@link PsoLearnerConfig} resolved: every default filled in, as recorded in `state()`. */
export interface ResolvedPsoConfig extends ResolvedCommonConfig {
  pso: Omit<
    ParticleSwarmSettings,
    "populationSize" | "lower" | "upper" | "initLower" | "initUpper" | "maxVelocity"
  > & {
    /** Absent when velocities are not limited. */
    maxVelocity?: number;
    velocityInit: VelocityInit;
  };
}

const OWNER = "psoLearner";

function psoBlockOf(settings: ParticleSwarmSettings, velocityInit: VelocityInit): ResolvedPsoConfig["pso"] {
  const {
    populationSize: _p,
    lower: _l,
    upper: _u,
    initLower: _il,
    initUpper: _iu,
    maxVelocity,
    ...pso
  } = settings;
  // Written back as a config the factory accepts: an unlimited velocity is an absent key.
  return { ...structuredClone(pso), ...(maxVelocity === null ? {} : { maxVelocity }), velocityInit };
}

/**
 * A learner that trains `model` with particle swarm optimisation (`@arena/swarm`, SPSO 2011 defaults)
 * over its flat parameter vector; one `step()` is one swarm iteration. Particle 0 starts at the
 * model's initial weights, the others at draws of `config.init` (default: the model's own
 * initialiser, so the swarm has Glorot/He scale), velocities by `pso.velocityInit`; all inside the box
 * ±`bounds` (default 10), where SPSO's clamping (v ← −v/2 at a wall) confines them. `rng` is an Rng
 * or a seed. The swarm works in float32 (`precision: "float32"`), the precision of the model's weights.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { createModel } from "@arena/nn";
 * import { psoLearner } from "@arena/neuroevolution";
 * const problem = getProblem("xor").load(new Rng(1));
 * const model = createModel(problem.model!, new Rng(2));
 * const pso = psoLearner(model, problem, { population: 40 }, new Rng(3));
 * for (let g = 0; g < 200; g++) pso.step();
 * console.log(pso.currentLoss, model.evaluate(problem.train, { params: pso.current() }).accuracy);
 * ```
 */
export function psoLearner(
  model: Model,
  problem: { readonly train: Samples },
  config: PsoLearnerConfig | Record<string, unknown>,
  rngLike: RngLike,
): PopulationLearner {
  const c = parseOptions(OWNER, PsoLearnerConfig, config);
  const rng = toRng(rngLike, OWNER);
  const common = resolveCommonConfig(c, problem.train.n);
  const { velocityInit, ...swarmOptions } = c.pso;
  const initial = model.params.slice();
  const dim = model.size;
  const n = common.population;
  const initRng = rng.fork("init");
  const x = new Float32Array(n * dim);
  const sampler = new CandidateSampler(common.init, model, initial, common.bounds);
  sampler.fill(initRng, x, n);
  const v = new Float32Array(n * dim);
  if (velocityInit === "half-diff") {
    const z = new Float32Array(dim);
    for (let i = 0; i < n; i++) {
      sampler.draw(initRng, z);
      for (let d = 0; d < dim; d++) v[i * dim + d] = 0.5 * (z[d] - x[i * dim + d]);
    }
  }
  // The learner's own start in place of the swarm's uniform-in-box one (which is still drawn):
  // personal bests start at the positions with value +Infinity, as in any fresh swarm.
  const pso = new ParticleSwarm({
    ...swarmOptions,
    dim,
    populationSize: n,
    lower: -common.bounds,
    upper: common.bounds,
    rng: rng.fork("pso"),
    precision: "float32",
    initialPopulation: rowsOf(x, n, dim),
    initialVelocities: rowsOf(v, n, dim),
  });
  const cfg: ResolvedPsoConfig = { ...common, pso: psoBlockOf(pso.settings, velocityInit) };
  return assemblePsoLearner(model, problem, cfg, pso, initial, rng.fork("minibatch"));
}

/** The config recorded in a saved state, resolved again, with the swarm resumed from that state. */
export function resumePso(
  config: unknown,
  optimizerState: unknown,
  trainSize: number,
): { cfg: ResolvedPsoConfig; pso: ParticleSwarm<"float32"> } {
  const c = parseOptions(OWNER, PsoLearnerConfig, config);
  const pso = ParticleSwarm.fromState(optimizerState as ParticleSwarmState<"float32">, "float32");
  return {
    cfg: { ...resolveCommonConfig(c, trainSize), pso: psoBlockOf(pso.settings, c.pso.velocityInit) },
    pso,
  };
}

/** Binds a swarm (new or resumed) to the model; shared by {@link psoLearner} and `resumeLearner`. */
export function assemblePsoLearner(
  model: Model,
  problem: { readonly train: Samples },
  cfg: ResolvedPsoConfig,
  pso: ParticleSwarm<"float32">,
  initial: Float32Array,
  minibatchRng: Rng,
): PopulationLearner {
  return new PopulationLearner({
    name: "pso",
    model,
    train: problem.train,
    optimizer: pso,
    config: { ...commonConfigJson(cfg), pso: structuredClone(cfg.pso) },
    fitness: cfg.fitness,
    rescore: cfg.rescore,
    stagnation: cfg.stagnation,
    initial,
    minibatchRng,
    optimizerFlops: psoFlopsPerGeneration(pso.populationSize, model.size, pso.settings.velocityUpdate),
    extraDiagnostics: (out) => {
      // velocities() copies the n × dim matrix: fine at checkpoints, which is when this runs.
      const vel = pso.velocities();
      let s = 0;
      for (let i = 0; i < vel.length; i++) s += vel[i] * vel[i];
      out.velocity_rms = [Math.sqrt(s / vel.length)];
    },
  });
}
