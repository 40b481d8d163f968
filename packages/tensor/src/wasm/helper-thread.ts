import type * as NodeWorkerThreads from "node:worker_threads";

// The control block, a SharedArrayBuffer apart from the WebAssembly memory: four int32 words, then
// the job's arguments as float64 (every kernel argument is a number; int32s and bools are exact).
const SEQ = 0; // number of the last job posted
const DONE = 1; // number of the last job finished
const READY = 2; // 1 once the helper has instantiated the module and waits for jobs
const FAILED = 3; // 1 when the last job threw
const ARGS_BYTES = 16;
const MAX_ARGS = 24;

/** A job's kernel: an export of the module (see WasmExports), called with the job's arguments in order. */
export type HelperKernel = "gemm" | "gemmBatched";
const KERNELS: readonly HelperKernel[] = ["gemm", "gemmBatched"];

/** How long a join waits before it declares the helper dead: far above any single kernel call. */
const JOIN_TIMEOUT_MS = 120_000;

// The helper's whole program. It is evaluated as a CommonJS script (no file, no loader: it works the
// same from TypeScript sources under tsx or vitest and from the built dist). It instantiates its own
// copy of the module on the shared memory, then loops: sleep on SEQ, run the job, publish DONE.
const HELPER_SOURCE = `
const { workerData } = require("node:worker_threads");
const { module, memory, control, kernels } = workerData;
const w = new WebAssembly.Instance(module, { env: { memory, abort() { throw new Error("wasm kernels: abort"); } } }).exports;
const ctl = new Int32Array(control, 0, 4);
const args = new Float64Array(control, ${ARGS_BYTES}, ${MAX_ARGS});
Atomics.store(ctl, ${READY}, 1);
let seen = 0;
for (;;) {
  Atomics.wait(ctl, ${SEQ}, seen);
  const seq = Atomics.load(ctl, ${SEQ});
  if (seq === seen) continue;
  seen = seq;
  let failed = 0;
  try {
    const n = args[0];
    w[kernels[args[1]]](...args.subarray(2, 2 + n));
  } catch {
    failed = 1;
  }
  Atomics.store(ctl, ${FAILED}, failed);
  Atomics.store(ctl, ${DONE}, seq);
  Atomics.notify(ctl, ${DONE});
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
    this.ctl = new Int32Array(control, 0, 4);
    this.args = new Float64Array(control, ARGS_BYTES, MAX_ARGS);
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
    const control = new SharedArrayBuffer(ARGS_BYTES + MAX_ARGS * 8);
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
    Atomics.notify(this.ctl, SEQ);
  }

  /** Blocks until the posted job is finished; throws when it failed or the helper stopped answering. */
  join(): void {
    const deadline = Date.now() + JOIN_TIMEOUT_MS;
    for (;;) {
      const done = Atomics.load(this.ctl, DONE);
      if (done === this.seq) break;
      if (Date.now() > deadline) throw new Error("wasm helper thread: no answer within 120 s");
      Atomics.wait(this.ctl, DONE, done, 1000);
    }
    if (Atomics.load(this.ctl, FAILED) === 1) throw new Error("wasm helper thread: the kernel threw");
  }
}
