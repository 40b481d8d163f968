import type * as NodeWorkerThreads from "node:worker_threads";

// The control block, a SharedArrayBuffer apart from the WebAssembly memory: int32 words, then the
// parts' arguments as float64 (every kernel argument is a number; int32s and bools are exact), then
// one float64 result per part.
const SEQ = 0; // number of the last job posted (23 bits, wrapping)
const READY = 1; // 1 once the helper has instantiated the module and waits for jobs
const FAILED = 2; // 1 when a part the helper ran threw
// 1 while that side may sleep in Atomics.wait: the other side notifies only then (a notify costs as
// much as a small part). Each side raises its flag before it waits and the other stores its word
// before it reads the flag, so with sequentially consistent atomics a wake-up is never missed.
const HELPER_ASLEEP = 3;
const CALLER_ASLEEP = 4;
// The next part to claim, as (job << 8) | part: claimed by compare-and-swap, so a helper still on
// an older job can never claim a part of the next one.
const NEXT = 5;
const FINISHED = 6; // parts of the current job finished, by either thread
const PARTS = 7; // parts of the current job
const KERNEL = 8; // index of the job's kernel in KERNELS
const NARGS = 9; // arguments per part
const HELPER_PARTS = 10; // parts the helper has run in all (for tests)
// For tests: -1 keeps the helper from claiming parts; h > 0 makes it sleep h ms in each part it claims.
const HOLD = 11;
const WORDS = 12;
const ARGS_BYTES = WORDS * 4;
const MAX_ARGS = 24;
/** Most parts one job can have: the part's index lives in NEXT's low 8 bits. */
const MAX_PARTS = 8;
const RESULTS = MAX_PARTS * MAX_ARGS; // float64 index of part 0's result
const SEQ_MASK = (1 << 23) - 1;

/** A job's kernel: an export of the module (see WasmExports), called with a part's arguments in order. */
export type HelperKernel = "gemm" | "gemmBatched" | "adamUpdate";
const KERNELS: readonly HelperKernel[] = ["gemm", "gemmBatched", "adamUpdate"];

/** How long the caller waits for a part the helper holds before it declares the helper dead. */
const JOIN_TIMEOUT_MS = 120_000;
/**
 * A wait for the helper's last part longer than this (in ms) beyond twice the caller's own time per
 * part means the helper lost its core mid-part, as on a machine busier than its cores: the next jobs
 * then run on the caller alone, 4 after a first late part and twice as many after each late part that
 * follows, up to WasmKernelsOptions.threadBackoffJobs; a job on time resets that. So a stray
 * preemption costs a few jobs and a busy machine soon runs on one thread.
 */
const LATE_MS = 0.5;
const FIRST_BACKOFF = 4;
/** Jobs run alone after a late helper, when the backend's options do not say. */
export const DEFAULT_THREAD_BACKOFF_JOBS = 256;
/**
 * How long each side spins before it sleeps in Atomics.wait, in milliseconds. A futex wake-up costs
 * tens of microseconds, as much as a split minibatch product saves; the jobs of a training step
 * come well within this of each other, so a busy run never sleeps, and an idle helper sleeps soon.
 */
const SPIN_MS = 1;

