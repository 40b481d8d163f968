import { parseRecord, type RunRecord, serializeRecord } from "@arena/results";
import { type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { createProgress } from "../progress.ts";
import { ResultsStore } from "../results-store.ts";
import { planSuiteWithTuning } from "../run-plan.ts";
import type { RunSpec } from "../run-spec.ts";
import { readRecordLine } from "../run-suite.ts";
import { failedRecord, recordLine } from "../spec-record.ts";
import { parseSuite } from "../suite.ts";
import { finalRunIds, planFinals, plannedTrial, readTrialRecords } from "../tuning-selection.ts";
import { UsageError } from "../usage-error.ts";
import { keys, materializeSuite, QUEUE_NAME, type RunJobData, withCsvPath } from "./campaign.ts";
import { enqueueRuns } from "./submit.ts";

export interface CollectSummary {
  campaign: string;
  total: number;
  /** Records written by this invocation. */
  written: number;
  resultsPath: string;
}

/** The record line with how many times its run was started (a measured field: it varies with crashes). */
function withAttempts(line: string, attempts: number): string {
  const r = parseRecord(line);
  if (!r.ok) return line;
  return serializeRecord({ ...r.record, measured: { ...r.record.measured, attempts } });
}

/** The campaign's suite as submitted, its CSV references turned into local files, planned. */
async function campaignPlan(redis: Redis, campaign: string, shown: string) {
  const text = await redis.get(keys.suite(campaign));
  if (text === null)
    throw new UsageError(`no campaign "${campaign}" on ${shown}: submit it first (arena queue submit)`);
  const suite = parseSuite(JSON.parse(text), `campaign "${campaign}"`);
  const local = await materializeSuite(redis, suite);
  const plan = planSuiteWithTuning(local.suite, process.cwd());
  // Final runs are queued for other machines: their CSV paths go back to the content references.
  const queued = (s: RunSpec) => withCsvPath(s, (path) => local.refs.get(path) ?? path);
  return { suite, plan, queued };
}

/**
 * `arena queue collect`: writes each finished run of the campaign to `out/results.jsonl` exactly once
 * (through the results store: fsync per line), then removes its job and notes its run id as collected.
 * A collector killed between the two finds the record already written when it starts again and only
 * removes the job. A job that failed every attempt (its worker crashed each time) becomes the run's
 * `failed` record. For a tuned suite it queues each learner's final runs once its trials are written.
 * Returns when every run of the campaign has a record.
 */
export async function collectCampaign(
  redis: Redis,
  campaign: string,
  out: string,
  opts: { shown: string; pollMs: number; stream?: NodeJS.WriteStream },
): Promise<CollectSummary> {
  const { suite, plan, queued } = await campaignPlan(redis, campaign, opts.shown);
  const ids = [...plan.runs.map((r) => r.runId), ...finalRunIds(plan, suite.repetitions)];
  const total = plan.runs.length + plan.tuned.length * suite.repetitions;
  const have = new Set(ResultsStore.read(out, readRecordLine).records.map((r) => r.runId));
  const { store } = ResultsStore.open(out, readRecordLine);
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  const done = () => ids.filter((id) => have.has(id)).length;
  const progress = createProgress(total - done(), opts.stream);
  let written = 0;
  // A tuned suite's trial records, read from the file once, then kept as they are written.
  const trials = plan.tuned.length > 0 ? readTrialRecords(out, plan) : new Map<string, RunRecord>();
  const isTrial = plannedTrial(plan);
  const keep = async (job: Job<RunJobData>, line: string) => {
    if (!have.has(job.id as string)) {
      store.append(line);
      const r = plan.tuned.length > 0 && line.includes("~trial-") ? parseRecord(line) : null;
      if (r?.ok && isTrial(r.record)) trials.set(r.record.runId, r.record);
      have.add(job.id as string);
      written++;
      const { status, measured } = JSON.parse(line) as { status: string; measured: { wallMs: number } };
      progress.tick(job.id as string, status, measured.wallMs);
    }
    await redis.sadd(keys.collected(campaign), job.id as string);
    await job.remove();
  };
  try {
    while (true) {
      let fresh = 0;
      for (const job of (await queue.getJobs(["completed"], 0, 499, true)) as Job<RunJobData>[]) {
        if (job.data?.campaign !== campaign) continue;
        await keep(job, withAttempts(String(job.returnvalue), job.attemptsStarted));
        fresh++;
      }
      for (const job of (await queue.getJobs(["failed"], 0, 499, true)) as Job<RunJobData>[]) {
        if (job.data?.campaign !== campaign) continue;
        const why = new Error(`the run's worker failed ${job.attemptsStarted} times: ${job.failedReason}`);
        await keep(
          job,
          withAttempts(recordLine(job.data.spec, failedRecord(job.data.spec, why)), job.attemptsStarted),
        );
        fresh++;
      }
      if (fresh > 0 && plan.tuned.length > 0) {
        const finals = planFinals(plan, suite.repetitions, trials).runs;
        await enqueueRuns(queue, redis, campaign, finals.filter((f) => !have.has(f.runId)).map(queued));
      }
      if (done() >= total) break;
      if (fresh === 0) await new Promise((r) => setTimeout(r, opts.pollMs));
    }
  } finally {
    progress.stop();
    store.close();
    await queue.close();
  }
  return { campaign, total, written, resultsPath: store.path };
}
