import type { JsonFloat } from "@arena/objectives";
import type { RngState } from "@arena/rng";
import type { NeuroevolutionKind } from "./population-learner.ts";

/** Plain-JSON state of a neuroevolution learner: everything `resumeLearner` needs. */
export interface NeuroevolutionState {
  readonly format: "arena-neuroevolution";
  readonly version: 1;
  readonly kind: NeuroevolutionKind;
  readonly config: Record<string, unknown>;
  readonly generation: number;
  readonly flops: number;
  readonly evaluations: number;
  readonly initial: JsonFloat[];
  readonly incumbent: { readonly x: JsonFloat[]; readonly f: JsonFloat };
  readonly lastFitness: JsonFloat[];
  readonly minibatchRng: RngState;
  readonly optimizer: unknown;
  /** Stagnation tracking (absent in states saved before it existed): the reference loss and the count. */
  readonly stagnation?: { readonly reference: JsonFloat; readonly stale: number };
  /**
   * Present only after a step cut to its allowance left a generation part-scored: how many of the
   * pending candidates are scored, their scores (one entry per candidate, the rest unused) and the
   * minibatch stream before the generation's draw, from which its minibatch is drawn again (null with
   * full fitness).
   */
  readonly pending?: {
    readonly scored: number;
    readonly fitness: JsonFloat[];
    readonly minibatchDraw: RngState | null;
  };
}
