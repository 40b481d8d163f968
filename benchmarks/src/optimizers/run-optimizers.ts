/**
 * `pnpm bench:optimizers`: every Arena population optimizer (CMA-ES, DE, SHADE, SNES, OpenAI-ES, GA,
 * PSO, random search) on the 10-D sphere, ellipsoid, Rosenbrock and Rastrigin in [−5, 5]^10, 10 seeds,
 * 1e5 evaluations, stopping at f ≤ 1e-8; scipy's differential_evolution side by side (in bench:peers'
 * virtual environment, run concurrently on another core); pycma's figures from issue 17 printed next to
 * Arena's CMA-ES. Writes `reports/bench/optimizers.json` and `optimizers.md`.
 *
 *   cd benchmarks && npx -y pnpm@10.34.9 bench:optimizers
 *   cd benchmarks && npx tsx src/optimizers/run-optimizers.ts --dim 40 --seeds 3 --budget 20000 --no-scipy
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

async function main(): Promise<void> {
  const t0 = performance.now();
  const { values } = parseArgs({
    options: {
      dim: { type: "string", default: "10" },
      seeds: { type: "string", default: "10" },
      budget: { type: "string", default: "100000" },
      python: { type: "string", default: "python3" },
      "no-scipy": { type: "boolean", default: false },
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
  };
  writeFileSync(join(values.out, "optimizers.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(values.out, "optimizers.md"), `# bench:optimizers\n\n${md}\n`);
  console.log(`\nwrote ${join(values.out, "optimizers.json")} and optimizers.md`);
}

await main();
