/**
 * The Learner contract: how the harness drives every training algorithm alike. Backprop, the genetic
 * algorithm, particle swarm and random search all implement it. It lives in nn because every learner
 * trains an nn model (docs/ARCHITECTURE.md).
 */

/** What one unit of work cost. `evaluations` counts samples forwarded (one sequence counts once). */
export interface Cost {
  flops: number;
  evaluations: number;
}

export interface Learner {
  /** e.g. "backprop-adam", "ga", "pso". */
  readonly name: string;
  /**
   * One unit of work: a minibatch step (or a chunk of truncated BPTT), a generation, a swarm
   * iteration. Returns its cost. May throw; the harness records the run as failed.
   *
   * `allowance` is what is left of the run's budget (Infinity in a unit without a limit; absent: no
   * limit). The returned cost never exceeds it in either unit: a unit of work that does not fit is cut
   * to its largest part that does (fewer samples in the minibatch, the first candidates of the
   * generation), and when not even its smallest part fits (one sample, one candidate) the learner does
   * nothing and returns `{ flops: 0, evaluations: 0 }`, which tells the harness the budget is spent.
   * While the allowance is not binding the step is exactly the one `step()` would take.
   */
  step(allowance?: Cost): Cost;
  /** The parameters to evaluate now (length model.size). The harness evaluates them; the learner never touches the test split. */
  current(): Float32Array;
  /** Optional series to record at checkpoints, e.g. gradient norms per layer, or through time. */
  diagnostics?(): Record<string, number[]>;
  /** Plain data from which the learner can resume. */
  state?(): unknown;
  /**
   * True once the learner has stopped by its own rule (early stopping, a converged swarm); the harness
   * then ends the run before the budget is spent.
   */
  finished?(): boolean;
}

/**
 * Thrown by a learner whose loss or gradient became NaN or infinite. The harness records the run as
 * `diverged` (not `failed`) at the step and FLOPs given, and the other runs go on.
 */
export class DivergenceError extends Error {
  readonly step: number;
  readonly flops: number;
  constructor(message: string, step: number, flops: number) {
    super(message);
    this.name = "DivergenceError";
    this.step = step;
    this.flops = flops;
  }
}
