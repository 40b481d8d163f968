import type * as NodeWorkerThreads from "node:worker_threads";

// The control block, a SharedArrayBuffer apart from the WebAssembly memory: six int32 words, then
// the job's arguments as float64 (every kernel argument is a number; int32s and bools are exact).
const SEQ = 0; // number of the last job posted
const DONE = 1; // number of the last job finished
const READY = 2; // 1 once the helper has instantiated the module and waits for jobs
const FAILED = 3; // 1 when the last job threw
// 1 while that side may sleep in Atomics.wait: the other side notifies only then (a notify costs as
// much as a small job). Each side raises its flag before it waits and the other stores its word before
// it reads the flag, so with sequentially consistent atomics a wake-up is never missed.
const HELPER_ASLEEP = 4;
const CALLER_ASLEEP = 5;
const WORDS = 6;
const ARGS_BYTES = WORDS * 4;
const MAX_ARGS = 24;
// After the arguments, one float64: what the job's kernel returned (0 for none).
const RESULT = MAX_ARGS;

/** A job's kernel: an export of the module (see WasmExports), called with the job's arguments in order. */
export type HelperKernel = "gemm" | "gemmBatched" | "adamUpdate";
const KERNELS: readonly HelperKernel[] = ["gemm", "gemmBatched", "adamUpdate"];

/** How long a join waits before it declares the helper dead: far above any single kernel call. */
const JOIN_TIMEOUT_MS = 120_000;
/**
 * How long each side spins on the control word before it sleeps in Atomics.wait, in milliseconds. A
 * futex wake-up costs tens of microseconds, as much as a split minibatch product saves; jobs of one
 * training step come well within this of each other, so a busy run never sleeps, and an idle helper
 * sleeps after a fraction of a millisecond.
 */
const SPIN_MS = 0.25;

// The helper's whole program. It is evaluated as a CommonJS script (no file, no loader: it works the
// same from TypeScript sources under tsx or vitest and from the built dist). It instantiates its own
// copy of the module on the shared memory, then loops: sleep on SEQ, run the job, publish DONE.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, kernels } = workerData;
const w = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error("wasm kernels: abort"); } } }).exports;
const ctl = new Int32Array(control, 0, ${WORDS});
const args = new Float64Array(control, ${ARGS_BYTES}, ${MAX_ARGS + 1});
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
  const seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  let failed = 0;
  try {
    const n = args[0];
    args[${RESULT}] = w[kernels[args[1]]](...args.subarray(2, 2 + n)) ?? 0;
  } catch {
    failed = 1;
  }
  Atomics.store(ctl, ${FAILED}, failed);
  Atomics.store(ctl, ${DONE}, seq);
  if (Atomics.load(ctl, ${CALLER_ASLEEP}) === 1) Atomics.notify(ctl, ${DONE});
}
`;

let started = 0;
let jobs = 0;

/** Helper threads started by this thread so far (each backend starts at most one, once). */
export function helperThreadsStarted(): number {
  return started;
}

/** Jobs this thread has handed to helper threads so far (for tests: the split really happened). */
export function helperJobs(): number {
  return jobs;
}

/**
 * A second thread running the kernels module on the same shared memory, started once and kept for
 * the backend's life. The caller posts one job, does its own share of the work, then joins; the
 * helper sleeps in Atomics.wait between jobs. It is unref'd, so it never keeps a process alive.
 */
export class HelperThread {
  private readonly ctl: Int32Array;
  private readonly args: Float64Array;
  private seq = 0;

  private constructor(control: SharedArrayBuffer) {
    this.ctl = new Int32Array(control, 0, WORDS);
    this.args = new Float64Array(control, ARGS_BYTES, MAX_ARGS + 1);
  }

  /**
   * Starts the helper on `memory` (which must be shared) with `module` (the shared build). It does
   * not wait: until the helper says it is ready, `ready` is false and callers run alone.
   */
  static start(
    workerThreads: typeof NodeWorkerThreads,
    module: WebAssembly.Module,
    memory: WebAssembly.Memory,
  ): HelperThread {
    const control = new SharedArrayBuffer(ARGS_BYTES + (MAX_ARGS + 1) * 8);
    const worker = new workerThreads.Worker(HELPER_SOURCE, {
      eval: true,
      workerData: { module, memory, control, kernels: KERNELS },
    });
    worker.unref();
    started++;
    return new HelperThread(control);
  }

  /** True once the helper waits for jobs. */
  get ready(): boolean {
    return Atomics.load(this.ctl, READY) === 1;
  }

  /** Resolves once the helper is ready (polling, so it never blocks the event loop). */
  async whenReady(): Promise<void> {
    while (!this.ready) await new Promise((r) => setTimeout(r, 2));
  }

  /** Hands the helper `kernel(...args)`; the caller must `join()` before posting again. */
  post(kernel: HelperKernel, args: readonly number[]): void {
    this.args[0] = args.length;
    this.args[1] = KERNELS.indexOf(kernel);
    this.args.set(args, 2);
    jobs++;
    Atomics.store(this.ctl, SEQ, ++this.seq);
    if (Atomics.load(this.ctl, HELPER_ASLEEP) === 1) Atomics.notify(this.ctl, SEQ);
  }

  /**
   * Blocks until the posted job is finished and returns what its kernel returned (0 for nothing);
   * throws when it failed or the helper stopped answering.
   */
  join(): number {
    const spinEnd = performance.now() + SPIN_MS;
    for (let spins = 1; Atomics.load(this.ctl, DONE) !== this.seq; spins++)
      if ((spins & 63) === 0 && performance.now() > spinEnd) break;
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    Atomics.store(this.ctl, CALLER_ASLEEP, 1);
    try {
      for (;;) {
        const done = Atomics.load(this.ctl, DONE);
        if (done === this.seq) break;
        if (Date.now() > deadline) throw new Error("wasm helper thread: no answer within 120 s");
        Atomics.wait(this.ctl, DONE, done, 1000);
      }
    } finally {
      Atomics.store(this.ctl, CALLER_ASLEEP, 0);
    }
    if (Atomics.load(this.ctl, FAILED) === 1) throw new Error("wasm helper thread: the kernel threw");
    // The Atomics.load of DONE above orders this read after the helper's write.
    return this.args[RESULT];
  }
}
