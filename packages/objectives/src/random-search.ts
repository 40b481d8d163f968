import { floatsFromJson, floatsToJson, type JsonFloat } from "@arena/float-json";
import { parseOptions } from "@arena/options";
import * as z from "zod";
import {
  AskTellOptimizer,
  AskTellOptions,
  type AskTellState,
  type WithPrecision,
} from "./ask-tell-optimizer.ts";
import { type Box, type BoxJson, BoxOptions, boxFromJson, boxToJson, resolveBox } from "./box.ts";
import { newVector, type Precision, statePrecision, type Vector } from "./precision.ts";

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
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type RandomSearchOptions<P extends Precision = "float64"> = WithPrecision<
  z.input<typeof RandomSearchOptions>,
  P
>;

/** Plain-JSON state of a {@link RandomSearch}. */
export interface RandomSearchState<P extends Precision = Precision> extends AskTellState<P> {
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
 * import { RandomSearch, minimize } from "@arena/objectives";
 * const rs = new RandomSearch({ dim: 2, lower: -2, upper: 2, rng: 7 });
 * const booth = { dim: 2, evaluate: (x: Float64Array) => (x[0] + 2 * x[1] - 7) ** 2 + (2 * x[0] + x[1] - 5) ** 2 };
 * console.log(minimize(rs, booth, { maxEvaluations: 2000 }).f);
 * ```
 */
export class RandomSearch<P extends Precision = "float64"> extends AskTellOptimizer<P> {
  private readonly box: Box;
  private readonly xs: Vector;

  constructor(options: RandomSearchOptions<P>) {
    const o = parseOptions("RandomSearch", RandomSearchOptions, options);
    const { dim, populationSize, lower, upper, initLower, initUpper } = o;
    const precision = o.precision as P;
    super("RandomSearch", dim, populationSize, o.rng, precision);
    this.box = resolveBox(this.owner, dim, { lower, upper, initLower, initUpper }, precision);
    this.xs = newVector(precision, populationSize * dim);
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

  protected candidates(): Vector {
    return this.xs;
  }

  protected advance(): void {
    this.sample();
  }

  state(): RandomSearchState<P> {
    return {
      ...this.baseState(),
      options: { populationSize: this.populationSize, ...boxToJson(this.box) },
      candidates: floatsToJson(this.xs),
    };
  }

  /**
   * Resumes a search saved by `state()` (also after a JSON round trip) exactly, in the precision it was
   * saved in; with `precision`, throws unless the state has that one.
   */
  static fromState<P extends Precision = Precision>(
    state: RandomSearchState<P>,
    precision?: P,
  ): RandomSearch<P> {
    const owner = "RandomSearch.fromState";
    const o = state?.options;
    if (o === null || typeof o !== "object") throw new TypeError(`${owner}: state.options is missing`);
    // The constructor's draws go to a throwaway stream; restoreBaseState puts the saved one in place.
    const rs = new RandomSearch<P>({
      dim: state.dim,
      populationSize: o.populationSize,
      ...boxFromJson(owner, o, state.dim),
      precision: statePrecision(owner, state, precision) as P,
      rng: "fromState",
    });
    rs.restoreBaseState(state);
    floatsFromJson("RandomSearch.fromState", "candidates", state.candidates, rs.xs.length, rs.xs);
    return rs;
  }
}
