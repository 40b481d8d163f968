import { setFlagsFromString } from "node:v8";

/**
 * Runs `body` with the main thread's young generation (where short-lived objects are made) kept at
 * its initial size. V8 doubles a young generation whenever many of its objects survive, up to
 * 32 MiB, and does not shrink it while the thread idles. While `arena run` plans (a `--data` CSV is
 * read whole, to check it and to size its runs) the main thread's would grow, and then stay resident
 * all run long while the thread mostly waits for its workers: planning `arena run --data` on 200,000
 * rows × 20 peaked at 183 MB with the growth and 145 MB without it, about 0.1 s slower.
 *
 * The growth factor is read whenever a young generation would grow, so 1 stops it; V8's default, 2,
 * is back once `body` settles (for the report, which allocates much). The flag is process-wide, but the
 * run workers are unaffected: their young generation starts at its cap (worker-heap.ts). Only memory
 * and garbage-collection time depend on it, never a result.
 */
export async function withSmallYoungGeneration<T>(body: () => Promise<T>): Promise<T> {
  setFlagsFromString("--semi-space-growth-factor=1");
  try {
    return await body();
  } finally {
    setFlagsFromString("--semi-space-growth-factor=2");
  }
}
