import { rmSync } from "node:fs";
import { join } from "node:path";
import { parseRecord } from "@arena/results";
import { Tinypool } from "tinypool";
import { planCheckedSuiteWithTuning } from "./check-suite.ts";
import { collectAfterThisTask } from "./collect-garbage.ts";
import { CostEta } from "./cost-eta.ts";
import { workerEnv } from "./kernel-threads.ts";
import type { SharedProblemData } from "./problem-loader.ts";
import { createProgress, type Progress } from "./progress.ts";
import { invocation } from "./provenance.ts";
import { type LineReader, REJECTED_FILE, REPLACED_FILE, ResultsStore } from "./results-store.ts";
import { planResume, type ResumeOptions, resumeConflictMessage } from "./resume-plan.ts";
import { estimateRunCosts, longestFirst } from "./run-cost-estimate.ts";
import type { SuitePlan } from "./run-plan.ts";
import { filterRuns, globContains, shardRuns } from "./run-selection.ts";
import type { RunSpec } from "./run-spec.ts";
import { shareProblemData } from "./shared-problem-data.ts";
import { failedRecord, recordLine } from "./spec-record.ts";
import { type Suite, UsageError } from "./suite.ts";
import { finalRunIds, planFinals, readTrialRecords } from "./tuning-selection.ts";
import type { RunTask } from "./worker.ts";
import { WORKER_RESOURCE_LIMITS } from "./worker-heap.ts";
import { type WorkerModule, workerModule } from "./worker-module.ts";

export interface RunSuiteOptions extends ResumeOptions {
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
  /**
   * Discard the folder's results first (results.jsonl and its side files), once the suite has been
   * planned without error.
   */
  fresh?: boolean;
}

export interface RunSuiteSummary {
  /** Runs selected (after filter and shard). */
  selected: number;
  /** Already in results.jsonl from an earlier invocation (same run id and config hash), so skipped. */
  skipped: number;
  /** Runs whose earlier records were all `failed`, run again. */
  retried: number;
  /** Runs whose earlier records had other settings (or no config hash), run again (`rerunChanged`). */
  rerunChanged: number;
  ok: number;
  diverged: number;
  failed: number;
  /** Runs not finished because the invocation was interrupted. */
  interrupted: number;
  /** The signal (SIGINT, SIGTERM) that interrupted the invocation, if one did. */
  signal?: NodeJS.Signals;
  resultsPath: string;
  warnings: string[];
}

/** What a pool's threads run (worker.ts), and the plain-JS entry that loads it through tsx (ARENA_TSX=1). */
const WORKER_SOURCE = new URL("./worker.ts", import.meta.url);
const WORKER_TSX_ENTRY = new URL("./worker-entry.mjs", import.meta.url);

/** Reads a line of results.jsonl as a record: its run id, config hash and status. */
export const readRecordLine: LineReader = (line) => {
  const r = parseRecord(line);
  return r.ok
    ? {
        ok: true,
        runId: r.record.runId,
        status: r.record.status,
        ...(r.record.configHash === undefined ? {} : { configHash: r.record.configHash }),
      }
    : { ok: false, reason: r.error.issues[0]?.message ?? r.error.kind };
};

/**
 * Runs a suite in a pool of worker threads, appending each finished run to `out/results.jsonl` as it
 * finishes. A run whose record is already in the file with the same config hash is skipped, so an
 * interrupted invocation resumes where it stopped; `failed` records are retried (unless `keepFailed`).
 * When a selected run's record was made with other settings (another config hash, or none), the
 * invocation stops before running anything with a UsageError naming the runs and the choices, unless
 * `rerunChanged` (or `keepUnknown` for records without a hash). Records of runs run again, and
 * unreadable lines, are moved to side files, never deleted (see ResultsStore).
 * Records do not depend on the worker count, the order runs are handed out (longest expected first,
 * see run-cost-estimate.ts) or the order they finish in: each run derives its streams from its own seed
 * paths. Lines are appended in the order runs finish; once every selected run has finished (not after
 * an interruption), the file is put in the plan's order (`ResultsStore.reorder`).
 */
