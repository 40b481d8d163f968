/**
 * `pnpm bench:optimizers`: every Arena population optimizer (CMA-ES, DE, SHADE, SNES, OpenAI-ES, GA,
 * PSO, random search) on the 10-D sphere, ellipsoid, Rosenbrock and Rastrigin in [−5, 5]^10, 10 seeds,
 * 1e5 evaluations, stopping at f ≤ 1e-8; scipy's differential_evolution side by side (in bench:peers'
 * virtual environment, run concurrently on another core); pycma's figures from issue 17 printed next to
 * Arena's CMA-ES. Writes `reports/bench/optimizers.json` and `optimizers.md`.
 *
 *   cd benchmarks && npx -y pnpm@10.34.9 bench:optimizers
 *   cd benchmarks && npx tsx src/optimizers/run-optimizers.ts --dim 40 --seeds 3 --budget 20000 --no-scipy
 *
 * `--large` adds issue 17's large-scale section (`large-scale.ts`): sep-CMA-ES and SNES on a 1,000-D
 * ellipsoid of condition 1e2 until f < 1e-8 or `--large-budget` evaluations, `--large-seeds` seeds, the
 * optimizer's own ms per generation (ask + tell) reported apart from the objective's. It takes minutes,
 * so it is not run by default. `--large-only` runs just that section (no 10-D suite, no scipy) and
 * writes `optimizers-large.json` and `optimizers-large.md` instead, leaving the 10-D report alone.
 *
 *   cd benchmarks && npx tsx src/optimizers/run-optimizers.ts --large-only
 */
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fmt } from "@arena/stats";
import { ensureVenv } from "../peers/scipy-peer.ts";
import { benchReportDir } from "../runner/repo-root.ts";
import {
  LARGE_CONDITION,
  LARGE_DIM,
  LARGE_OPTIMIZERS,
  LARGE_TARGET,
  type LargeRun,
  largeTable,
  runLarge,
  summarizeLarge,
} from "./large-scale.ts";
import { OPTIMIZERS, type OptimizerPlan, optimizerPlan, runOptimizer } from "./optimizer-runs.ts";
import {
  ECDF_BUDGETS,
  ecdfMarkdown,
  ecdfTable,
  type OptimizerRun,
  summarizeOptimizers,
  summaryTable,
  TARGETS,
} from "./optimizer-summary.ts";
import { REFERENCE, REFERENCE_PROVENANCE } from "./reference-pycma-scipy.ts";

const SCIPY_NAME = "scipy DE";
const SCIPY_SETTINGS =
  'differential_evolution(strategy="rand1bin", mutation=0.5, recombination=0.9, popsize=15, polish=False, ' +
  'updating="deferred", tol=0, maxiter=budget // (15·dim) - 1, seed=s), stopped by callback at f ≤ 1e-8';
const SCRIPT = fileURLToPath(new URL("./scipy_de_targets.py", import.meta.url));

interface ScipyOut {
  python: string;
  scipy: string;
  numpy: string;
  rows: Omit<OptimizerRun, "optimizer">[];
}

