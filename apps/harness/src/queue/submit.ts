import { dirname, isAbsolute, resolve } from "node:path";
import { MAX_FILE_BYTES, readRegularFile } from "@arena/datasets";
import { Queue } from "bullmq";
import type { Redis } from "ioredis";
import { planCheckedSuiteWithTuning } from "../check-suite.ts";
import type { RunSpec } from "../run-spec.ts";
import { loadSuite, type Suite } from "../suite.ts";
import { UsageError } from "../usage-error.ts";
import { keys, QUEUE_NAME, RUN_JOB_OPTIONS, type RunJobData, uploadCsvs, withCsvPath } from "./campaign.ts";

/** What `submit` did. */
export interface SubmitSummary {
  campaign: string;
  /** Runs planned now (a tuned suite's final runs come later: the collector adds them). */
  planned: number;
  added: number;
  /** Already queued (same job id), or already collected. */
  skipped: number;
}

/** Enqueues runs as jobs whose id is the run id; those already queued or collected are left alone. */
export async function enqueueRuns(
  queue: Queue,
  redis: Redis,
  campaign: string,
  specs: readonly RunSpec[],
): Promise<{ added: number; skipped: number }> {
  const collected = new Set(await redis.smembers(keys.collected(campaign)));
  const fresh: RunSpec[] = [];
  for (const s of specs) if (!collected.has(s.runId) && !(await queue.getJob(s.runId))) fresh.push(s);
  for (let i = 0; i < fresh.length; i += 500) {
    await queue.addBulk(
      fresh.slice(i, i + 500).map((spec) => ({
        name: "run",
        data: { campaign, spec } satisfies RunJobData,
        opts: { jobId: spec.runId, ...RUN_JOB_OPTIONS },
      })),
    );
  }
  return { added: fresh.length, skipped: specs.length - fresh.length };
}

/**
 * `arena queue submit SUITE`: checks and plans the suite as `arena run` does (nothing is queued when it
 * has a problem), stores its CSV files in Redis by content hash and the suite itself, then enqueues one
 * job per planned run with the run id as job id. Submitting again adds nothing that is queued or done.
 */
export async function submitSuite(
  redis: Redis,
  suitePath: string,
  name: string | undefined,
): Promise<SubmitSummary> {
  const suite = loadSuite(suitePath);
  const suiteDir = dirname(resolve(suitePath));
  const campaign = name ?? suite.name;
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(campaign))
    throw new UsageError(
      `--name ${JSON.stringify(campaign)}: letters, digits, '.', '_' or '-' (at most 100)`,
    );
  const plan = planCheckedSuiteWithTuning(suite, suiteDir);
  const csvPath = (p: string) => (isAbsolute(p) ? p : resolve(suiteDir, p));
  const read = (path: string) =>
    readRegularFile(path, MAX_FILE_BYTES, (why) => new UsageError(`cannot read ${path}: ${why}`));
  const refs = await uploadCsvs(
    redis,
    suite.problems.flatMap((p) => (p.csv ? [csvPath(p.csv.path)] : [])),
    read,
  );
  const stored: Suite = {
    ...suite,
    problems: suite.problems.map((p) =>
      p.csv ? { ...p, csv: { ...p.csv, path: refs.get(csvPath(p.csv.path)) ?? p.csv.path } } : p,
    ),
  };
  await redis.set(keys.suite(campaign), JSON.stringify(stored));
  await redis.set(keys.started(campaign), String(Date.now()), "NX");
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  try {
    const r = await enqueueRuns(
      queue,
      redis,
      campaign,
      plan.runs.map((s) => withCsvPath(s, (path) => refs.get(path) ?? path)),
    );
    return { campaign, planned: plan.runs.length, ...r };
  } finally {
    await queue.close();
  }
}
