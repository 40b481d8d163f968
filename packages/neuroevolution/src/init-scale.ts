import type { Model } from "@arena/nn";
import { OptionsError } from "@arena/options";
import type { Rng } from "@arena/rng";
import { CandidateSampler, type InitScheme } from "./init-scheme.ts";
import type { KindSetup } from "./optimizer-learner.ts";
import { populationSpread } from "./population-spread.ts";

/** Draws of the model's initialiser from which {@link initScale} measures its spread. */
export const INIT_SCALE_DRAWS = 32;

/**
 * The default search range of a starting step size (CMA-ES σ0, SNES's initial σ): two decades around
 * the weight scales of Glorot and He initialisers of small nets (about 0.1 to 0.5).
 */
export const WEIGHT_SCALE_RANGE = { low: 0.01, high: 1, scale: "log" } as const;

/**
 * The scale of an {@link InitScheme}, one number: the standard deviation per weight of its draws,
 * averaged over the weights. `normal`: its std; `uniform`: range/√3, the std of U(−range, range);
 * `initializer`: measured on {@link INIT_SCALE_DRAWS} draws of the model's initialiser (as the GA's and
 * PSO's first populations are drawn, bias noise included), from `rng`, with `populationSpread`, the
 * learners' diversity diagnostic: 0.38 for iris 4-8-3 (Glorot, tanh), 0.18 for digits 64-32-10 (He, ReLU).
 *
 * Why this is the default initial step size of CMA-ES and SNES: the search distribution then spreads
 * its first samples around the model's initial weights as far as the GA's and PSO's first populations
 * spread, the width over which the architecture's designers expect good weights; Hansen's advice for σ0
 * (a quarter to a third of the region where the optimum is expected) needs such a region, and the
 * initialiser is the only one a learner knows. The box ±bounds (default 10) would be far too wide.
 */
export function initScale(scheme: InitScheme, model: Model, rng: Rng): number {
  switch (scheme.kind) {
    case "normal":
      return scheme.std;
    case "uniform":
      return scheme.range / Math.sqrt(3);
    case "initializer": {
      const dim = model.size;
      const draws = new Float32Array(INIT_SCALE_DRAWS * dim);
      // The box does not matter for a scale; Infinity leaves the draws unclamped.
      const sampler = new CandidateSampler(scheme, model, model.params, Number.POSITIVE_INFINITY);
      for (let i = 0; i < INIT_SCALE_DRAWS; i++) sampler.draw(rng, draws.subarray(i * dim, (i + 1) * dim));
      return populationSpread(draws, INIT_SCALE_DRAWS, dim, new Float64Array(dim), new Float64Array(dim));
    }
  }
}

/**
 * A learner's starting step size: `given`, else {@link initScale} of its init scheme, measured from the
 * stream `sigma0` of the learner's. Throws an `OptionsError` naming `path` when the scheme has no spread
 * (an initialiser that sets every weight to a constant).
 */
export function startingSigma(
  owner: string,
  path: string,
  given: number | undefined,
  setup: KindSetup,
): number {
  if (given !== undefined) return given;
  const scale = initScale(setup.common.init, setup.model, setup.rng.fork("sigma0"));
  if (scale > 0 && Number.isFinite(scale)) return scale;
  throw new OptionsError(owner, [
    { path, message: `required here: the init scheme draws no spread (its scale is ${scale})` },
  ]);
}
