import { boxFromJson, boxToJson, type Precision, resolveBox, statePrecision } from "@arena/objectives";
import { parseOptions } from "@arena/options";
import { Adam } from "./adam.ts";
import { centredRanks } from "./centred-ranks.ts";
import { GaussianSearch } from "./gaussian-search.ts";
import { OpenAIESOptions, type OpenAIESSettings, type OpenAIESState } from "./openai-es-options.ts";

const OWNER = "OpenAIES";

/**
 * OpenAI's evolution strategy (Salimans, Ho, Chen, Sidor & Sutskever 2017, "Evolution Strategies as a
 * Scalable Alternative to Reinforcement Learning"), ask/tell. The search distribution is N(μ, σ² I)
 * with σ fixed; each generation draws populationSize/2 mirrored pairs ε, −ε, and after `tell`
 *
 *   g = 1/(nσ) Σ_i F_i ε_i + weightDecay · μ,   μ ← Adam(μ, g),
 *
 * where F_i are the centred ranks of the fitness ({@link centredRanks}) and n the population size.
 *
 * The sign: the paper maximises a reward and ascends g (its code hands Adam −g). Arena minimises, so the
 * ranks grow with the fitness (the lowest gets −0.5), g estimates the ascent direction of the shaped
 * fitness, and Adam descends it; the L2 term is added, as a gradient of (weightDecay/2)‖μ‖², so that it
 * pulls μ toward 0 in both conventions. OpenAI's code also leaves out the 1/σ (folding it into the step
 * size); with Adam, whose step does not depend on the scale of g, that makes no difference once the
 * moments have settled.
 *
 * There is no step-size adaptation: near an optimum the steps stay about `learningRate` long, so the
 * method gets close fast and then stalls at a distance set by σ and the learning rate. It scales to
 * many parameters: a generation costs O(populationSize · dim) and it keeps a handful of vectors.
 *
 * @example
 * ```ts
 * import { minimize, sphere } from "@arena/objectives";
 * import { OpenAIES } from "@arena/evolution-strategies";
 * const es = new OpenAIES({ dim: 20, initLower: -1, initUpper: 1, sigma: 0.05, learningRate: 0.02, rng: 1 });
 * console.log(minimize(es, sphere(20), { maxGenerations: 300 }).f < 0.05); // true
 * ```
 */
export class OpenAIES<P extends Precision = "float64"> extends GaussianSearch<P> {
  readonly settings: Readonly<OpenAIESSettings>;
  private readonly adam: Adam;
  private readonly order: Int32Array;
  private readonly shaped: Float64Array;
  private readonly grad: Float64Array;

  constructor(options: OpenAIESOptions<P>) {
    const o = parseOptions(OWNER, OpenAIESOptions, options);
    const precision = o.precision as P;
    const box = resolveBox(
      OWNER,
      o.dim,
      { lower: o.lower, upper: o.upper, initLower: o.initLower, initUpper: o.initUpper },
      precision,
    );
    super({
      owner: OWNER,
      dim: o.dim,
      populationSize: o.populationSize,
      rng: o.rng,
      precision,
      box,
      initialMean: o.initialMean,
      sigma: new Float64Array(o.dim).fill(o.sigma),
      mirrored: true,
    });
    const { populationSize, sigma, learningRate, weightDecay } = o;
    this.settings = { populationSize, sigma, learningRate, weightDecay, ...boxToJson(box) };
    this.adam = new Adam(o.dim);
    this.order = new Int32Array(populationSize);
    this.shaped = new Float64Array(populationSize);
    this.grad = new Float64Array(o.dim);
  }

  protected advance(): void {
    const { dim, noise, grad, mu, shaped, settings } = this;
    const n = this.populationSize;
    centredRanks(this.fitness, this.order, shaped);
    grad.fill(0);
    for (let i = 0; i < n; i++) {
      const w = shaped[i];
      const row = i * dim;
      for (let d = 0; d < dim; d++) grad[d] += w * noise[row + d];
    }
    const scale = 1 / (n * settings.sigma);
    for (let d = 0; d < dim; d++) grad[d] = grad[d] * scale + settings.weightDecay * mu[d];
    this.adam.step(mu, grad, settings.learningRate);
    this.clampMean();
    this.sample();
  }

  /** The last gradient estimate g (a copy; zeros before the first `tell`). */
  gradient(): Float64Array {
    return this.grad.slice();
  }

  state(): OpenAIESState<P> {
    return {
      ...this.searchState(),
      options: structuredClone(this.settings) as OpenAIESSettings,
      adam: this.adam.state(),
    };
  }

  /**
   * Resumes a strategy saved by `state()` (also after a JSON round trip) exactly where it stopped, in
   * the precision it was saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(state: OpenAIESState<P>, precision?: P): OpenAIES<P> {
    const owner = `${OWNER}.fromState`;
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    const es = new OpenAIES<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      sigma: o.sigma,
      learningRate: o.learningRate,
      weightDecay: o.weightDecay,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      // Throwaway stream for the constructor's draws; restoreSearch installs the saved one.
      rng: "fromState",
    });
    es.restoreSearch(state);
    es.adam.restore(owner, state.adam);
    return es;
  }
}