// The helper's whole program. It is evaluated as a CommonJS script (no file, no loader: it works the
// same from TypeScript sources under tsx or vitest and from the built dist). It instantiates its own
// copy of the module on the shared memory, then loops: wait for a job, claim and run its parts.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, kernels } = workerData;
const w = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error("wasm kernels: abort"); } } }).exports;
const ctl = new Int32Array(control, 0, ${WORDS});
const f64 = new Float64Array(control, ${ARGS_BYTES}, ${RESULTS + MAX_PARTS});
Atomics.store(ctl, ${READY}, 1);
let seen = 0;
for (;;) {
  const spinEnd = performance.now() + ${SPIN_MS};
  let spins = 0;
  while (Atomics.load(ctl, ${SEQ}) === seen && (++spins & 63 || performance.now() < spinEnd));
  if (Atomics.load(ctl, ${SEQ}) === seen) {
    Atomics.store(ctl, ${HELPER_ASLEEP}, 1);
    Atomics.wait(ctl, ${SEQ}, seen);
    Atomics.store(ctl, ${HELPER_ASLEEP}, 0);
  }
  seen = Atomics.load(ctl, ${SEQ});
  const fn = w[kernels[Atomics.load(ctl, ${KERNEL})]];
  const n = Atomics.load(ctl, ${NARGS});
  const parts = Atomics.load(ctl, ${PARTS});
  for (;;) {
    const next = Atomics.load(ctl, ${NEXT});
    if (next >>> 8 !== seen || (next & 255) >= parts || Atomics.load(ctl, ${HOLD}) < 0) break;
    if (Atomics.compareExchange(ctl, ${NEXT}, next, next + 1) !== next) continue;
    const i = next & 255;
    const hold = Atomics.load(ctl, ${HOLD});
    if (hold > 0) Atomics.wait(ctl, ${HOLD}, hold, hold);
    try {
      f64[${RESULTS} + i] = fn(...f64.subarray(i * ${MAX_ARGS}, i * ${MAX_ARGS} + n)) ?? 0;
    } catch {
      Atomics.store(ctl, ${FAILED}, 1);
    }
    Atomics.add(ctl, ${HELPER_PARTS}, 1);
    if (Atomics.add(ctl, ${FINISHED}, 1) + 1 === parts && Atomics.load(ctl, ${CALLER_ASLEEP}) === 1)
      Atomics.notify(ctl, ${FINISHED});
  }
}
`;

let started = 0;
let jobs = 0;

/** Helper threads started by this thread so far (each backend starts at most one, once). */
export function helperThreadsStarted(): number {
  return started;
}

/** Jobs this thread has shared with helper threads so far (for tests: the split was offered). */
export function helperJobs(): number {
  return jobs;
}

/**
 * A second thread running the kernels module on the same shared memory, started once and kept for
 * the backend's life. A job is a list of independent parts (calls of one kernel on disjoint outputs):
 * both threads claim the next unclaimed part until none is left, so a helper that is slow to wake,
 * or descheduled by a busy machine, costs the caller only a part it has already started, never a
 * wait for it to begin. It is unref'd, so it never keeps a process alive.
 */
export class HelperThread {
  private readonly ctl: Int32Array;
  private readonly f64: Float64Array;
  private seq = 0;
  /** Jobs left to run alone after a late helper, and how many the last late part gave. */
  private backoff = 0;
  private lastBackoff = 0;

  private constructor(
    control: SharedArrayBuffer,
    private readonly backoffJobs: number,
  ) {
    this.ctl = new Int32Array(control, 0, WORDS);
    this.f64 = new Float64Array(control, ARGS_BYTES, RESULTS + MAX_PARTS);
  }

  /**
   * Starts the helper on `memory` (which must be shared) with `module` (the shared build). It does
   * not wait: until the helper says it is ready, `ready` is false and callers run alone.
   */
  static start(
    workerThreads: typeof NodeWorkerThreads,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
    backoffJobs = DEFAULT_THREAD_BACKOFF_JOBS,
  ): HelperThread {
    const control = new SharedArrayBuffer(ARGS_BYTES + (RESULTS + MAX_PARTS) * 8);
    const worker = new workerThreads.Worker(HELPER_SOURCE, {
      eval: true,
      workerData: { module, memory, control, kernels: KERNELS },
    });
    worker.unref();
    started++;
    return new HelperThread(control, backoffJobs);
  }

  /** True once the helper waits for jobs. */
  get ready(): boolean {
    return Atomics.load(this.ctl, READY) === 1;
  }

  /** Resolves once the helper is ready (polling, so it never blocks the event loop). */
  async whenReady(): Promise<void> {
    while (!this.ready) await new Promise((r) => setTimeout(r, 2));
  }

  /** Jobs the caller will still run alone after a late part (for tests and diagnostics). */
  get jobsAlone(): number {
    return this.backoff;
  }

  /** Parts this helper has run so far (for tests: who did the work). */
  get partsRun(): number {
    return Atomics.load(this.ctl, HELPER_PARTS);
  }

  /**
   * For tests: "never" keeps the helper from claiming parts (a helper that never gets a core),
   * a number of ms makes it sleep that long in each part it claims (one that loses its core
   * mid-part), and 0 lets it work normally.
   */
  hold(how: "never" | number): void {
    Atomics.store(this.ctl, HOLD, how === "never" ? -1 : how);
  }

  /**
   * Whether the next job should be shared: the helper is ready and not backed off after a late part
   * (each call while backed off counts one job run alone).
   */
  wanted(): boolean {
    if (!this.ready) return false;
    if (this.backoff === 0) return true;
    this.backoff--;
    return false;
  }

  /**
   * Runs `parts` (each the arguments of one `kernel` call, as the helper runs it) on both threads,
   * and returns each part's result (a view valid until the next job). `own(args)` runs a part on this
   * thread (with this thread's scratch). Throws when a part failed or the helper stopped answering.
   */
  share(
    kernel: HelperKernel,
    parts: readonly (readonly number[])[],
    own: (args: readonly number[]) => number,
  ): Float64Array {
    const count = parts.length;
    const nargs = parts[0].length;
    if (count > MAX_PARTS || nargs > MAX_ARGS)
      throw new RangeError(`wasm helper thread: at most ${MAX_PARTS} parts of ${MAX_ARGS} arguments`);
    const { ctl, f64 } = this;
    // The new job's number with no part left first: a helper still looking at the last job can no
    // longer claim anything while this one is written.
    this.seq = (this.seq + 1) & SEQ_MASK;
    Atomics.store(ctl, NEXT, (this.seq << 8) | 255);
    for (let i = 0; i < count; i++) f64.set(parts[i], i * MAX_ARGS);
    Atomics.store(ctl, KERNEL, KERNELS.indexOf(kernel));
    Atomics.store(ctl, NARGS, nargs);
    Atomics.store(ctl, PARTS, count);
    Atomics.store(ctl, FAILED, 0);
    Atomics.store(ctl, FINISHED, 0);
    Atomics.store(ctl, NEXT, this.seq << 8);
    Atomics.store(ctl, SEQ, this.seq);
    if (Atomics.load(ctl, HELPER_ASLEEP) === 1) Atomics.notify(ctl, SEQ);
    jobs++;
    let error: unknown = null;
    let ownParts = 0;
    const t0 = performance.now();
    for (let i = this.claim(count); i >= 0; i = this.claim(count)) {
      try {
        f64[RESULTS + i] = own(parts[i]);
      } catch (e) {
        error ??= e;
      }
      ownParts++;
      Atomics.add(ctl, FINISHED, 1);
    }
    const t1 = performance.now();
    this.waitFinished(count);
    const waited = performance.now() - t1;
    if (waited <= LATE_MS + (2 * (t1 - t0)) / Math.max(1, ownParts)) this.lastBackoff = 0;
    else {
      this.lastBackoff = Math.min(
        this.backoffJobs,
        this.lastBackoff === 0 ? FIRST_BACKOFF : 2 * this.lastBackoff,
      );
      this.backoff = this.lastBackoff;
    }
    if (error !== null) throw error;
    if (Atomics.load(ctl, FAILED) === 1) throw new Error("wasm helper thread: the kernel threw");
    return f64.subarray(RESULTS, RESULTS + count);
  }

  /** The next unclaimed part of the current job, claimed for this thread; -1 when none is left. */
  private claim(count: number): number {
    for (;;) {
      const next = Atomics.load(this.ctl, NEXT);
      if ((next & 255) >= count) return -1;
      if (Atomics.compareExchange(this.ctl, NEXT, next, next + 1) === next) return next & 255;
    }
  }

  /** Blocks until all `count` parts are finished: spinning, then sleeping in Atomics.wait. */
  private waitFinished(count: number): void {
    const ctl = this.ctl;
    const spinEnd = performance.now() + SPIN_MS;
    for (let spins = 1; Atomics.load(ctl, FINISHED) !== count; spins++)
      if ((spins & 63) === 0 && performance.now() > spinEnd) break;
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    Atomics.store(ctl, CALLER_ASLEEP, 1);
    try {
      for (;;) {
        const finished = Atomics.load(ctl, FINISHED);
        if (finished === count) break;
        if (Date.now() > deadline) throw new Error("wasm helper thread: no answer within 120 s");
        Atomics.wait(ctl, FINISHED, finished, 1000);
      }
    } finally {
      Atomics.store(ctl, CALLER_ASLEEP, 0);
    }
  }
}
