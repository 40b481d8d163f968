/**
 * The child-process side of the runner: measures one implementation of one suite and sends the rows
 * to the parent over IPC. Each implementation runs in a fresh process so that V8's type feedback,
 * JIT state and heap from one implementation cannot skew another's figures.
 *
 * The process entry is `child-entry.ts`; this module holds the measuring, so tests can call it in-process.
 */
import { quantiles } from "@arena/stats";
import { Bench } from "tinybench";
import { type Fingerprint, fingerprint } from "./fingerprint.ts";
import type { BenchCase, BenchRow, Budget, Suite } from "./suite.ts";

/** The default tinybench budget per case (see {@link Budget}). */
export const DEFAULT_BUDGET: Budget = { time: 800, iterations: 5, warmupTime: 200, warmupIterations: 2 };

/** What a child reports for one case. */
export interface CaseResult {
  /** Statistics of this child's calls alone. */
  row: BenchRow;
  /** Every timed call's latency, ms, ascending, so the parent can pool rounds. */
  samples: number[];
  fingerprint?: Fingerprint;
}

/** What a child reports: one result per case, and the implementation's set-up note if any. */
export interface ImplementationResult {
  results: CaseResult[];
  note?: string;
}

/** Options the parent passes down. */
export interface ChildOptions {
  /** Only cases whose size is listed (all when absent). */
  sizes?: number[];
  /** Overrides of every case's budget (e.g. a shorter `time` for a quick run). */
  budget?: Partial<Budget>;
  /**
   * "wall" (default): elapsed time, what a user waits. "cpu": this process's CPU time (all its
   * threads), which leaves out time the process spent descheduled on a busy machine.
   */
  clock?: Clock;
}

/** How calls are timed; see {@link ChildOptions.clock}. */
export type Clock = "wall" | "cpu";

/** Process CPU time in ms (user + system, all threads). */
function cpuNow(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Measures every case of `suite` on implementation `impl`, in this process: prepares the inputs,
 * fingerprints one output, warms up and times with tinybench, and returns one row per case.
 * `log` receives a progress line per case.
 */
export async function measureImplementation<C extends BenchCase>(
  suite: Suite<C>,
  impl: string,
  options: ChildOptions = {},
  log: (line: string) => void = () => {},
): Promise<ImplementationResult> {
  const load = suite.implementations[impl];
  if (!load) {
    throw new Error(
      `${suite.id}: no implementation "${impl}" (have ${Object.keys(suite.implementations).join(", ")})`,
    );
  }
  const implementation = await load();
  const note = (await implementation.init?.()) ?? undefined;
  const results: CaseResult[] = [];
  for (const c of suite.cases) {
    if (options.sizes && !options.sizes.includes(c.size)) continue;
    const prepared = await implementation.prepare(c);
    if (!prepared) continue;
    try {
      const out = prepared.output?.();
      const budget: Budget = { ...DEFAULT_BUDGET, ...suite.budget, ...c.budget, ...options.budget };
      const bench = new Bench({
        name: `${c.bench} ${c.variant} ${c.size}`,
        time: budget.time,
        iterations: budget.iterations,
        warmupTime: budget.warmupTime,
        warmupIterations: budget.warmupIterations,
        retainSamples: true,
        throws: true,
        ...(options.clock === "cpu" ? { now: cpuNow } : {}),
      });
      bench.add(impl, () => {
        prepared.run();
      });
      await bench.run();
      const result = bench.tasks[0].result;
      if (!("latency" in result) || !result.latency.samples) {
        throw new Error(
          `${suite.id} ${impl} ${bench.name}: tinybench finished in state "${result.state}" without samples`,
        );
      }
      const samples = Array.from(result.latency.samples);
      const row = makeRow(suite, impl, c, samples);
      results.push(out === undefined ? { row, samples } : { row, samples, fingerprint: fingerprint(out) });
      const key = suite.metric.key;
      log(
        `  ${impl.padEnd(10)} ${c.bench} ${c.variant} ${String(c.size).padStart(5)}: ${format(row[key] as number)} ${suite.metric.label} ` +
          `(p25–p75 ${format(row[`${key}_p25`] as number)}–${format(row[`${key}_p75`] as number)}, ${row.samples} calls)`,
      );
    } finally {
      prepared.dispose?.();
    }
  }
  return note === undefined ? { results } : { results, note };
}

/** A row from sorted per-call latencies (ms): the figure's quartiles are work over the time quartiles. */
export function makeRow(
  suite: Suite<BenchCase>,
  impl: string,
  c: BenchCase,
  sortedMs: ArrayLike<number>,
): BenchRow {
  // Type-7 percentiles; throws (a RangeError) on an empty sample, as the runner always has.
  const [ms, ms25, ms75] = quantiles(sortedMs, [0.5, 0.25, 0.75]);
  const key = suite.metric.key;
  const perSecond = (t: number) => c.work / (t / 1000);
  return {
    bench: c.bench,
    impl,
    variant: c.variant,
    size: c.size,
    [key]: round(perSecond(ms)),
    // A slower call (75th percentile time) is a lower figure (25th percentile figure).
    [`${key}_p25`]: round(perSecond(ms75)),
    [`${key}_p75`]: round(perSecond(ms25)),
    samples: sortedMs.length,
    ms: round(ms),
    ms_p25: round(ms25),
    ms_p75: round(ms75),
  };
}

/** Four significant digits: more would be noise. */
function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

function format(x: number): string {
  return x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2);
}

/** The message a child sends: its results, or the error that stopped it. */
export type ChildMessage = ({ ok: true } & ImplementationResult) | { ok: false; error: string };
