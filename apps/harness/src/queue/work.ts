import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import { threadsPerRun } from "../kernel-threads.ts";
import { workerModule } from "../worker-module.ts";
import { QUEUE_NAME, REDIS_ENV } from "./campaign.ts";
import { type RedisAddress, redact } from "./redis-url.ts";

/** How long a worker may hold a run without renewing its lock, and how often stalled runs are looked for. */
export interface WorkOptions {
  concurrency: number;
  /** A lock lasts this long and is renewed at half of it; a dead worker's run waits about this long. */
  lockMs: number;
  /** How often any worker checks for runs whose lock expired (their worker died or froze). */
  stalledMs: number;
}

/** Defaults for runs that take minutes: a minute's lock, stalled runs looked for every 30 s. */
export const DEFAULT_WORK_OPTIONS: WorkOptions = { concurrency: 1, lockMs: 60_000, stalledMs: 30_000 };

/** What a sandboxed thread runs, and the plain-JS entry that loads it through tsx (ARENA_TSX=1). */
const PROCESSOR_SOURCE = new URL("./queue-processor.ts", import.meta.url);
const PROCESSOR_TSX_ENTRY = new URL("./queue-processor-entry.mjs", import.meta.url);

/**
 * `arena queue work`: takes runs from the queue until SIGINT or SIGTERM, `concurrency` at a time, each in
 * a sandboxed worker thread. A run whose worker dies or freezes past its lock is started again by a
 * worker that finds it stalled (at most twice: `maxStalledCount`), and a late result of a run that
 * another worker took over is refused by BullMQ (its lock is gone), so it is never recorded twice.
 */
export async function workQueue(
  redis: Redis,
  address: RedisAddress,
  opts: WorkOptions,
  log: (line: string) => void,
): Promise<void> {
  process.env[REDIS_ENV] = address.url;
  // The sandboxed worker threads inherit this environment: several runs at once get one kernel thread each.
  const threads = threadsPerRun(opts.concurrency);
  if (threads !== undefined) process.env.ARENA_THREADS = threads;
  const processor = await workerModule(PROCESSOR_SOURCE, PROCESSOR_TSX_ENTRY);
  const worker = new Worker(QUEUE_NAME, processor.filename, {
    connection: redis,
    concurrency: opts.concurrency,
    useWorkerThreads: true,
    workerThreadsOptions: { execArgv: processor.execArgv },
    lockDuration: opts.lockMs,
    stalledInterval: opts.stalledMs,
    maxStalledCount: 2,
  });
  worker.on("active", (job) => log(`start ${job.id} (attempt ${job.attemptsStarted})`));
  worker.on("completed", (job) => log(`done ${job.id} (attempt ${job.attemptsStarted})`));
  worker.on("failed", (job, e) => log(`failed ${job?.id ?? "?"}: ${e.message}`));
  // While Redis restarts every command fails alike: say each error once until another one comes.
  let lastError = "";
  worker.on("error", (e) => {
    if (e.message !== lastError) log(`worker error: ${redact(e.message)}`);
    lastError = e.message;
  });
  log(`working on ${address.shown}, ${opts.concurrency} at a time`);
  await new Promise<void>((done) => {
    const stop = (signal: NodeJS.Signals) => {
      log(`${signal}: finishing the runs in hand, taking no more`);
      void worker.close().then(done, done);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
