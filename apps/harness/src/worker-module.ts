import { fileURLToPath } from "node:url";
import { bundledEntry } from "./bundled-entry.mjs";

/** What a pool's worker threads load, and the Node options they start with. */
export interface WorkerModule {
  /** The module whose default export does a thread's work (runs a run). */
  filename: string;
  execArgv: string[];
}

/**
 * The module worker threads load to run `source` (worker.ts for `arena run`'s pool,
 * queue/queue-processor.ts for `arena queue work`): a bundle of it and everything it imports (see
 * bundled-entry.mjs), built or checked on each call, with source maps on so a failed run's stack
 * names the TypeScript sources. With `ARENA_TSX=1`, `tsxEntry` instead, a plain module that registers
 * tsx in the thread and imports `source`: the same code compiled on load, at some 45 MB more per
 * thread (tsx's hooks run in a thread of their own for each thread that registers them).
 */
export async function workerModule(
  source: URL,
  tsxEntry: URL,
  env: NodeJS.ProcessEnv = process.env,
): Promise<WorkerModule> {
  if (env.ARENA_TSX === "1") return { filename: fileURLToPath(tsxEntry), execArgv: process.execArgv };
  return { filename: await bundledEntry(source), execArgv: [...process.execArgv, "--enable-source-maps"] };
}
