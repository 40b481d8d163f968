import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import * as z from "zod";
import { AskTellOptimizer, AskTellOptions, type AskTellState } from "./ask-tell-optimizer.ts";
import { type Box, type BoxJson, BoxOptions, boxFromJson, boxToJson, resolveBox } from "./box.ts";

/** Options of {@link RandomSearch}. */
export const RandomSearchOptions = z.strictObject({
  ...AskTellOptions.shape,
  populationSize: z
    .number()
    .int()
    .min(1)
    .default(100)
    .describe("samples per ask() (the batch size does not change the search, only its granularity)"),
  ...BoxOptions.shape,
});
export type RandomSearchOptions = z.input<typeof RandomSearchOptions>;

/** Plain-JSON state of a {@link RandomSearch}. */
export interface RandomSearchState extends AskTellState {
  readonly options: { populationSize: number } & BoxJson;
  readonly candidates: JsonFloat[];
}

/**
 * Pure random search: every candidate is drawn uniformly and independently from the initialisation
 * range (the bounds by default). It learns nothing, which makes it the floor every other method must
 * beat at equal evaluations (Bergstra & Bengio 2012 show how hard a floor it can be).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { RandomSearch, minimize } from "@arena/objectives";
 * const rs = new RandomSearch({ dim: 2, lower: -2, upper: 2, rng: new Rng(7) });
 * const booth = { dim: 2, evaluate: (x: Float32Array) => (x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2 };
 * console.log(minimize(rs, booth, { maxEvaluations: 2000 }).f);
 * ```
 */
export class RandomSearch extends AskTellOptimizer {
  private readonly box: Box;
  private readonly xs: Float32Array;

  constructor(options: RandomSearchOptions) {
    const { dim, populationSize, rng, lower, upper, initLower, initUpper } = parseOptions(
      "RandomSearch",
      RandomSearchOptions,
      options,
    );
    super("RandomSearch", dim, populationSize, rng);
    this.box = resolveBox(this.owner, dim, { lower, upper, initLower, initUpper });
    this.xs = new Float32Array(populationSize * dim);
    this.sample();
  }

  private sample(): void {
    const { dim, xs, box, rng } = this;
    const lo = box.initLower;
    const hi = box.initUpper;
    for (let i = 0; i < xs.length; i++) {
      const d = i % dim;
      xs[i] = lo[d] + (hi[d] - lo[d]) * rng.float();
    }
  }

  protected candidates(): Float32Array {
    return this.xs;
  }

  protected advance(): void {
    this.sample();
  }

  state(): RandomSearchState {
    return {
      ...this.baseState(),
      options: { populationSize: this.populationSize, ...boxToJson(this.box) },
      candidates: floatsToJson(this.xs),
    };
  }

  /** Resumes a search saved by `state()` (also after a JSON round trip) exactly. */
  static fromState(state: RandomSearchState): RandomSearch {
    const owner = "RandomSearch.fromState";
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    // The constructor's draws go to a throwaway stream; restoreBaseState puts the saved one in place.
    const rs = new RandomSearch({
      dim: state.dim,
      populationSize: o.populationSize,
      ...boxFromJson(owner, o, state.dim),
      rng: new Rng("fromState"),
    });
    rs.restoreBaseState(state);
    floatsFromJson("RandomSearch.fromState", "candidates", state.candidates, rs.xs.length, rs.xs);
    return rs;
  }
}
