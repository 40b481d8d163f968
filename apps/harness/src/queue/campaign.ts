import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Redis } from "ioredis";
import type { RunSpec } from "../run-spec.ts";
import type { Suite } from "../suite.ts";
import { UsageError } from "../usage-error.ts";

/** The one BullMQ queue every campaign's runs go through (a job's data names its campaign). */
export const QUEUE_NAME = "arena-runs";

/** Where a worker process passes its Redis address to its worker threads (never printed). */
export const REDIS_ENV = "ARENA_QUEUE_REDIS_URL";

/** The largest CSV file a campaign carries in Redis (a string value holds up to 512 MiB). */
export const MAX_QUEUED_CSV_BYTES = 64 * 1024 * 1024;

/** How a CSV path reads inside a queued suite or run: its content is in Redis under its sha256. */
const CSV_REF = "arena-csv:";

/** The Redis keys of a campaign (what the queue itself does not keep). */
export const keys = {
  /** The suite as submitted (CSV paths replaced by content references), JSON. */
  suite: (c: string) => `arena:campaign:${c}:suite`,
  /** Run ids whose records a collector has written. */
  collected: (c: string) => `arena:campaign:${c}:collected`,
  /** When the campaign was first submitted (ms since the epoch), for the ETA. */
  started: (c: string) => `arena:campaign:${c}:started`,
  csv: (sha256: string) => `arena:csv:${sha256}`,
} as const;

/** The job of one run: its campaign and its spec. */
export interface RunJobData {
  campaign: string;
  spec: RunSpec;
}

/**
 * BullMQ's settings for a run's job: a bounded number of attempts (a worker that dies mid-run lets the
 * run start again elsewhere; a run that fails by itself is a `failed` record, not a retry), and finished
 * jobs removed after a week at the latest, so Redis cannot grow without bound even with no collector.
 */
export const RUN_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: "fixed", delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/**
 * Stores each CSV file in Redis once, by content hash, and returns each path's reference
 * (`arena-csv:<sha256>`), which workers on other machines turn back into a file.
 */
export async function uploadCsvs(
  redis: Redis,
  paths: readonly string[],
  readCsv: (path: string) => Uint8Array,
): Promise<Map<string, string>> {
  const refs = new Map<string, string>();
  for (const path of new Set(paths)) {
    const bytes = readCsv(path);
    if (bytes.length > MAX_QUEUED_CSV_BYTES)
      throw new UsageError(
        `${path} is ${bytes.length} bytes; a queued campaign carries CSV files of at most ${MAX_QUEUED_CSV_BYTES} bytes`,
      );
    const sha = createHash("sha256").update(bytes).digest("hex");
    await redis.set(keys.csv(sha), Buffer.from(bytes), "NX");
    refs.set(path, `${CSV_REF}${sha}`);
  }
  return refs;
}

/**
 * A local file with the content a CSV reference names, fetched from Redis once per machine into a
 * content-addressed cache (written to a temporary name, then renamed: two workers never see half a file).
 */
export async function materializeCsv(redis: Redis, path: string): Promise<string> {
  if (!path.startsWith(CSV_REF)) return path;
  const sha = path.slice(CSV_REF.length);
  if (!/^[0-9a-f]{64}$/.test(sha)) throw new Error(`bad CSV reference ${path}`);
  const dir = join(tmpdir(), "arena-queue-csv");
  const file = join(dir, `${sha}.csv`);
  if (existsSync(file)) return file;
  const bytes = await redis.getBuffer(keys.csv(sha));
  if (bytes === null) throw new Error(`the campaign's CSV ${sha} is no longer in Redis`);
  mkdirSync(dir, { recursive: true });
  const part = `${file}.${randomUUID()}`;
  writeFileSync(part, bytes);
  renameSync(part, file);
  return file;
}

/**
 * The suite with each CSV reference replaced by a local copy of its content, and the way back: each
 * local path's reference (for runs queued again from this machine).
 */
export async function materializeSuite(
  redis: Redis,
  suite: Suite,
): Promise<{ suite: Suite; refs: Map<string, string> }> {
  const refs = new Map<string, string>();
  const problems = [];
  for (const p of suite.problems) {
    if (!p.csv) {
      problems.push(p);
      continue;
    }
    const local = await materializeCsv(redis, p.csv.path);
    refs.set(local, p.csv.path);
    problems.push({ ...p, csv: { ...p.csv, path: local } });
  }
  return { suite: { ...suite, problems }, refs };
}

/** A run's spec with its CSV path replaced by `path(old)`; a spec without a CSV as it is. */
export function withCsvPath(spec: RunSpec, path: (old: string) => string): RunSpec {
  const csv = spec.problem.csv;
  return csv ? { ...spec, problem: { ...spec.problem, csv: { ...csv, path: path(csv.path) } } } : spec;
}
