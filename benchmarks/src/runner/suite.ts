/**
 * The shapes a benchmark file declares. A suite is a list of cases (bench, variant, size) and the
 * implementations that run them; the runner gives each implementation its own child process, times
 * every case with tinybench and turns the median time into the suite's figure (GFLOP/s, samples/s).
 */

/** One measured configuration. `work` is what one call does, in the metric's unit (e.g. GFLOP). */
export interface BenchCase {
  /** Row key, e.g. "gemm" or "mlp-train". */
  readonly bench: string;
  /** Row key, e.g. "NN" or "NT". */
  readonly variant: string;
  /** Row key, e.g. the matrix order n. */
  readonly size: number;
  /** Work per call in the metric's unit, e.g. 2n³/1e9 GFLOP for a square gemm. */
  readonly work: number;
  /** Overrides of the suite's tinybench budget for this case. */
  readonly budget?: Partial<Budget>;
}

/** tinybench budget of one case: it runs until both `time` and `iterations` are reached. */
export interface Budget {
  /** Minimum measuring time per case, ms. */
  time: number;
  /** Minimum number of timed calls. */
  iterations: number;
  /** Minimum warm-up time, ms. */
  warmupTime: number;
  /** Minimum number of warm-up calls. */
  warmupIterations: number;
}

/** One case, made ready by an implementation: `run` is what gets timed. */
export interface Prepared {
  /** One timed call. Its result must be observable (written to an output), so it cannot be optimised away. */
  run(): unknown;
  /** The output of one (untimed) call, to check that every implementation computes the same thing. */
  output?(): ArrayLike<number>;
  /** Frees what `prepare` made (e.g. tfjs tensors). */
  dispose?(): void;
}

/** An implementation under test, loaded inside its child process only. */
export interface Implementation<C extends BenchCase = BenchCase> {
  /**
   * One-off set-up in the child, e.g. selecting a tfjs backend. May return a note on what was set up
   * as detected at run time (e.g. "wasm, SIMD, 1 thread"), which the report prints.
   */
  init?(): Promise<string | undefined> | string | undefined;
  /** Builds the inputs of one case; returns null when the implementation does not support the case. */
  prepare(c: C): Promise<Prepared | null> | Prepared | null;
}

/** The figure a suite reports, e.g. `{ key: "gflops", label: "GFLOP/s" }`; figure = work / seconds per call. */
export interface Metric {
  /** Row field name of the median; `<key>_p25` and `<key>_p75` hold the quartiles. */
  readonly key: string;
  /** Column header unit, e.g. "GFLOP/s". */
  readonly label: string;
}

/** A benchmark suite: what a `src/<name>.ts` file defines with {@link defineSuite}. */
export interface Suite<C extends BenchCase = BenchCase> {
  /** Unique id; the child process looks the suite up by it. */
  readonly id: string;
  /** URL of the module that exports the suite (its `import.meta.url`), re-imported by each child. */
  readonly module: string;
  /** One line on what is measured, for the report header. */
  readonly title: string;
  readonly metric: Metric;
  /** Implementation that the ratio columns divide by the others ("Arena / peer"). */
  readonly baseline: string;
  readonly cases: readonly C[];
  /**
   * Implementations by row name. Loaders are lazy so that a child imports only its own
   * implementation's dependencies (and V8 sees only its code paths).
   */
  readonly implementations: Readonly<Record<string, () => Promise<Implementation<C>> | Implementation<C>>>;
  /** What exactly each implementation's timed call does, by row name, for the report. */
  readonly timed: Readonly<Record<string, string>>;
  /** Default tinybench budget per case. */
  readonly budget?: Partial<Budget>;
  /** Largest relative difference of output fingerprints from the baseline before a row is flagged. */
  readonly tolerance?: number;
}

/** One row of a report (`reports/bench/<name>.json`). */
export interface BenchRow {
  bench: string;
  impl: string;
  variant: string;
  size: number;
  /** Timed calls behind the statistics. */
  samples: number;
  /** Median, 25th and 75th percentile time per call, ms. */
  ms: number;
  ms_p25: number;
  ms_p75: number;
  /**
   * Relative difference between this implementation's output fingerprint and the baseline's
   * (undefined when either has no output). Tiny for float32 rounding; large means a different result.
   */
  check_rel_diff?: number;
  /** The metric median and quartiles, under `metric.key`, `<key>_p25`, `<key>_p75`. */
  [figure: string]: number | string | undefined;
}

/** Declares a suite; pass the defining module's `import.meta.url` so child processes can re-import it. */
export function defineSuite<C extends BenchCase>(module: string, suite: Omit<Suite<C>, "module">): Suite<C> {
  for (const name of Object.keys(suite.implementations)) {
    if (!(name in suite.timed))
      throw new Error(`defineSuite ${suite.id}: implementation "${name}" has no "timed" description`);
  }
  if (!(suite.baseline in suite.implementations)) {
    throw new Error(
      `defineSuite ${suite.id}: baseline "${suite.baseline}" is not one of the implementations`,
    );
  }
  return { ...suite, module };
}
