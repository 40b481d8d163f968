import {
  type Box,
  boxFromJson,
  boxToJson,
  type Precision,
  rankOrder,
  resolveBox,
  statePrecision,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { GaussianSearch } from "./gaussian-search.ts";
import {
  SNES_LEARNING_RATE_MEAN,
  snesLearningRateSigma,
  snesPopulationSize,
  snesUtilities,
} from "./snes-defaults.ts";
import { SNESOptions, type SNESSettings, type SNESState } from "./snes-options.ts";

const OWNER = "SNES";

/**
 * Separable natural evolution strategies (Schaul, Glasmachers & Schmidhuber 2011, "High dimensions and
 * heavy tails for natural evolution strategies"; Wierstra et al. 2014, JMLR, Algorithm 6 and Table 1),
 * ask/tell. The search distribution is N(μ, diag(σ²)); each generation draws λ samples s_k ~ N(0, I),
 * evaluates z_k = μ + σ ⊙ s_k and, with the candidates sorted best first and u_k the utilities of
 * {@link snesUtilities},
 *
 *   μ ← μ + η_μ σ ⊙ Σ_k u_k s_k,   σ ← σ ⊙ exp(η_σ/2 · Σ_k u_k (s_k² − 1)).
 *
 * Both are natural-gradient steps; because the covariance is diagonal, the cost is O(λ · dim) per
 * generation and O(dim) memory beyond the samples, so it scales to thousands of parameters where
 * xNES or CMA-ES (dim × dim matrices) cannot; the price is that it learns per-coordinate scales only,
 * not rotations. The σ update uses the samples of the old σ, and μ moves with the old σ as well, as in
 * the paper's pseudocode.
 *
 * @example
 * ```ts
 * import { minimize, sphere } from "@arena/objectives";
 * import { SNES } from "@arena/evolution-strategies";
 * const snes = new SNES({ dim: 10, lower: -5, upper: 5, rng: 1 });
 * console.log(minimize(snes, sphere(10), { maxEvaluations: 20_000, target: 1e-8 }).stopReason); // target
 * ```
 */
export class SNES<P extends Precision = "float64"> extends GaussianSearch<P> {
  readonly settings: Readonly<SNESSettings>;
  /** u_k of the k-th best (k from 0). */
  private readonly utilities: Float64Array;
  private readonly order: Int32Array;
  private readonly gradMean: Float64Array;
  private readonly gradSigma: Float64Array;

  constructor(options: SNESOptions<P>) {
    const o = parseOptions(OWNER, SNESOptions, options);
    const precision = o.precision as P;
    const dim = o.dim;
    const box = resolveBox(
      OWNER,
      dim,
      { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper },
      precision,
    );
    const populationSize = o.populationSize ?? Math.max(2, snesPopulationSize(dim));
    super({
      owner: OWNER,
      dim,
      populationSize,
      rng: o.rng,
      precision,
      box,
      initialMean: o.initialMean,
      sigma: startingSigma(o.initialSigma, box),
      mirrored: false,
    });
    this.settings = {
      populationSize,
      learningRateMean: o.learningRateMean ?? SNES_LEARNING_RATE_MEAN,
      learningRateSigma: o.learningRateSigma ?? snesLearningRateSigma(dim),
      ...boxToJson(box),
    };
    this.utilities = snesUtilities(populationSize);
    this.order = new Int32Array(populationSize);
    this.gradMean = new Float64Array(dim);
    this.gradSigma = new Float64Array(dim);
  }

  protected advance(): void {
    const { dim, noise, gradMean, gradSigma, mu, sd, utilities, order, settings } = this;
    rankOrder(this.fitness, order);
    gradMean.fill(0);
    gradSigma.fill(0);
    for (let k = 0; k < this.populationSize; k++) {
      const u = utilities[k];
      // The worse half all share the one weight −1/λ; it still counts, so no sample is skipped.
      const row = order[k] * dim;
      for (let d = 0; d < dim; d++) {
        const s = noise[row + d];
        gradMean[d] += u * s;
        gradSigma[d] += u * (s * s - 1);
      }
    }
    const etaMu = settings.learningRateMean;
    const halfEtaSigma = settings.learningRateSigma / 2;
    for (let d = 0; d < dim; d++) {
      mu[d] += etaMu * sd[d] * gradMean[d];
      sd[d] *= Math.exp(halfEtaSigma * gradSigma[d]);
    }
    this.clampMean();
    this.sample();
  }

  state(): SNESState<P> {
    return { ...this.searchState(), options: structuredClone(this.settings) as SNESSettings };
  }

  /**
   * Resumes a strategy saved by `state()` (also after a JSON round trip) exactly where it stopped, in
   * the precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(state: SNESState<P>, precision?: P): SNES<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const snes = new SNES<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      learningRateMean: o.learningRateMean,
      learningRateSigma: o.learningRateSigma,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreSearch installs the saved one.
      rng: "fromState",
    });
    snes.restoreSearch(state);
    return snes;
  }
}

/**
 * σ at the start: as given, else a quarter of each dimension's init range, so that the first samples
 * spread over most of it (pycma's advice for σ0 is about a quarter of the domain's width).
 */
function startingSigma(given: number | number[] | undefined, box: Box): Float64Array {
  const sigma = new Float64Array(box.dim);
  for (let d = 0; d < box.dim; d++) {
    sigma[d] =
      given === undefined
        ? (box.initUpper[d] - box.initLower[d]) / 4
        : typeof given === "number"
          ? given
          : given[d];
  }
  return sigma;
}
