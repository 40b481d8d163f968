/**
 * The large-scale part of `bench:optimizers` (issue 17): sep-CMA-ES (`covariance: "diagonal"`) and SNES
 * on a 1,000-D ellipsoid of condition 1e2, until f < 1e-8 or a budget, through a hand-written ask/tell
 * loop that times the optimizer's own work (`ask()` + `tell()`) apart from the objective's evaluation,
 * generation by generation.
 */
import { CMAES } from "@arena/cmaes";
import { SNES } from "@arena/evolution-strategies";
import type { PopulationOptimizer } from "@arena/objectives";
import { fmt, median } from "@arena/stats";
import { evalsCell, int } from "./optimizer-summary.ts";

export const LARGE_DIM = 1000;
export const LARGE_CONDITION = 1e2;
export const LARGE_TARGET = 1e-8;

/**
 * The weights of the ellipsoid f(x) = Σ_{i=1..n} c^{(i−1)/(n−1)} x_i², here with condition c = 1e2
 * (100^{(i−1)/(n−1)}): `@arena/objectives`' `ellipsoid` has condition 1e6, which sep-CMA-ES and SNES
 * would need far more evaluations to solve in 1,000-D. Weight 1 for the first coordinate, c for the last.
 */
export function ellipsoidWeights(n: number, condition = LARGE_CONDITION): Float64Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`ellipsoidWeights: n must be >= 1, got ${n}`);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = n === 1 ? 1 : condition ** (i / (n - 1));
  return w;
}

/** f of each of the `rows` rows of `xs` (row-major, `w.length` columns) into `out`. */
export function ellipsoidBatch(
  xs: ArrayLike<number>,
  rows: number,
  w: Float64Array,
  out: Float64Array,
): void {
  const n = w.length;
  for (let r = 0; r < rows; r++) {
    let s = 0;
    const o = r * n;
    for (let i = 0; i < n; i++) {
      const v = xs[o + i];
      s += w[i] * v * v;
    }
    out[r] = s;
  }
}

export interface LargeOptimizer {
  readonly name: string;
  readonly settings: string;
  create(dim: number, seed: number): PopulationOptimizer;
}

/** Both start as in the 10-D runs: mean uniform in [−4, 4]^n from the seed, σ0 = 2, box [−5, 5]^n. */
export const LARGE_OPTIMIZERS: readonly LargeOptimizer[] = [
  {
    name: "sep-CMA-ES",
    settings:
      'CMAES({ covariance: "diagonal" }), x0 uniform in [−4, 4]^n, σ0 = 2, λ = 4 + ⌊3 ln n⌋, box [−5, 5]^n',
    create: (dim, seed) =>
      new CMAES({
        dim,
        lower: -5,
        upper: 5,
        initLower: -4,
        initUpper: 4,
        sigma0: 2,
        covariance: "diagonal",
        rng: seed,
      }),
  },
  {
    name: "SNES",
    settings:
      "defaults (Wierstra et al. 2014), mean uniform in [−4, 4]^n, σ0 = 2 (a quarter of it), box [−5, 5]^n",
    create: (dim, seed) => new SNES({ dim, lower: -5, upper: 5, initLower: -4, initUpper: 4, rng: seed }),
  },
];

export interface LargeRun {
  readonly optimizer: string;
  readonly seed: number;
  readonly solved: boolean;
  /** Evaluations when the run ended (at the generation that reached the target, if solved). */
  readonly evaluations: number;
  readonly generations: number;
  readonly f: number;
  /** Median over generations of ask() + tell(), ms: the optimizer's own work. */
  readonly optimizerMsMedian: number;
  /** Median over generations of evaluating the λ candidates, ms. */
  readonly objectiveMsMedian: number;
  /** Sums over the run, ms. */
  readonly optimizerMs: number;
  readonly objectiveMs: number;
  readonly ms: number;
  readonly stopReason: "target" | "budget" | "optimizer";
}

/** One seeded run: ask, evaluate, tell until best f < target, the optimizer stops, or the budget. */
export function runLarge(
  opt: LargeOptimizer,
  dim: number,
  seed: number,
  budget: number,
  target = LARGE_TARGET,
): LargeRun {
  const w = ellipsoidWeights(dim);
  const t0 = performance.now();
  const o = opt.create(dim, seed);
  const optMs: number[] = [];
  const objMs: number[] = [];
  let fit = new Float64Array(0);
  let best = Infinity;
  let stopReason: LargeRun["stopReason"] = "budget";
  while (o.evaluations + o.populationSize <= budget) {
    const lambda = o.populationSize;
    if (fit.length !== lambda) fit = new Float64Array(lambda);
    const a = performance.now();
    const xs = o.ask();
    const b = performance.now();
    ellipsoidBatch(xs, lambda, w, fit);
    const c = performance.now();
    o.tell(fit);
    const d = performance.now();
    optMs.push(b - a + (d - c));
    objMs.push(c - b);
    for (let i = 0; i < lambda; i++) if (fit[i] < best) best = fit[i];
    if (best < target) {
      stopReason = "target";
      break;
    }
    if (o.stopped?.()) {
      stopReason = "optimizer";
      break;
    }
  }
  const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);
  return {
    optimizer: opt.name,
    seed,
    solved: stopReason === "target",
    evaluations: o.evaluations,
    generations: o.generation,
    f: best,
    optimizerMsMedian: optMs.length ? median(optMs) : Number.NaN,
    objectiveMsMedian: objMs.length ? median(objMs) : Number.NaN,
    optimizerMs: sum(optMs),
    objectiveMs: sum(objMs),
    ms: performance.now() - t0,
    stopReason,
  };
}

