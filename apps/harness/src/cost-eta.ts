/** What the progress display asks of an ETA: told of each finished run, it estimates what is left. */
export interface RunEta {
  /** A run finished after `ms` of its own measured time (0 when unknown: its worker died). */
  finished(runId: string, ms: number): void;
  /** Expected ms until the last run finishes. */
  remainingMs(): number;
}

/**
 * How much the observed rate trusts the estimates' own scale before anything has finished: as much as
 * this many ms of estimate observed at 1 ms per ms (the calibration machine's speed). One run of a
 * second or so outweighs it.
 */
const PRIOR_MS = 1000;

/**
 * Each finished run multiplies the weight of the runs before it by this: the rate follows the last few
 * dozen runs. The estimates are off by a factor that differs between model kinds and learners (a
 * faster kernel, a busier machine), and the pool meets those in queue order, so the recent factor
 * says more about the runs still to do than the mean since the start.
 */
const DECAY = 0.95;

/**
 * The ETA of a worker pool from the runs' estimated costs (run-cost-estimate.ts): the observed ms per
 * unit of estimate (the finished runs' measured times over their estimates, weighted by their
 * estimates, recent runs more, blended with the estimates' own scale until enough is seen), times the
 * estimates still to do, over the workers. So a slower or busier machine scales every estimate alike,
 * and an estimate that is off for some kind of run is corrected once runs of that kind finish.
 *
 * The pool hands out runs in `queue` order to whichever worker is free, so the runs under way are always
 * the first ones not yet finished in that order, and each started when an earlier one finished (the
 * first `workers` at once): what they have already run is taken off their share. The result is never
 * below the longest run under way, which no number of workers can shorten.
 */
export class CostEta implements RunEta {
  private readonly costs: ReadonlyMap<string, number>;
  private readonly queue: string[];
  /** Runs under way: run id → when it started (by `now`). */
  private readonly running = new Map<string, number>();
  /** Index in `queue` of the next run to start. */
  private next = 0;
  /** Estimates of the runs not started yet. */
  private waiting = 0;
  /** Decayed sums of the finished runs' measured ms and estimates, the prior included. */
  private doneMs = PRIOR_MS;
  private doneCost = PRIOR_MS;

  /**
   * @param queue the runs in the order the pool hands them out
   * @param costs estimated cost by run id (a run without one counts 0)
   * @param workers the pool's workers
   * @param now the clock, in ms (a fake one in tests)
   */
  constructor(
    queue: readonly { runId: string }[],
    costs: ReadonlyMap<string, number>,
    private readonly workers: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.costs = costs;
    this.queue = queue.map((r) => r.runId);
    for (const id of this.queue) this.waiting += this.cost(id);
    for (let w = 0; w < workers; w++) this.startNext();
  }

  private cost(runId: string): number {
    return this.costs.get(runId) ?? 0;
  }

  /** The next run of the queue starts on the worker just freed. */
  private startNext(): void {
    if (this.next >= this.queue.length) return;
    const id = this.queue[this.next++];
    this.waiting -= this.cost(id);
    this.running.set(id, this.now());
  }

  finished(runId: string, ms: number): void {
    if (!this.running.delete(runId)) return;
    // A run whose worker died has no time of its own: it says nothing about the rate.
    if (ms > 0 && this.cost(runId) > 0) {
      this.doneMs = this.doneMs * DECAY + ms;
      this.doneCost = this.doneCost * DECAY + this.cost(runId);
    }
    this.startNext();
  }

  remainingMs(): number {
    if (this.running.size === 0 && this.next >= this.queue.length) return 0;
    const msPerUnit = this.doneMs / this.doneCost;
    const t = this.now();
    let underWay = 0;
    let longest = 0;
    for (const [id, started] of this.running) {
      const left = Math.max(0, msPerUnit * this.cost(id) - (t - started));
      underWay += left;
      longest = Math.max(longest, left);
    }
    // max(0, …): the sum of waiting estimates is kept by subtraction, so it may round below zero.
    return Math.max(longest, (underWay + msPerUnit * Math.max(0, this.waiting)) / this.workers);
  }
}
