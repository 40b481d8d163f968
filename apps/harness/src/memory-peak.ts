/**
 * The most memory seen at the samples taken during a run (its start, after its problem and learner are
 * built, each checkpoint, its end), as recorded in `measured`:
 *
 * - `heapBytes`: the V8 heap in use plus the ArrayBuffer memory (typed arrays: the data, the
 *   parameters, a population) of the isolate that runs it. A worker thread is an isolate of its own and
 *   runs one run at a time, so this is the run's own memory, plus what its worker keeps between runs
 *   (the cached problem) and garbage not yet collected. The kernel backend's WebAssembly memory, a fixed
 *   reservation, is not in it.
 * - `rssBytes`: the resident set of the whole process. Worker threads share one process, so with several
 *   workers it includes the other runs going on at the same time and the main thread: a figure for the
 *   machine, not for the run.
 */
export class MemoryPeak {
  rssBytes: number;
  heapBytes: number;

  constructor() {
    const m = process.memoryUsage();
    this.rssBytes = m.rss;
    this.heapBytes = m.heapUsed + m.arrayBuffers;
  }

  /** Reads the memory now and keeps the maxima. */
  sample(): void {
    const m = process.memoryUsage();
    if (m.rss > this.rssBytes) this.rssBytes = m.rss;
    const heap = m.heapUsed + m.arrayBuffers;
    if (heap > this.heapBytes) this.heapBytes = heap;
  }
}
