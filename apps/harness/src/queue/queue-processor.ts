import { Redis } from "ioredis";
import type { RunSpec } from "../run-spec.ts";
import runInWorker from "../worker.ts";
import { materializeCsv, REDIS_ENV, type RunJobData, withCsvPath } from "./campaign.ts";

let redis: Redis | undefined;

/** The job's spec with its CSV reference turned into a local copy of the file. */
async function localSpec(spec: RunSpec): Promise<RunSpec> {
  if (!spec.problem.csv) return spec;
  redis ??= new Redis(process.env[REDIS_ENV] ?? "", { maxRetriesPerRequest: null });
  const path = await materializeCsv(redis, spec.problem.csv.path);
  return withCsvPath(spec, () => path);
}

/**
 * BullMQ's sandboxed processor (run in a worker thread, so the CPU-bound run never blocks the main
 * thread, which renews the job's lock): one run, returned as its record line, exactly what the local
 * pool's worker returns. A run that fails by itself returns its `failed` record; only a crash of the
 * thread itself fails the job, which BullMQ then retries.
 */
export default async function processRun(job: { data: RunJobData }): Promise<string> {
  return runInWorker({ spec: await localSpec(job.data.spec) });
}
