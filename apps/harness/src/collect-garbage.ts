import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** How much a worker's heap and typed arrays may grow between runs before a collection is asked for. */
export const COLLECT_AFTER_BYTES = 16 * 1024 * 1024;

/** V8's `gc()`, or undefined when this engine will not expose it. */
function exposedGc(): (() => void) | undefined {
  try {
    // The way test runners' leak detectors reach it at run time: the flag takes effect for contexts
    // made after it is set, so a fresh context hands the function over.
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as unknown;
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
}

/** The isolate's heap in use plus its ArrayBuffer memory, as `MemoryPeak` counts it. */
function heldBytes(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * For a worker: wraps each run, and collects garbage when the run left `threshold` bytes or more beyond
 * what the worker held when it started. V8 frees a typed array's memory only when its object is
 * collected, and a worker that allocates little JavaScript between runs may not collect for many runs:
 * a population learner on a 128k-parameter MLP leaves some 60 MB of populations per run, and a 200k-row
 * CSV 18 MB per split. Small runs leave less than `threshold` and cost nothing. (The level is read when
 * a run starts rather than just after a collection, since V8 frees the arrays' memory on another thread
 * a moment later.) Results do not depend on it; only memory and a few milliseconds per collection do.
 */
export function createGarbageCollector(threshold = COLLECT_AFTER_BYTES): <T>(run: () => T) => T {
  const gc = exposedGc();
  return (run) => {
    const before = heldBytes();
    const result = run();
    if (gc && heldBytes() - before >= threshold) gc();
    return result;
  };
}

/**
 * For the main thread: one collection in a later task, once the suite is planned. Planning parses a
 * user's CSV (the check, the plan and the cost estimate share it through a WeakRef, which keeps its
 * target alive until the current task ends) and the main thread then mostly waits for its workers,
 * allocating too little to collect for the rest of the run: without this the parsed file stays
 * resident all run long (18 MB for 200,000 rows × 20). Results do not depend on it.
 */
export function collectAfterThisTask(): void {
  const gc = exposedGc();
  if (gc) setImmediate(gc).unref();
}
