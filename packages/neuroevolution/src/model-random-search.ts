import type { Model } from "@arena/nn";
import {
  AskTellOptimizer,
  type AskTellState,
  checkOptionKeys,
  checkOptionsObject,
  floatsFromJson,
  floatsToJson,
  integerOption,
  type JsonFloat,
  numberOption,
} from "@arena/objectives";
import { Rng } from "@arena/rng";
import { CandidateSampler, type InitScheme, parseInitScheme } from "./init-scheme.ts";
import { DEFAULT_BOUNDS } from "./learner-config.ts";

/** Options of {@link ModelRandomSearch}. */
export interface ModelRandomSearchOptions {
  /** The model whose initialiser `{ kind: "initializer" }` draws from (its parameters are not touched). */
  model: Model;
  /** The weights the `normal`/`uniform` schemes sample around; also the first candidate of all. */
  initial: Float32Array;
  /** Default `{ kind: "initializer" }`. */
  scheme?: InitScheme;
  /** Every weight is kept in [−bounds, bounds] (default 10). */
  bounds?: number;
  /** Samples per `ask()` (default 100). */
  populationSize?: number;
  rng: Rng;
}

/** Plain-JSON state of a {@link ModelRandomSearch}. */
export interface ModelRandomSearchState extends AskTellState {
  readonly scheme: InitScheme;
  readonly bounds: number;
  readonly candidates: JsonFloat[];
}

const OWNER = "ModelRandomSearch";
const OPTION_KEYS = ["model", "initial", "scheme", "bounds", "populationSize", "rng"] as const;

/**
 * Pure random search over a model's weights: every candidate is an independent draw of an
 * {@link InitScheme} (the model's initialiser, or noise around the initial weights), nothing is
 * learned from the scores. The first candidate of the first batch is the initial weights
 * themselves. It is `RandomSearch` of `@arena/objectives` with the uniform box replaced by a
 * model-aware distribution: the floor every other method must beat at equal cost.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel, modelObjective } from "@arena/nn";
 * import { ModelRandomSearch } from "@arena/neuroevolution";
 * const model = createModel({ kind: "mlp", layers: [2, 2, 1], activation: "tanh", output: "sigmoid" }, new Rng(1));
 * const xor = { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), y: new Float32Array([0, 1, 1, 0]) };
 * const rs = new ModelRandomSearch({ model, initial: model.params, scheme: { kind: "initializer" }, bounds: 10, populationSize: 20, rng: new Rng(2) });
 * const f = new Float64Array(20);
 * for (let g = 0; g < 5; g++) {
 *   model.lossBatch(rs.ask(), 20, xor, f);
 *   rs.tell(f);
 * }
 * console.log(rs.best().f);
 * ```
 */
export class ModelRandomSearch extends AskTellOptimizer {
  readonly scheme: InitScheme;
  readonly bounds: number;
  private readonly sampler: CandidateSampler;
  private readonly xs: Float32Array;
  private readonly rows: Float32Array[];

  constructor(options: ModelRandomSearchOptions) {
    checkOptionsObject(OWNER, "options", options);
    checkOptionKeys(OWNER, "option", options, OPTION_KEYS);
    const populationSize = integerOption(OWNER, "populationSize", options.populationSize, 100, 1);
    super(OWNER, options.model?.size, populationSize, options.rng);
    this.scheme = parseInitScheme(OWNER, options.scheme, { kind: "initializer" });
    this.bounds = numberOption(OWNER, "bounds", options.bounds, DEFAULT_BOUNDS, {
      min: 0,
      exclusiveMin: true,
    });
    this.sampler = new CandidateSampler(this.scheme, options.model, options.initial, this.bounds);
    this.xs = new Float32Array(this.populationSize * this.dim);
    this.rows = [];
    for (let i = 0; i < this.populationSize; i++)
      this.rows.push(this.xs.subarray(i * this.dim, (i + 1) * this.dim));
    this.sampler.fill(this.rng, this.xs, this.populationSize);
  }

  protected candidates(): Float32Array {
    return this.xs;
  }

  protected advance(): void {
    for (const row of this.rows) this.sampler.draw(this.rng, row);
  }

  state(): ModelRandomSearchState {
    return {
      ...this.baseState(),
      scheme: { ...this.scheme },
      bounds: this.bounds,
      candidates: floatsToJson(this.xs),
    };
  }

  /** Resumes a search saved by `state()` exactly; `model` and `initial` as given to the original. */
  static fromState(state: ModelRandomSearchState, model: Model, initial: Float32Array): ModelRandomSearch {
    const rs = new ModelRandomSearch({
      model,
      initial,
      scheme: state.scheme,
      bounds: state.bounds,
      populationSize: state.populationSize,
      // Throwaway stream for the constructor's draws; restoreBaseState installs the saved one.
      rng: new Rng("fromState"),
    });
    rs.restoreBaseState(state);
    floatsFromJson(`${OWNER}.fromState`, "candidates", state.candidates, rs.xs.length, rs.xs);
    return rs;
  }
}
