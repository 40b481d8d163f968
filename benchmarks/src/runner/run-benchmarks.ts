/**
 * The parent side of the runner: for each suite and implementation, forks a child process
 * (`child-entry.ts`), collects its rows over IPC, checks the outputs against the baseline's, and writes the
 * report. Children run one at a time, so they do not compete for cores.
 */
import { fork } from "node:child_process";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type CaseResult,
  type ChildMessage,
  type ChildOptions,
  type Clock,
  type ImplementationResult,
  makeRow,
} from "./child.ts";
import { type Fingerprint, fingerprintDiff } from "./fingerprint.ts";
import { parseCli, UsageError } from "./parse-cli.ts";
import { benchReportDir } from "./repo-root.ts";
import { type RunInfo, type SuiteResult, writeReport } from "./report.ts";
import type { BenchCase, BenchRow, Budget, Suite } from "./suite.ts";

const CHILD = fileURLToPath(new URL("./child-entry.ts", import.meta.url));
// tsx's ESM loader: children load it explicitly (`node --import <loader>`), so they can import .ts
// files whether the parent runs under the tsx CLI, `node --import tsx` or a test runner.
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** Options of {@link runBenchmarks}. */
export interface RunOptions {
  /** Only these implementations (all when absent). */
  impls?: string[];
  /** Only cases of these sizes (all when absent). */
  sizes?: number[];
  /** Overrides every case's tinybench budget. */
  budget?: Partial<Budget>;
  /**
   * Times each implementation is measured, in a fresh child each time, alternating the order of the
   * implementations between rounds; the samples of all rounds are pooled (default 1). Two or more
   * rounds spread a passing burst of load on a shared machine over all implementations.
   */
  rounds?: number;
  /** "wall" (default) or "cpu" time per call; see {@link ChildOptions.clock}. */
  clock?: Clock;
  /** Report directory (default `<repo root>/reports/bench`). */
  outDir?: string;
  /** Progress lines (default: console.log). */
  log?: (line: string) => void;
}

/** What {@link runBenchmarks} produced. */
export interface RunOutcome {
  results: SuiteResult[];
  info: RunInfo;
  paths: { json: string; md: string };
}

