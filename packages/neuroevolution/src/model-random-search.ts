import type { Model } from "@arena/nn";
import {
  AskTellOptimizer,
  AskTellOptions,
  type AskTellState,
  floatsFromJson,
  floatsToJson,
  type JsonFloat,
} from "@arena/objectives";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import { CandidateSampler, InitScheme } from "./init-scheme.ts";
import { DEFAULT_BOUNDS } from "./learner-config.ts";

/** Options of {@link ModelRandomSearch}. */
export const ModelRandomSearchOptions = z.strictObject({
  model: z
    .custom<Model>(
      (v) =>
        typeof v === "object" &&
        v !== null &&
        Number.isSafeInteger((v as Model).size) &&
        (v as Model).size >= 1,
      {
        error: "expected an nn Model",
      },
    )
    .describe(
      'the model whose initialiser { kind: "initializer" } draws from (its parameters are not touched)',
    ),
  initial: z
    .custom<Float32Array>((v) => v instanceof Float32Array, { error: "expected a Float32Array" })
    .describe("the weights the normal/uniform schemes sample around; also the first candidate of all"),
  scheme: InitScheme.prefault({ kind: "initializer" }),
  bounds: z.number().positive().default(DEFAULT_BOUNDS).describe("every weight is kept in [−bounds, bounds]"),
  populationSize: z.number().int().min(1).default(100).describe("samples per ask()"),
  rng: AskTellOptions.shape.rng,
});
export type ModelRandomSearchOptions = z.input<typeof ModelRandomSearchOptions>;

/** Plain-JSON state of a {@link ModelRandomSearch}. */
export interface ModelRandomSearchState extends AskTellState<"float32"> {
  readonly scheme: InitScheme;
  readonly bounds: number;
  readonly candidates: JsonFloat[];
}

const OWNER = "ModelRandomSearch";

/**
 * Pure random search over a model's weights: every candidate is an independent draw of an
 * {@link InitScheme} (the model's initialiser, or noise around the initial weights), nothing is
 * learned from the scores. The first candidate of the first batch is the initial weights
 * themselves. It is `RandomSearch` of `@arena/objectives` with the uniform box replaced by a
 * model-aware distribution: the floor every other method must beat at equal cost. Candidates are
 * float32, the precision of the model's weights; `rng` is an Rng or a seed.
 *
 * @example
 * ```ts
 *  * import { createModel, modelObjective } from "@arena/nn";
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
export class ModelRandomSearch extends AskTellOptimizer<"float32"> {
  readonly scheme: InitScheme;
  readonly bounds: number;
  private readonly sampler: CandidateSampler;
  private readonly xs: Float32Array;
  private readonly rows: Float32Array[];

  constructor(options: ModelRandomSearchOptions) {
    const o = parseOptions(OWNER, ModelRandomSearchOptions, options);
    super(OWNER, o.model.size, o.populationSize, o.rng, "float32");
    this.scheme = o.scheme;
    this.bounds = o.bounds;
    this.sampler = new CandidateSampler(this.scheme, o.model, o.initial, this.bounds);
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
      rng: "fromState",
    });
    rs.restoreBaseState(state);
    floatsFromJson(`${OWNER}.fromState`, "candidates", state.candidates, rs.xs.length, rs.xs);
    return rs;
  }
}
