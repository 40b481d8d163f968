/**
 * How many threads a run's kernels may use under the harness. The WebAssembly backend of
 * @arena/tensor splits large products over two threads when the process has two cores
 * (`ARENA_THREADS`, see its README); with two or more runs at once that would put two threads of each
 * run on every core, so then each run gets one.
 */

/** The thread count the kernels of each of `concurrent` simultaneous runs may use, as ARENA_THREADS says it. */
export function threadsPerRun(concurrent: number, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const asked = env.ARENA_THREADS;
  if (asked !== undefined && asked !== "") return asked; // the user's choice stands
  return concurrent >= 2 ? "1" : undefined; // one run alone: the backend's default (2 on two cores)
}

/** The environment of a pool's worker threads for `concurrent` simultaneous runs. */
export function workerEnv(concurrent: number): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const threads = threadsPerRun(concurrent);
  if (threads !== undefined) env.ARENA_THREADS = threads;
  return env;
}
