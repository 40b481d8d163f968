import { floatsFromJson, type JsonFloat } from "@arena/objectives";
import type { RngState } from "@arena/rng";

/** Plain-JSON state of a neuroevolution learner: everything `resumeLearner` needs. */
export interface NeuroevolutionState {
  readonly format: "arena-neuroevolution";
  readonly version: 1;
  /** The learner's name (`resumeLearner` rebuilds this package's kinds). */
  readonly kind: string;
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

/** A count of a saved state (`generation`, `flops`…): a finite number >= 0, else a TypeError. */
export function readCount(owner: string, field: string, v: unknown): number {
  if (typeof v !== "number" || !Number.isFinite(v) || v < 0)
    throw new TypeError(`${owner}: state.${field} must be a number >= 0, got ${String(v)}`);
  return v;
}

/**
 * Reads a state's `pending` part-scored generation for a learner of `fitness.length` candidates (with
 * minibatch fitness or not): checks it, copies its scores into `fitness`, and returns how many are
 * scored and the minibatch stream before the generation's draw (a copy). No pending generation: 0 and null.
 */
export function readPending(
  owner: string,
  pending: NeuroevolutionState["pending"],
  fitness: Float64Array,
  minibatch: boolean,
): { scored: number; minibatchDraw: RngState | null } {
  if (pending === undefined) return { scored: 0, minibatchDraw: null };
  const n = fitness.length;
  if (!Number.isInteger(pending.scored) || pending.scored < 1 || pending.scored > n) {
    throw new TypeError(
      `${owner}: state.pending.scored must be an integer in [1, ${n}], got ${String(pending.scored)}`,
    );
  }
  if ((pending.minibatchDraw === null) === minibatch) {
    throw new TypeError(
      `${owner}: state.pending.minibatchDraw must be ${minibatch ? "the minibatch stream with minibatch fitness" : "null with full fitness"}`,
    );
  }
  floatsFromJson(owner, "pending.fitness", pending.fitness, n, fitness);
  return { scored: pending.scored, minibatchDraw: structuredClone(pending.minibatchDraw) };
}
