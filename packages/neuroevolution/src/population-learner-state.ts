import { floatFromJson, floatsFromJson, floatsToJson, floatToJson } from "@arena/objectives";
import type { RngState } from "@arena/rng";
import { type NeuroevolutionState, readCount, readPending } from "./neuroevolution-state.ts";

/**
 * The counters of a `PopulationLearner` that its `state()` saves and `restoreCounters` reads back (the
 * optimizer and the streams are saved by their owners). Kept in one object so that saving and reading
 * live here, apart from the generation loop.
 */
export interface PopulationCounters {
  generation: number;
  flops: number;
  evaluations: number;
  /** The training objective of the incumbent (`current()`). */
  incumbentF: number;
  /** Candidates of the last told generation (the population may shrink, as L-SHADE's does). */
  lastCount: number;
  /** Candidates of the pending generation a cut step already scored (0 between generations). */
  scored: number;
  /** The minibatch stream before the part-scored generation's draw (null without one, or full fitness). */
  minibatchDraw: RngState | null;
  /** The loss of `current()` at the last improvement, and the generations since. */
  stagnationReference: number;
  stale: number;
}

/** Counters of a learner that has done nothing yet. */
export function freshCounters(): PopulationCounters {
  return {
    generation: 0,
    flops: 0,
    evaluations: 0,
    incumbentF: Number.POSITIVE_INFINITY,
    lastCount: 0,
    scored: 0,
    minibatchDraw: null,
    stagnationReference: Number.POSITIVE_INFINITY,
    stale: 0,
  };
}

/** The buffers the counters describe: the incumbent's weights and the scores of the last and pending generations. */
export interface PopulationBuffers {
  readonly incumbent: Float32Array;
  readonly lastFitness: Float64Array;
  readonly fitness: Float64Array;
}

/** What a learner's state holds besides its counters: who it is and what it was built from. */
export interface PopulationStateHead {
  kind: string;
  config: Record<string, unknown>;
  initial: Float32Array;
  minibatchRng: RngState;
  optimizer: unknown;
}

/** A learner's `state()`, as plain JSON (the keys in the order states have always been written). */
export function populationState(
  head: PopulationStateHead,
  c: PopulationCounters,
  b: PopulationBuffers,
): NeuroevolutionState {
  return {
    format: "arena-neuroevolution",
    version: 1,
    kind: head.kind,
    config: structuredClone(head.config),
    generation: c.generation,
    flops: c.flops,
    evaluations: c.evaluations,
    initial: floatsToJson(head.initial),
    incumbent: { x: floatsToJson(b.incumbent), f: floatToJson(c.incumbentF) },
    lastFitness: floatsToJson(b.lastFitness.subarray(0, c.lastCount)),
    minibatchRng: head.minibatchRng,
    optimizer: head.optimizer,
    stagnation: { reference: floatToJson(c.stagnationReference), stale: c.stale },
    ...(c.scored === 0
      ? {}
      : {
          pending: {
            scored: c.scored,
            fitness: floatsToJson(b.fitness),
            minibatchDraw: structuredClone(c.minibatchDraw),
          },
        }),
  };
}

/**
 * Checks a saved state's counters and copies its buffers into `b` (whose lengths are the learner's);
 * `minibatch` says whether the learner draws minibatches. Throws a TypeError naming the bad field.
 */
export function readCounters(
  owner: string,
  s: NeuroevolutionState,
  b: PopulationBuffers,
  minibatch: boolean,
): PopulationCounters {
  const generation = readCount(owner, "generation", s.generation);
  const flops = readCount(owner, "flops", s.flops);
  const evaluations = readCount(owner, "evaluations", s.evaluations);
  floatsFromJson(owner, "incumbent.x", s.incumbent?.x, b.incumbent.length, b.incumbent);
  const incumbentF = floatFromJson(owner, "incumbent.f", s.incumbent.f);
  const lastCount = Array.isArray(s.lastFitness) ? s.lastFitness.length : -1;
  if (lastCount > b.lastFitness.length || (generation > 0 && lastCount < 1))
    throw new TypeError(
      `${owner}: state.lastFitness must hold one score per candidate of the last generation (1 to ${b.lastFitness.length})`,
    );
  floatsFromJson(owner, "lastFitness", s.lastFitness, lastCount, b.lastFitness.subarray(0, lastCount));
  const { scored, minibatchDraw } = readPending(owner, s.pending, b.fitness, minibatch);
  // States saved before stagnation tracking existed start it afresh.
  const stagnation =
    s.stagnation === undefined
      ? { reference: Number.POSITIVE_INFINITY, stale: 0 }
      : {
          reference: floatFromJson(owner, "stagnation.reference", s.stagnation.reference),
          stale: readCount(owner, "stagnation.stale", s.stagnation.stale),
        };
  return {
    generation,
    flops,
    evaluations,
    incumbentF,
    lastCount,
    scored,
    minibatchDraw,
    stagnationReference: stagnation.reference,
    stale: stagnation.stale,
  };
}
