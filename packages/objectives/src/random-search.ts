import { Rng } from "@arena/rng";
import { AskTellOptimizer, type AskTellState } from "./ask-tell-optimizer.ts";
import { BOX_OPTION_KEYS, type Box, type BoxOptions, boxFromJson, boxToJson, resolveBox } from "./box.ts";
import { floatsFromJson, floatsToJson, type JsonFloat } from "./float-json.ts";
import { checkOptionKeys, checkOptionsObject, integerOption } from "./options.ts";

/** Options of {@link RandomSearch}. */
export interface RandomSearchOptions extends BoxOptions {
  /** Length of a candidate vector. */
  dim: number;
  /** The random stream (the optimizer advances it; pass a fork to keep your own stream apart). */
  rng: Rng;
  /** Samples per `ask()` (default 100; the batch size does not change the search, only its granularity). */
  populationSize?: number;
}

/** Plain-JSON state of a {@link RandomSearch}. */
export interface RandomSearchState extends AskTellState {
  readonly options: { populationSize: number } & Record<(typeof BOX_OPTION_KEYS)[number], JsonFloat[]>;
  readonly candidates: JsonFloat[];
}

const OPTION_KEYS = ["dim", "rng", "populationSize", ...BOX_OPTION_KEYS] as const;

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
    checkOptionsObject("RandomSearch", "options", options);
    checkOptionKeys("RandomSearch", "option", options, OPTION_KEYS);
    const populationSize = integerOption("RandomSearch", "populationSize", options.populationSize, 100, 1);
    super("RandomSearch", options.dim, populationSize, options.rng);
    this.box = resolveBox(this.owner, this.dim, options);
    this.xs = new Float32Array(populationSize * this.dim);
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
