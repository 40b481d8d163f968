import { setFlagsFromString } from "node:v8";

/**
 * The main thread's young generation (where short-lived objects are made). V8 doubles a young
 * generation whenever many of its objects survive, up to 32 MiB, and does not shrink it while the
 * thread idles. The main thread of `arena run` allocates much only while it starts and plans (a
 * `--data` CSV is read whole, to check it and to size its runs), then mostly waits for its workers, so
 * the grown space would stay resident all run long: planning `arena run --data` on 200,000 rows × 20
 * peaked at 183 MB with the growth and 145 MB without it, about 0.1 s slower. So `bin/arena.mjs` sets
 * V8's growth factor to 1 before anything loads (the factor is read whenever a young generation would
 * grow), and `arena run` and `arena bench` keep it so until their runs are done; every other command,
 * and the report after the runs, gets V8's default back from {@link letYoungGenerationsGrow}.
 *
 * The flag is process-wide, but the run workers are unaffected: their young generation starts at its
 * cap (worker-heap.ts). Only memory and garbage-collection time depend on it, never a result.
 */

/** V8's default growth (a factor of 2) from now on, for this thread and threads started later. */
export function letYoungGenerationsGrow(): void {
  setFlagsFromString("--semi-space-growth-factor=2");
}