export async function runSuite(suite: Suite, opts: RunSuiteOptions): Promise<RunSuiteSummary> {
  const plan = planCheckedSuiteWithTuning(suite, opts.suiteDir ?? process.cwd());
  const finalIds = finalRunIds(plan, suite.repetitions);
  checkFilter(opts.filter, plan.runs, finalIds);
  const select = (runs: RunSpec[]) =>
    shardRuns(
      opts.filter === undefined ? runs : runs.filter((r) => globContains(opts.filter!, r.runId)),
      opts.shard,
    );
  const first = await runPhase(select(plan.runs), opts);
  const summary =
    plan.tuned.length === 0 || first.signal ? first : await runFinals(suite, plan, first, select, opts);
  if (!summary.signal) {
    // The plan's order, as one worker running the runs in turn would leave it: the report lists
    // problems and baselines in the order it meets them.
    const rank = new Map([...plan.runs.map((r) => r.runId), ...finalIds].map((id, i) => [id, i]));
    ResultsStore.reorder(opts.out, readRunId, (id) => rank.get(id));
  }
  return summary;
}

/** The trials are on record: choose each tuned learner's configuration on validation, run it afresh. */
async function runFinals(
  suite: Suite,
  plan: SuitePlan,
  first: RunSuiteSummary,
  select: (runs: RunSpec[]) => RunSpec[],
  opts: RunSuiteOptions,
): Promise<RunSuiteSummary> {
  const finals = planFinals(plan, suite.repetitions, readTrialRecords(opts.out, plan));
  for (const w of finals.waiting) {
    const warning = `${w.key}: ${w.missing} of ${w.of} trial runs have no record yet, so its final runs wait (run the remaining trials, or merge the shards, then run again)`;
    first.warnings.push(warning);
    (opts.stream ?? process.stderr).write(`warning: ${warning}\n`);
  }
  const second = await runPhase(select(finals.runs), { ...opts, fresh: false });
  return addSummaries(first, second);
}