export interface LargeSummary {
  readonly optimizer: string;
  readonly runs: number;
  readonly solved: number;
  /** Median [min, max] evaluations to the target over the solved runs; null when none solved. */
  readonly evalsMedian: number | null;
  readonly evalsMin: number | null;
  readonly evalsMax: number | null;
  readonly generationsMedian: number;
  readonly fMedian: number;
  /** Medians over runs of each run's median ms per generation. */
  readonly optimizerMsPerGen: number;
  readonly objectiveMsPerGen: number;
  readonly secondsMedian: number;
}

/** One row per optimizer, in order of first appearance. */
export function summarizeLarge(rows: readonly LargeRun[]): LargeSummary[] {
  const names = [...new Set(rows.map((r) => r.optimizer))];
  return names.map((optimizer) => {
    const g = rows.filter((r) => r.optimizer === optimizer);
    const ev = g.filter((r) => r.solved).map((r) => r.evaluations);
    return {
      optimizer,
      runs: g.length,
      solved: ev.length,
      evalsMedian: ev.length ? median(ev) : null,
      evalsMin: ev.length ? Math.min(...ev) : null,
      evalsMax: ev.length ? Math.max(...ev) : null,
      generationsMedian: median(g.map((r) => r.generations)),
      fMedian: median(g.map((r) => r.f)),
      optimizerMsPerGen: median(g.map((r) => r.optimizerMsMedian)),
      objectiveMsPerGen: median(g.map((r) => r.objectiveMsMedian)),
      secondsMedian: median(g.map((r) => r.ms / 1000)),
    };
  });
}

export function largeTable(summary: readonly LargeSummary[]): string {
  const lines = [
    "| optimizer | solved | evaluations to 1e-8: median [min, max] | generations (median) | median final f | ms/generation, optimizer (ask + tell) | ms/generation, objective | s per run (median) |",
    "| --------- | ------ | -------------------------------------- | -------------------- | -------------- | ------------------------------------- | ------------------------ | ------------------ |",
  ];
  for (const s of summary) {
    const ev = evalsCell(s.evalsMedian, s.evalsMin, s.evalsMax);
    lines.push(
      `| ${s.optimizer} | ${s.solved}/${s.runs} | ${ev} | ${int(s.generationsMedian)} | ${fmt(s.fMedian)} | ${s.optimizerMsPerGen.toFixed(3)} | ${s.objectiveMsPerGen.toFixed(3)} | ${s.secondsMedian.toFixed(1)} |`,
    );
  }
  return lines.join("\n");
}

export interface LargeSection {
  readonly dim: number;
  readonly condition: number;
  readonly target: number;
  readonly seeds: readonly number[];
  readonly budget: number;
  readonly optimizers: readonly { name: string; settings: string }[];
  readonly seconds: number;
  readonly summary: LargeSummary[];
  readonly rows: readonly LargeRun[];
  readonly markdown: string;
}

/** Issue 17's large-scale runs, after a short untimed warm-up of each optimizer; logs each run. */
export function runLargeSection(seeds: number, budget: number): LargeSection {
  const t0 = performance.now();
  for (const opt of LARGE_OPTIMIZERS) runLarge(opt, LARGE_DIM, 12345, 2000);
  const seedList = Array.from({ length: seeds }, (_, i) => i);
  const rows: LargeRun[] = [];
  for (const opt of LARGE_OPTIMIZERS) {
    for (const seed of seedList) {
      const r = runLarge(opt, LARGE_DIM, seed, budget);
      rows.push(r);
      console.log(
        `  large ${opt.name} seed ${seed}: ${r.solved ? "solved" : r.stopReason}, ${r.evaluations} evaluations, f ${fmt(r.f)}, ${(r.ms / 1000).toFixed(1)} s`,
      );
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const summary = summarizeLarge(rows);
  const markdown = [
    `## Large scale: ${int(LARGE_DIM)}-D ellipsoid, condition ${LARGE_CONDITION.toExponential(0)}, target ${LARGE_TARGET.toExponential(0)} (${seeds} seeds, budget ${int(budget)})`,
    largeTable(summary),
    `f(x) = Σ 100^{(i−1)/(n−1)} x_i² (defined in the benchmark; \`@arena/objectives\`' ellipsoid has condition 1e6). A hand-written ask/tell loop times \`ask()\` + \`tell()\` (the optimizer's own work) and the evaluation of the λ candidates separately each generation (performance.now around each); the table gives the median over runs of each run's median per generation. Runs stop once best f < ${LARGE_TARGET.toExponential(0)}, when the optimizer stops for good, or when the next generation would exceed the budget.`,
    ...LARGE_OPTIMIZERS.map((o) => `${o.name}: ${o.settings}.`),
    `Large-scale section took ${seconds.toFixed(1)} s.`,
  ].join("\n\n");
  return {
    dim: LARGE_DIM,
    condition: LARGE_CONDITION,
    target: LARGE_TARGET,
    seeds: seedList,
    budget,
    optimizers: LARGE_OPTIMIZERS.map((o) => ({ name: o.name, settings: o.settings })),
    seconds,
    summary,
    rows,
    markdown,
  };
}