/** Runs one implementation of `suite` in a fresh child process and returns its case results. */
export function runInChild(
  suite: Suite<BenchCase>,
  impl: string,
  options: ChildOptions,
): Promise<ImplementationResult> {
  return new Promise((resolvePromise, reject) => {
    let message: ChildMessage | undefined;
    const child = fork(CHILD, [suite.module, suite.id, impl, JSON.stringify(options)], {
      execArgv: ["--import", TSX_LOADER],
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    child.on("message", (m) => {
      message = m as ChildMessage;
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (message?.ok)
        resolvePromise(
          message.note === undefined
            ? { results: message.results }
            : { results: message.results, note: message.note },
        );
      else if (message) reject(new Error(message.error));
      else
        reject(
          new Error(`child for ${suite.id}/${impl} exited (code ${code}, signal ${signal}) without results`),
        );
    });
  });
}

/**
 * Measures every implementation of every suite, each in its own child process, one after another;
 * then writes `<outDir>/<name>.json` and `<name>.md`. A failing implementation is reported (in the
 * markdown and in `info.failures`) and the others still run.
 */
export async function runBenchmarks(
  name: string,
  suites: readonly Suite<BenchCase>[],
  options: RunOptions = {},
): Promise<RunOutcome> {
  const log = options.log ?? ((line: string) => console.log(line));
  const info: RunInfo = {
    date: new Date().toISOString(),
    node: process.versions.node,
    cpu: cpus()[0]?.model ?? "unknown CPU",
    cores: cpus().length,
    loadAverage: loadavg()[0],
    rounds: options.rounds ?? 1,
    clock: options.clock ?? "wall",
    failures: [],
  };
  const results: SuiteResult[] = [];
  for (const suite of suites) {
    const impls = Object.keys(suite.implementations).filter(
      (i) => !options.impls || options.impls.includes(i),
    );
    for (const wanted of options.impls ?? []) {
      if (!(wanted in suite.implementations)) {
        throw new Error(
          `${suite.id}: unknown implementation "${wanted}" (have ${Object.keys(suite.implementations).join(", ")})`,
        );
      }
    }
    const rounds = options.rounds ?? 1;
    if (!Number.isInteger(rounds) || rounds < 1)
      throw new Error(`runBenchmarks: rounds must be an integer >= 1, got ${rounds}`);
    log(`${suite.title}: ${impls.join(", ")}${rounds > 1 ? ` (${rounds} rounds)` : ""}`);
    const byImpl = new Map<string, CaseResult[][]>();
    const notes: Record<string, string> = {};
    const failed = new Set<string>();
    for (let round = 0; round < rounds; round++) {
      for (const impl of round % 2 === 0 ? impls : [...impls].reverse()) {
        if (failed.has(impl)) continue;
        if (rounds > 1) log(`  round ${round + 1}/${rounds}: ${impl}`);
        try {
          const { results, note } = await runInChild(suite, impl, {
            sizes: options.sizes,
            budget: options.budget,
          });
          byImpl.set(impl, [...(byImpl.get(impl) ?? []), results]);
          if (note !== undefined) notes[impl] = note;
        } catch (e) {
          const error = e instanceof Error ? e.message : String(e);
          info.failures.push({ suite: suite.id, impl, error });
          failed.add(impl);
          byImpl.delete(impl);
          log(`  ${impl} FAILED: ${error}`);
        }
      }
    }
    const pooled = new Map([...byImpl].map(([impl, perRound]) => [impl, poolRounds(suite, impl, perRound)]));
    results.push({ suite, rows: checkAgainstBaseline(suite.baseline, pooled), notes });
  }
  const paths = writeReport(options.outDir ?? benchReportDir(), name, info, results);
  log(`wrote ${paths.json} and ${paths.md}`);
  return { results, info, paths };
}

/**
 * One result per case from several rounds of one implementation: the samples of all rounds pooled
 * into one row, with the first round's output fingerprint.
 */
export function poolRounds(suite: Suite<BenchCase>, impl: string, perRound: CaseResult[][]): CaseResult[] {
  const caseKey = (r: BenchRow) => `${r.bench}/${r.variant}/${r.size}`;
  const pooled: CaseResult[] = [];
  for (const first of perRound[0] ?? []) {
    const key = caseKey(first.row);
    const { bench, variant, size } = first.row;
    const c = suite.cases.find((x) => x.bench === bench && x.variant === variant && x.size === size);
    if (!c) throw new Error(`${suite.id}: ${impl} reported a case ${key} that the suite does not have`);
    const samples = perRound
      .flatMap((results) => results.find((r) => caseKey(r.row) === key)?.samples ?? [])
      .sort((a, b) => a - b);
    pooled.push({ ...first, row: makeRow(suite, impl, c, samples), samples });
  }
  return pooled;
}

/** Rows of all implementations, each with its output's relative difference from the baseline's. */
export function checkAgainstBaseline(baseline: string, byImpl: Map<string, CaseResult[]>): BenchRow[] {
  const caseKey = (r: BenchRow) => `${r.bench}/${r.variant}/${r.size}`;
  const reference = new Map<string, Fingerprint>();
  for (const { row, fingerprint } of byImpl.get(baseline) ?? [])
    if (fingerprint) reference.set(caseKey(row), fingerprint);
  const rows: BenchRow[] = [];
  for (const results of byImpl.values()) {
    for (const { row, fingerprint } of results) {
      const ref = reference.get(caseKey(row));
      rows.push(
        ref && fingerprint
          ? { ...row, check_rel_diff: Number(fingerprintDiff(fingerprint, ref).toPrecision(3)) }
          : row,
      );
    }
  }
  return rows;
}

/** True when the module at `moduleUrl` is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(moduleUrl);
}

const USAGE =
  "options: --impl a,b  --size 64,128  --time <ms per case>  --rounds <n>  --clock wall|cpu  --out <dir>";

const BENCH_OPTIONS = {
  impl: { type: "string" },
  size: { type: "string" },
  time: { type: "string" },
  rounds: { type: "string" },
  clock: { type: "string" },
  out: { type: "string" },
} as const;

/** The benchmark options from the parsed strings; a bad value throws a {@link UsageError}. */
function checkBenchArgs(
  values: Partial<Record<keyof typeof BENCH_OPTIONS, string>>,
  defaults: Pick<RunOptions, "rounds">,
) {
  const list = (s: string | undefined) => s?.split(",").map((x) => x.trim());
  const sizes = list(values.size)?.map(Number);
  if (sizes?.some((s) => !Number.isInteger(s) || s <= 0)) {
    throw new UsageError(`--size must list positive integers, got "${values.size}"`);
  }
  const time = values.time === undefined ? undefined : Number(values.time);
  if (time !== undefined && !(time > 0)) {
    throw new UsageError(`--time must be a positive number of ms, got "${values.time}"`);
  }
  const rounds = values.rounds === undefined ? defaults.rounds : Number(values.rounds);
  if (rounds !== undefined && !(Number.isInteger(rounds) && rounds >= 1)) {
    throw new UsageError(`--rounds must be an integer >= 1, got "${values.rounds}"`);
  }
  const clock = values.clock ?? "wall";
  if (clock !== "wall" && clock !== "cpu")
    throw new UsageError(`--clock must be wall or cpu, got "${clock}"`);
  return { sizes, time, rounds, clock, impls: list(values.impl), outDir: values.out } as const;
}

/**
 * The command line of a benchmark entry: `tsx src/kernels.ts [--impl arena,naive] [--size 64,256]
 * [--time 300] [--rounds 2] [--clock cpu] [--out dir]`; `defaults.rounds` is the entry's default number of rounds.
 * `--help` prints the options; an unknown option or a bad value prints the error and the options and
 * exits with code 2. Exits with code 1 if an implementation failed.
 */
export async function runBenchmarksCli(
  name: string,
  suites: readonly Suite<BenchCase>[],
  argv = process.argv.slice(2),
  defaults: Pick<RunOptions, "rounds"> = {},
): Promise<void> {
  const { sizes, time, rounds, clock, impls, outDir } = parseCli(
    BENCH_OPTIONS,
    USAGE,
    (values) => checkBenchArgs(values, defaults),
    argv,
  );
  const outcome = await runBenchmarks(name, suites, {
    rounds,
    clock,
    impls,
    sizes,
    budget: time === undefined ? undefined : { time, warmupTime: Math.min(time / 4, 200) },
    outDir,
  });
  if (outcome.info.failures.length > 0) process.exitCode = 1;
}
