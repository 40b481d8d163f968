import type { TuningInfo } from "@arena/results";
import type { Invocation } from "./provenance.ts";
import type { Budget, Checkpoints, CsvSource, Divergence, Targets } from "./suite.ts";

/** The learner kind of baseline runs (closed-form fits, no budget): see execute-baseline.ts. */
export const BASELINE_KIND = "baseline";

/** Everything a worker needs to execute one run; plain data (it crosses to worker threads). */
export interface RunSpec {
  /** Position in the full plan (before filters and shards); the canonical order of records. */
  index: number;
  runId: string;
  suite: string;
  suiteSeed: string;
  problem: {
    /** Unique within the suite (the entry's `id`, or its name). */
    id: string;
    name: string;
    options: Record<string, unknown>;
    csv?: CsvSource;
  };
  model: { name: string; spec: Record<string, unknown> };
  learner: { id: string; kind: string; config: Record<string, unknown> };
  repetition: number;
  /** The run's own Rng stream: `seed/problem/model/learner/repetition`. */
  seedPath: string;
  /** Shared by every learner and model of one repetition, so all see the same splits (a paired design). */
  dataSeedPath: string;
  /** Shared by every learner of one model and repetition: the same initial weights for gradient learners. */
  initSeedPath: string;
  budget: Budget;
  checkpoints: Checkpoints;
  targets?: Targets;
  /** The problem's `divergence`, else the suite's (absent: the default factor, see suite.ts). */
  divergence?: Divergence;
  /**
   * Hash of everything the run's result depends on (spec-hash.ts), set by `planSuite`: a resume reuses
   * a record only when its run id and this hash match.
   */
  configHash: string;
  /** A trial of a tuned learner's search, or a run of its chosen configuration (written into the record). */
  tuning?: TuningInfo;
  /** Set by `runSuite` when it sends the run to a worker: recorded as the record's provenance. */
  invocation?: Invocation;
}
