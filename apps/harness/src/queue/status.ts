import { type Job, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { keys, QUEUE_NAME, type RunJobData } from "./campaign.ts";

/** A campaign's runs by state. */
export interface CampaignStatus {
  campaign: string;
  waiting: number;
  active: number;
  /** Finished, not yet written by a collector. */
  done: number;
  failed: number;
  collected: number;
  /** Runs submitted so far (a tuned suite's final runs are added as their trials finish). */
  submitted: number;
  /** Estimated ms to go at the rate runs were collected since submission; null before the first. */
  etaMs: number | null;
}

/** Counts the campaign's jobs in each state (the queue is shared by campaigns: each job names its own). */
export async function campaignStatus(redis: Redis, campaign: string): Promise<CampaignStatus> {
  const queue = new Queue(QUEUE_NAME, { connection: redis });
  try {
    const count = async (
      states: ("wait" | "active" | "completed" | "failed" | "delayed" | "prioritized")[],
    ) =>
      ((await queue.getJobs(states)) as Job<RunJobData>[]).filter((j) => j.data?.campaign === campaign)
        .length;
    const [waiting, active, done, failed] = [
      await count(["wait", "delayed", "prioritized"]),
      await count(["active"]),
      await count(["completed"]),
      await count(["failed"]),
    ];
    const collected = await redis.scard(keys.collected(campaign));
    const started = Number(await redis.get(keys.started(campaign)));
    const submitted = waiting + active + done + failed + collected;
    const rate = collected > 0 && started > 0 ? (Date.now() - started) / collected : null;
    return {
      campaign,
      waiting,
      active,
      done,
      failed,
      collected,
      submitted,
      etaMs: rate === null ? null : rate * (submitted - collected),
    };
  } finally {
    await queue.close();
  }
}

/** One line: a bar of collected runs, the counts and the ETA. */
export function statusLine(s: CampaignStatus, width = 30): string {
  const frac = s.submitted > 0 ? s.collected / s.submitted : 0;
  const bar = "#".repeat(Math.round(frac * width)).padEnd(width, "-");
  const eta = s.etaMs === null ? "?" : `${Math.round(s.etaMs / 1000)} s`;
  return `${s.campaign} [${bar}] ${s.collected}/${s.submitted} collected · ${s.waiting} waiting · ${s.active} active · ${s.done} done, not yet collected · ${s.failed} failed · ETA ${eta}`;
}
