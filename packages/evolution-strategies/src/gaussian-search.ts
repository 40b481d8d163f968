import {
  AskTellOptimizer,
  type Box,
  clampToBox,
  floatsFromJson,
  floatsToJson,
  newVector,
  type Precision,
  type RngOption,
  sampleInBox,
  type Vector,
  type VectorOf,
} from "@arena/objectives";
import type * as z from "zod";
import type { GaussianSearchState } from "./gaussian-search-options.ts";

/** The random stream as the options schema hands it over (an `Rng`). */
type Stream = z.output<typeof RngOption>;

/** What a strategy hands its search distribution when it is built. */
export interface GaussianSearchSetup<P extends Precision> {
  readonly owner: string;
  readonly dim: number;
  readonly populationSize: number;
  readonly rng: Stream;
  readonly precision: P;
  readonly box: Box;
  /** The starting mean; drawn uniformly in the init range when absent (the draw is made either way). */
  readonly initialMean: ArrayLike<number> | undefined;
  /** The starting σ, one per dimension. */
  readonly sigma: Float64Array;
  /** Whether odd rows mirror the even ones (s, −s). */
  readonly mirrored: boolean;
}

/**
 * A search distribution N(μ, diag(σ²)) and its samples, the part OpenAI-ES and SNES share: each `ask()`
 * row is x_i = μ + σ ⊙ s_i with s_i standard normal, clamped into the box for evaluation. The draws s_i
 * are kept (populationSize × dim, float64) because both updates are written in them; storing them costs
 * as much as the candidates, O(n) per sample, and nothing here is n × n.
 *
 * Clamping changes only the point that is evaluated, not the draw: the update still uses s_i, which
 * biases the gradient near a wall but keeps every candidate feasible. The mean is clamped after each
 * update for the same reason. Unbounded (the default), nothing is clamped.
 *
 * With `mirrored`, row 2k+1 uses −s_{2k} (antithetic sampling): the pair's noise cancels exactly in any
 * rank-weighted sum, which lowers the variance of the gradient estimate (Salimans et al. 2017, §2.2).
 */
export abstract class GaussianSearch<P extends Precision> extends AskTellOptimizer<P> {
  protected readonly box: Box;
  protected readonly mu: Float64Array;
  protected readonly sd: Float64Array;
  /** s_i, row-major. */
  protected readonly noise: Float64Array;
  private readonly xs: Vector;
  private readonly mirrored: boolean;

  protected constructor(setup: GaussianSearchSetup<P>) {
    const { owner, dim, populationSize, rng, precision, box } = setup;
    super(owner, dim, populationSize, rng, precision);
    this.box = box;
    this.mirrored = setup.mirrored;
    this.mu = new Float64Array(dim);
    sampleInBox(this.mu, box.initLower, box.initUpper, this.rng);
    if (setup.initialMean !== undefined) this.mu.set(setup.initialMean);
    this.sd = setup.sigma.slice();
    this.noise = new Float64Array(populationSize * dim);
    this.xs = newVector(precision, populationSize * dim);
    this.sample();
  }

  /** Draws the next generation's s_i and writes its candidates. */
  protected sample(): void {
    const { dim, noise, mu, sd, xs, rng } = this;
    for (let i = 0; i < this.populationSize; i++) {
      const row = i * dim;
      if (this.mirrored && i % 2 === 1) {
        for (let d = 0; d < dim; d++) noise[row + d] = -noise[row - dim + d];
      } else {
        for (let d = 0; d < dim; d++) noise[row + d] = rng.normal(0, 1);
      }
      const x = xs.subarray(row, row + dim);
      for (let d = 0; d < dim; d++) x[d] = mu[d] + sd[d] * noise[row + d];
      clampToBox(x, this.box.lower, this.box.upper);
    }
  }

  /** Brings the mean back into the box after an update. */
  protected clampMean(): void {
    clampToBox(this.mu, this.box.lower, this.box.upper);
  }

  protected candidates(): Vector {
    return this.xs;
  }

  /** The mean μ of the search distribution (a copy, float64): the strategy's own estimate of the optimum. */
  mean(): Float64Array {
    return this.mu.slice();
  }

  /** The current per-dimension σ (a copy, float64). */
  sigma(): Float64Array {
    return this.sd.slice();
  }

  /** The standard-normal draws s_i behind the current candidates (populationSize × dim, a copy). */
  samples(): Float64Array {
    return this.noise.slice();
  }

  /** The mean in the strategy's precision, to evaluate or to hand on (a copy). */
  meanVector(): VectorOf<P> {
    const v = newVector(this.precision, this.dim);
    v.set(this.mu);
    return v as VectorOf<P>;
  }

  /** The shared part of `state()`. */
  protected searchState(): GaussianSearchState<P> {
    return {
      ...this.baseState(),
      mean: floatsToJson(this.mu),
      sigma: floatsToJson(this.sd),
      noise: floatsToJson(this.noise),
      candidates: floatsToJson(this.xs),
    };
  }

  /** Restores what `searchState()` wrote into a strategy built with the same options. */
  protected restoreSearch(s: GaussianSearchState): void {
    const owner = `${this.owner}.fromState`;
    this.restoreBaseState(s);
    floatsFromJson(owner, "mean", s.mean, this.dim, this.mu);
    floatsFromJson(owner, "sigma", s.sigma, this.dim, this.sd);
    floatsFromJson(owner, "noise", s.noise, this.noise.length, this.noise);
    floatsFromJson(owner, "candidates", s.candidates, this.xs.length, this.xs);
  }
}