/** The run id of a line, read cheaply: the lines were checked when the store opened or written since. */
const readRunId: LineReader = (line) => {
  try {
    const runId = (JSON.parse(line) as { runId?: unknown }).runId;
    return typeof runId === "string" ? { ok: true, runId } : { ok: false, reason: "no run id" };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
};

/** A filter must select something: a run of the plan or a final run of a tuned learner. */
function checkFilter(filter: string | undefined, runs: RunSpec[], finalIds: string[]): void {
  // filterRuns checks the pattern and throws when nothing matches.
  filterRuns([...runs, ...finalIds.map((runId) => ({ runId }))], filter);
}

/** One invocation's two phases (trials and untuned runs, then the final runs) as one summary. */
function addSummaries(a: RunSuiteSummary, b: RunSuiteSummary): RunSuiteSummary {
  const counts = [
    "selected",
    "skipped",
    "retried",
    "rerunChanged",
    "ok",
    "diverged",
    "failed",
    "interrupted",
  ] as const;
  const sum = { ...a, warnings: [...a.warnings, ...b.warnings] };
  for (const k of counts) sum[k] = a[k] + b[k];
  if (b.signal) sum.signal = b.signal;
  return sum;
}

/**
 * Runs one list of planned runs against `out/results.jsonl`: resume, progress, the worker pool. The runs
 * to do go to the pool longest expected first (`longestFirst`), so that no worker is left alone with a
 * long run at the end; the progress ETA comes from the same estimates.
 */
async function runPhase(selected: RunSpec[], opts: RunSuiteOptions): Promise<RunSuiteSummary> {
  const { store, todo, summary } = openResults(selected, opts);
  const workers = Math.max(1, Math.min(opts.workers, todo.length));
  let progress: Progress | undefined;
  let running = false;
  // The workers start first: they load their modules while this thread estimates the runs' costs
  // (loading each problem once and counting each model's FLOPs, most of a second for the default suite).
  const log = (line: string) =>
    progress ? progress.log(line) : (opts.stream ?? process.stderr).write(`${line}\n`);
  let pool: Tinypool | undefined;
  try {
    if (todo.length > 0) pool = startPool(workers, await workerModule(WORKER_SOURCE, WORKER_TSX_ENTRY), log);
    const costs = estimateRunCosts(todo);
    // The CSVs read to check and plan the runs, kept (in shared memory) for the workers to read.
    const shared = shareProblemData(todo);
    collectAfterThisTask(); // the planning's other data, the CSVs' parsing above all, is garbage now
    const queue = longestFirst(todo, costs);
    progress = createProgress(queue.length, opts.stream, new CostEta(queue, costs, workers));
    for (const w of summary.warnings) progress.log(`warning: ${w}`);
    running = true;
    if (pool) await runInPool(pool, queue, workers, { store, summary, progress, shared });
  } finally {
    // runInPool destroys the pool; this is for an error before it starts.
    if (pool && !running) await pool.destroy();
    progress?.stop();
    store.close();
  }
  return summary;
}

/** A pool of `workers` threads, started at once (each loads the worker module before its first run). */
function startPool(workers: number, module: WorkerModule, log: (line: string) => void): Tinypool {
  // Several workers: one kernel thread per run, so the runs never oversubscribe the cores.
  const env = workerEnv(workers);
  const pool = new Tinypool({
    filename: module.filename,
    execArgv: module.execArgv,
    minThreads: workers,
    maxThreads: workers,
    env,
    resourceLimits: WORKER_RESOURCE_LIMITS,
  });
  // A worker that cannot start rejects its task (handled in runInPool); the pool's own error event must
  // not crash the process.
  pool.on("error", (e: Error) => log(`worker error: ${e.message}`));
  return pool;
}

/**
 * Plans the resume against `out/results.jsonl` and opens it for appending. The file is judged as it is
 * before anything changes: a conflict throws here with nothing written.
 */
function openResults(
  selected: RunSpec[],
  opts: RunSuiteOptions,
): { store: ResultsStore; todo: RunSpec[]; summary: RunSuiteSummary } {
  if (opts.fresh) {
    for (const f of ["results.jsonl", REPLACED_FILE, REJECTED_FILE])
      rmSync(join(opts.out, f), { force: true });
  }
  const existing = ResultsStore.read(opts.out, readRecordLine);
  const resume = planResume(selected, existing.records, opts);
  if (resume.changed.length > 0 || resume.unknown.length > 0) {
    throw new UsageError(resumeConflictMessage(existing.path, resume.changed, resume.unknown));
  }
  const { store, warnings } = ResultsStore.open(opts.out, readRecordLine, {
    replace: (line) => resume.replace.has(line.runId),
  });
  const summary: RunSuiteSummary = {
    selected: selected.length,
    skipped: resume.done,
    retried: resume.retried,
    rerunChanged: resume.rerunChanged,
    ok: 0,
    diverged: 0,
    failed: 0,
    interrupted: 0,
    resultsPath: store.path,
    warnings,
  };
  return { store, todo: resume.todo, summary };
}

/** Where `runInPool` puts what the workers return. */
interface PoolSinks {
  store: ResultsStore;
  summary: RunSuiteSummary;
  progress: Progress;
  /** The data posted with each run (see shareProblemData), by run id. */
  shared: ReadonlyMap<string, SharedProblemData>;
}

/**
 * Runs `todo` on a pool of worker threads, appending each record as it arrives. SIGINT or SIGTERM stops
 * handing out runs (finished records stay written); a worker that dies gets its run a `failed` record.
 */
async function runInPool(pool: Tinypool, todo: RunSpec[], workers: number, sinks: PoolSinks): Promise<void> {
  const { summary, progress } = sinks;
  // Read once per invocation (git runs in a child process): every record carries it as provenance.
  const inv = invocation(workers);
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    summary.signal = signal;
    progress.log("interrupted: finishing no more runs; results written so far are kept");
    void pool.destroy();
  };
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  const runOne = async (planned: RunSpec) => {
    const spec: RunSpec = { ...planned, invocation: inv };
    let line: string;
    try {
      const task: RunTask = { spec, data: sinks.shared.get(spec.runId) };
      line = (await pool.run(task)) as string;
    } catch (e) {
      if (stopping) summary.interrupted++;
      else keepFailedRecord(spec, e, sinks);
      return;
    }
    // Outside the try: a results file that cannot be written (disk full) stops the invocation.
    keepRecord(line, sinks);
  };
  try {
    await Promise.all(todo.map(runOne));
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    if (!stopping) await pool.destroy();
  }
}

/** Appends a finished run's record line and counts its status. */
function keepRecord(line: string, { store, summary, progress }: PoolSinks): void {
  store.append(line);
  const { runId, status, measured } = JSON.parse(line) as {
    runId: string;
    status: string;
    measured: { wallMs: number };
  };
  if (status === "ok") summary.ok++;
  else if (status === "diverged") summary.diverged++;
  else summary.failed++;
  progress.tick(runId, status, measured.wallMs);
}

/**
 * The worker itself died (out of memory, a crash outside the run's own try): the run is recorded as
 * failed and the others go on. When not even that record can be written, the run is left out (a rerun
 * runs it).
 */
function keepFailedRecord(spec: RunSpec, error: unknown, sinks: PoolSinks): void {
  let line: string;
  try {
    line = recordLine(spec, failedRecord(spec, error));
  } catch (e2) {
    sinks.summary.failed++;
    sinks.progress.log(`warning: ${spec.runId}: no record written (${(e2 as Error)?.message ?? e2})`);
    sinks.progress.tick(spec.runId, "failed", 0);
    return;
  }
  keepRecord(line, sinks);
}