/** Starts scipy on the plan in a child process; resolves with its rows or the reason it was skipped. */
function startScipy(plan: OptimizerPlan, venvDir: string, python: string): Promise<ScipyOut | string> {
  const env = ensureVenv(venvDir, python);
  if ("reason" in env) return Promise.resolve(env.reason);
  return new Promise((resolve) => {
    const child = spawn(env.python, [SCRIPT], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("error", (e) => resolve(`${SCRIPT} failed: ${e.message}`));
    child.on("close", (code) =>
      resolve(code === 0 ? (JSON.parse(out) as ScipyOut) : `${SCRIPT} failed: ${err}`),
    );
    child.stdin.end(JSON.stringify(plan));
  });
}

function referenceTable(rows: readonly OptimizerRun[]): string {
  const summary = summarizeOptimizers(rows);
  const lines = [
    "| function | optimizer | evaluations to 1e-8: median [min, max] | solved |",
    "| -------- | --------- | -------------------------------------- | ------ |",
  ];
  const int = (x: number) => x.toLocaleString("en-US");
  for (const fn of ["sphere", "ellipsoid", "rosenbrock", "rastrigin"]) {
    for (const r of REFERENCE.filter((q) => q.function === fn)) {
      const ev =
        r.median === null
          ? "—"
          : `${int(r.median)}${r.min === undefined ? "" : ` [${int(r.min)}, ${int(r.max!)}]`}`;
      lines.push(
        `| ${fn} | ${r.optimizer} (issue 17) | ${ev} | ${r.solved}/${r.runs}${r.note ? `, ${r.note}` : ""} |`,
      );
    }
    for (const s of summary.filter(
      (q) => q.function === fn && (q.optimizer === "CMAES" || q.optimizer === SCIPY_NAME),
    )) {
      const ev =
        s.evalsMedian === null ? "—" : `${int(s.evalsMedian)} [${int(s.evalsMin!)}, ${int(s.evalsMax!)}]`;
      const name =
        s.optimizer === "CMAES"
          ? `Arena CMAES${fn === "rastrigin" ? " IPOP" : ""}`
          : `${SCIPY_NAME} (this run)`;
      lines.push(`| ${fn} | ${name} | ${ev} | ${s.solved}/${s.runs}, median final f ${fmt(s.fMedian)} |`);
    }
  }
  return lines.join("\n");
}

interface LargeSection {
  readonly dim: number;
  readonly condition: number;
  readonly target: number;
  readonly seeds: readonly number[];
  readonly budget: number;
  readonly optimizers: readonly { name: string; settings: string }[];
  readonly seconds: number;
  readonly summary: ReturnType<typeof summarizeLarge>;
  readonly rows: readonly LargeRun[];
  readonly markdown: string;
}

/** Issue 17's large-scale runs, after a short untimed warm-up of each optimizer. */
function runLargeSection(seeds: number, budget: number): LargeSection {
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
    `## Large scale: ${LARGE_DIM.toLocaleString("en-US")}-D ellipsoid, condition ${LARGE_CONDITION.toExponential(0)}, target ${LARGE_TARGET.toExponential(0)} (${seeds} seeds, budget ${budget.toLocaleString("en-US")})`,
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

async function main(): Promise<void> {
  const t0 = performance.now();
  const { values } = parseArgs({
    options: {
      dim: { type: "string", default: "10" },
      seeds: { type: "string", default: "10" },
      budget: { type: "string", default: "100000" },
      python: { type: "string", default: "python3" },
      "no-scipy": { type: "boolean", default: false },
      large: { type: "boolean", default: false },
      "large-only": { type: "boolean", default: false },
      "large-seeds": { type: "string", default: "3" },
      "large-budget": { type: "string", default: "1000000" },
      out: { type: "string", default: benchReportDir() },
    },
  });
  const plan = optimizerPlan(Number(values.dim), Number(values.seeds), Number(values.budget));
  const cpu = cpus();
  const machine = {
    date: new Date().toISOString(),
    node: process.version,
    os: `${platform()} ${release()}`,
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
  };
  console.log(`bench:optimizers: ${machine.date}, node ${machine.node}, ${machine.os}, ${machine.cpu}`);
  const largeSeeds = Number(values["large-seeds"]);
  const largeBudget = Number(values["large-budget"]);
  if (values["large-only"]) {
    mkdirSync(values.out, { recursive: true });
    const large = runLargeSection(largeSeeds, largeBudget);
    const md = `${large.markdown}\n\n${machine.cpu}, ${machine.os}, node ${machine.node}.`;
    console.log(`\n${md}`);
    const { markdown: _, ...json } = large;
    const report = {
      machine: { ...machine, loadavgEnd: loadavg().map((x) => Number(x.toFixed(2))) },
      large: json,
    };
    writeFileSync(join(values.out, "optimizers-large.json"), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(values.out, "optimizers-large.md"), `# bench:optimizers --large-only\n\n${md}\n`);
    console.log(`\nwrote ${join(values.out, "optimizers-large.json")} and optimizers-large.md`);
    return;
  }
  console.log(
    `${plan.problems.length} functions, dim ${values.dim}, ${plan.seeds.length} seeds, budget ${plan.budget}\n`,
  );
  mkdirSync(values.out, { recursive: true });
  const scipyPromise = values["no-scipy"]
    ? Promise.resolve("--no-scipy")
    : startScipy(plan, join(values.out, "peers-venv"), values.python);

  // Untimed warm-up so the first timed runs do not pay for the JIT.
  for (const opt of OPTIMIZERS) runOptimizer(opt, plan.problems[0], 12345, 2000);
  const rows: OptimizerRun[] = [];
  for (const p of plan.problems) {
    for (const opt of OPTIMIZERS) {
      const t = performance.now();
      for (const seed of plan.seeds) rows.push(runOptimizer(opt, p, seed, plan.budget, plan.targets));
      console.log(`  ${p.name} ${opt.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  const large = values.large ? runLargeSection(largeSeeds, largeBudget) : null;
  const arenaSeconds = (performance.now() - t0) / 1000;
  const scipy = await scipyPromise;
  if (typeof scipy === "string") console.log(`scipy peer skipped: ${scipy}`);
  else for (const r of scipy.rows) rows.push({ ...r, optimizer: SCIPY_NAME });
  const order = new Map(plan.problems.map((p, i) => [p.name as string, i]));
  rows.sort((a, b) => order.get(a.function)! - order.get(b.function)!);

  const summary = summarizeOptimizers(rows);
  const ecdfRows = ecdfTable(rows);
  const seconds = (performance.now() - t0) / 1000;
  const tables = [
    `## Per function × optimizer (dim ${values.dim}, ${plan.seeds.length} seeds, budget ${plan.budget})`,
    summaryTable(summary),
    `## Runtime ECDF: fraction of (function, target) pairs reached, targets ${TARGETS[0].toExponential(0)} … ${TARGETS.at(-1)!.toExponential(0)}, ${plan.problems.length} functions × ${TARGETS.length} targets × ${plan.seeds.length} seeds per optimizer`,
    ecdfMarkdown(ecdfRows),
    `## Arena's CMA-ES and scipy DE next to the reference figures (${REFERENCE_PROVENANCE})`,
    referenceTable(rows),
    ...(large ? [large.markdown] : []),
  ];
  const notes = [
    `Bounds [−5, 5]^n for every function; runs stop at f ≤ 1e-8 (so "final f" of a solved run is just below 1e-8), when the optimizer stops for good, or when the next generation would exceed the budget. Evaluations are counted per generation (the count after the generation that reached the target).`,
    ...OPTIMIZERS.map((o) => `${o.name}: ${o.settings}.`),
    typeof scipy === "string"
      ? `scipy: skipped (${scipy}).`
      : `${SCIPY_NAME}: ${SCIPY_SETTINGS}; Python ${scipy.python}, scipy ${scipy.scipy}, numpy ${scipy.numpy}; run concurrently with Arena on another core.`,
    `${machine.cpu}, ${machine.os}, node ${machine.node}. Arena runs took ${arenaSeconds.toFixed(1)} s; total wall time ${seconds.toFixed(1)} s.`,
  ];
  const md = `${tables.join("\n\n")}\n\n${notes.join("\n\n")}`;
  console.log(`\n${md}`);
  const report = {
    machine: { ...machine, loadavgEnd: loadavg().map((x) => Number(x.toFixed(2))) },
    plan: { ...plan, ecdfBudgets: ECDF_BUDGETS },
    optimizers: OPTIMIZERS.map((o) => ({ name: o.name, settings: o.settings })),
    scipy:
      typeof scipy === "string"
        ? { skipped: scipy }
        : { python: scipy.python, scipy: scipy.scipy, numpy: scipy.numpy, settings: SCIPY_SETTINGS },
    reference: { provenance: REFERENCE_PROVENANCE, rows: REFERENCE },
    seconds,
    summary,
    ecdf: ecdfRows,
    rows,
    ...(large ? { large: (({ markdown: _, ...json }) => json)(large) } : {}),
  };
  writeFileSync(join(values.out, "optimizers.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(values.out, "optimizers.md"), `# bench:optimizers\n\n${md}\n`);
  console.log(`\nwrote ${join(values.out, "optimizers.json")} and optimizers.md`);
}

await main();
