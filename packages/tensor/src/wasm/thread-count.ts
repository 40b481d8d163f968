// How many threads a WebAssembly backend may use, and whether this engine can run a second one at all.
// Node builtins are reached through `process.getBuiltinModule` (Node ≥ 20.16), never imported, so the
// package still loads in a browser, where there is no such function and the backend stays on one thread.
import type * as NodeOs from "node:os";
import type * as NodeWorkerThreads from "node:worker_threads";

/** Thread counts a WebAssembly backend accepts: the calling thread alone, or it plus one helper. */
export type ThreadCount = 1 | 2;

interface NodeProcess {
  env?: Record<string, string | undefined>;
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcess | undefined {
  return (globalThis as { process?: NodeProcess }).process;
}

/** `node:worker_threads`, or undefined outside Node (browsers, or a Node without getBuiltinModule). */
export function workerThreadsModule(): typeof NodeWorkerThreads | undefined {
  return nodeProcess()?.getBuiltinModule?.("node:worker_threads") as typeof NodeWorkerThreads | undefined;
}

/**
 * True when a helper thread can share this backend's memory: SharedArrayBuffer exists (a browser page
 * that is not cross-origin isolated has none), Atomics.wait may block, and worker_threads is reachable.
 */
export function threadsAvailable(): boolean {
  return (
    typeof SharedArrayBuffer === "function" &&
    typeof Atomics?.wait === "function" &&
    workerThreadsModule() !== undefined
  );
}

/** Cores this process may use (os.availableParallelism), 1 when unknown. */
function cores(): number {
  const os = nodeProcess()?.getBuiltinModule?.("node:os") as typeof NodeOs | undefined;
  return os?.availableParallelism?.() ?? 1;
}

/**
 * Throws a RangeError, `${label} must be 1 or 2, got ${shown}`, unless `threads` is a thread count.
 */
export function validateThreads(
  threads: unknown,
  shown: string,
  label: string,
): asserts threads is ThreadCount {
  if (threads !== 1 && threads !== 2) throw new RangeError(`${label} must be 1 or 2, got ${shown}`);
}

/**
 * The thread count when none is given: `ARENA_THREADS` (1 or 2; anything else throws a RangeError
 * naming it), else 2 when the process has at least two cores, else 1. The harness sets
 * `ARENA_THREADS=1` in its workers when it runs several, so runs never oversubscribe the cores.
 */
export function defaultThreads(): ThreadCount {
  const raw = nodeProcess()?.env?.ARENA_THREADS;
  if (raw !== undefined && raw !== "") {
    const n = /^\s*\d+\s*$/.test(raw) ? Number(raw) : Number.NaN;
    validateThreads(n, `"${raw}"`, "ARENA_THREADS");
    return n;
  }
  return cores() >= 2 ? 2 : 1;
}
