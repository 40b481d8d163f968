import { fileURLToPath } from "node:url";
import { parseRecord, serializeRecord } from "@arena/results";
import { Tinypool } from "tinypool";
import { createProgress } from "./progress.ts";
import { ResultsStore } from "./results-store.ts";
import { filterRuns, planSuite, type RunSpec, shardRuns } from "./run-plan.ts";
import { failedRecord } from "./spec-record.ts";
import type { Suite } from "./suite.ts";

export interface RunSuiteOptions {
  /** Worker threads; each runs one run at a time. */
  workers: number;
  /** Folder of results.jsonl. */
  out: string;
  /** Only runs whose id matches (substring, `*` wildcard). */
  filter?: string;
  shard?: { index: number; count: number };
  /** Folder against which relative CSV paths in the suite resolve. */
  suiteDir?: string;
  /** Where progress and warnings go (stderr by default). */
  stream?: NodeJS.WriteStream;
}

export interface RunSuiteSummary {
  /** Runs selected (after filter and shard). */
  selected: number;
  /** Already in results.jsonl from an earlier invocation, so skipped. */
  skipped: number;
  ok: number;
  diverged: number;
  failed: number;
  /** Runs not finished because the invocation was interrupted. */
  interrupted: number;
  resultsPath: string;
  warnings: string[];
}

/** A plain-JS entry that registers tsx in the worker thread, then loads worker.ts. */
const workerFile = fileURLToPath(new URL("./worker-entry.mjs", import.meta.url));

/**
 * Runs a suite in a pool of worker threads, appending each finished run to `out/results.jsonl` as it
 * finishes. Runs already in the file are skipped, so an interrupted invocation resumes where it stopped.
 * Records do not depend on the worker count or the order runs finish in: each run derives its streams
 * from its own seed paths.
 */
export async function runSuite(suite: Suite, opts: RunSuiteOptions): Promise<RunSuiteSummary> {
  const selected = shardRuns(filterRuns(planSuite(suite, opts.suiteDir), opts.filter), opts.shard);
  const { store, done, warnings } = ResultsStore.open(opts.out, (line) => {
    const r = parseRecord(line);
    return r.ok
      ? { ok: true, runId: r.record.runId }
      : { ok: false, reason: r.error.issues[0]?.message ?? r.error.kind };
  });
  const todo = selected.filter((r) => !done.has(r.runId));
  const summary: RunSuiteSummary = {
    selected: selected.length,
    skipped: selected.length - todo.length,
    ok: 0,
    diverged: 0,
    failed: 0,
    interrupted: 0,
    resultsPath: store.path,
    warnings,
  };
  const progress = createProgress(todo.length, opts.stream);
  for (const w of warnings) progress.log(`warning: ${w}`);
  if (todo.length === 0) {
    progress.stop();
    store.close();
    return summary;
  }

  const workers = Math.max(1, Math.min(opts.workers, todo.length));
  const pool = new Tinypool({
    filename: workerFile,
    minThreads: workers,
    maxThreads: workers,
  });
  // A worker that cannot start rejects its task (handled below); the pool's own error event must not
  // crash the process.
  pool.on("error", (e: Error) => progress.log(`worker error: ${e.message}`));
  let stopping = false;
  const onSignal = () => {
    if (stopping) return;
    stopping = true;
    progress.log("interrupted: finishing no more runs; results written so far are kept");
    void pool.destroy();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);

  const runOne = async (spec: RunSpec) => {
    let line: string;
    try {
      line = (await pool.run(spec)) as string;
    } catch (e) {
      if (stopping) {
        summary.interrupted++;
        return;
      }
      // The worker itself died (out of memory, a crash outside the run's own try): record the run as
      // failed and go on with the others.
      line = serializeRecord(failedRecord(spec, e));
    }
    store.append(line);
    const { status, measured } = JSON.parse(line) as { status: string; measured: { wallMs: number } };
    if (status === "ok") summary.ok++;
    else if (status === "diverged") summary.diverged++;
    else summary.failed++;
    progress.tick(spec.runId, status, measured.wallMs);
  };
  try {
    await Promise.all(todo.map(runOne));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    progress.stop();
    store.close();
    if (!stopping) await pool.destroy();
  }
  return summary;
}
