/**
 * `pnpm bench:optimizers` (issue 17): every Arena population optimizer (CMA-ES with IPOP on Rastrigin,
 * CMA-ES BIPOP, DE, SHADE, SNES, OpenAI-ES, GA, PSO, random search) on the sphere, ellipsoid, Rosenbrock,
 * Rastrigin and rotated ellipsoid, Rosenbrock and Rastrigin, in [−5, 5]^n for n = 10 and 40, budget
 * 1e4·n evaluations per run (3e4·n on the two Rastrigins), stopping at f ≤ 1e-8; 10 seeds in 10-D,
 * 2 in 40-D by default: each 40-D seed costs about 4 minutes of Arena runs, 70 % of it the two
 * Rastrigins (CMA-ES with IPOP or BIPOP restarts takes 15–30 s per 1.2e6-evaluation run), so
 * `--seeds 10` takes 40 minutes or more. A rotated function's Q is drawn per (function, n, seed), the
 * same for every optimizer. scipy's differential_evolution runs the same runs (same Q, bounds and
 * budgets) in bench:peers' virtual environment, concurrently on the other core; issue 17's pycma/scipy
 * figures are printed next to Arena's CMA-ES (IPOP and BIPOP) and scipy's DE in 10-D. Writes
 * `reports/bench/optimizers.json` and `optimizers.md`. The default run takes about 7 minutes on two
 * otherwise idle cores (Arena's runs use about 7 CPU-minutes, scipy's 5 on the other core); 10 min
 * measured while other jobs loaded the machine.
 *
 *   cd benchmarks && npx -y pnpm@10.34.9 bench:optimizers
 *   cd benchmarks && npx tsx src/optimizers/run-optimizers.ts --dim 10 --seeds 3 --budget 2000 --no-scipy
 *
 * `--dim 10,40` dimensions; `--seeds 10,2` seeds per dimension (one number for all); `--budget 10000`
 * evaluations per dimension per run (×3 on Rastrigin); `--scipy-dim 10,40` the dimensions scipy runs
 * (default: all of `--dim`); `--no-scipy`; `--python`, `--out`.
 *
 * `--large` adds issue 17's large-scale section (`large-scale.ts`): sep-CMA-ES and SNES on a 1,000-D
 * ellipsoid of condition 1e2 until f < 1e-8 or `--large-budget` evaluations, `--large-seeds` seeds, the
 * optimizer's own ms per generation (ask + tell) reported apart from the objective's. It takes minutes,
 * so it is not run by default. `--large-only` runs just that section (no suite, no scipy) and writes
 * `optimizers-large.json` and `optimizers-large.md` instead, leaving the main report alone.
 *
 *   cd benchmarks && npx tsx src/optimizers/run-optimizers.ts --large-only
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { ensureVenv } from "../peers/scipy-peer.ts";
import { parseCli, UsageError } from "../runner/parse-cli.ts";
import { benchReportDir } from "../runner/repo-root.ts";
import { type LargeSection, runLargeSection } from "./large-scale.ts";
import {
  OPTIMIZERS,
  type OptimizerPlan,
  optimizerPlan,
  type PeerRun,
  peerRuns,
  RASTRIGIN_BUDGET_FACTOR,
  runOptimizer,
  SCIPY_NAME,
  SCIPY_SETTINGS,
} from "./optimizer-runs.ts";
import {
  dimensionMarkdown,
  type EcdfSection,
  ecdfByDim,
  type OptimizerRun,
  type OptimizerSummary,
  summarizeOptimizers,
} from "./optimizer-summary.ts";
import { REFERENCE, REFERENCE_DIM, REFERENCE_PROVENANCE, referenceTable } from "./reference-pycma-scipy.ts";

const SCRIPT = fileURLToPath(new URL("./scipy_de_targets.py", import.meta.url));

interface ScipyOut {
  python: string;
  scipy: string;
  numpy: string;
  rows: Omit<OptimizerRun, "optimizer">[];
}

/**
 * Starts scipy on the runs in a child process; resolves with its rows or the reason it was skipped.
 * Its input (about 1 MB with the 40-D rotations) goes through a file, not a pipe: Arena's runs keep
 * this event loop busy, so a pipe would hand Python only its first 64 KB until they are done.
 */
function startScipy(
  runs: readonly PeerRun[],
  targets: readonly number[],
  venvDir: string,
  python: string,
): Promise<ScipyOut | string> {
  const env = ensureVenv(venvDir, python);
  if ("reason" in env) return Promise.resolve(env.reason);
  const dir = mkdtempSync(join(tmpdir(), "bench-optimizers-"));
  const input = join(dir, "scipy-input.json");
  writeFileSync(input, JSON.stringify({ targets, runs }));
  return new Promise<ScipyOut | string>((resolve) => {
    const child = spawn(env.python, [SCRIPT, input], { stdio: ["ignore", "pipe", "pipe"] });
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
  }).finally(() => rmSync(dir, { recursive: true, force: true }));
}

/** Every optimizer on every problem and seed of the plan, after an untimed warm-up (JIT). */
function runArena(plan: OptimizerPlan): OptimizerRun[] {
  for (const opt of OPTIMIZERS) runOptimizer(opt, plan.problems[0], 12345, 2000);
  const rows: OptimizerRun[] = [];
  for (const p of plan.problems) {
    for (const opt of OPTIMIZERS) {
      const t = performance.now();
      for (const seed of p.seeds) rows.push(runOptimizer(opt, p, seed, p.budget, plan.targets));
      console.log(`  ${p.dim}-D ${p.name} ${opt.name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
  }
  return rows;
}

const commaList = (s: string): number[] => s.split(",").map(Number);

function machineInfo() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${platform()} ${release()}`,
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
  };
}
type Machine = ReturnType<typeof machineInfo>;
const withEnd = (m: Machine) => ({ ...m, loadavgEnd: loadavg().map((x) => Number(x.toFixed(2))) });
const withoutMarkdown = ({ markdown: _, ...json }: LargeSection) => json;

function writeReport(out: string, name: string, title: string, json: object, md: string): void {
  writeFileSync(join(out, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(join(out, `${name}.md`), `# ${title}\n\n${md}\n`);
  console.log(`\nwrote ${join(out, `${name}.json`)} and ${name}.md`);
}

const OPTIMIZER_OPTIONS = {
  dim: { type: "string", default: "10,40" },
  seeds: { type: "string", default: "10,2" },
  budget: { type: "string", default: "10000" },
  "scipy-dim": { type: "string" },
  python: { type: "string", default: "python3" },
  "no-scipy": { type: "boolean", default: false },
  large: { type: "boolean", default: false },
  "large-only": { type: "boolean", default: false },
  "large-seeds": { type: "string", default: "3" },
  "large-budget": { type: "string", default: "1000000" },
  out: { type: "string", default: benchReportDir() },
} as const;

const OPTIMIZER_USAGE =
  "options: --dim 10,40  --seeds 10,2  --budget <evaluations per dimension>  --scipy-dim 10  " +
  "--python <interpreter>  --no-scipy  --large  --large-only  --large-seeds <n>  --large-budget <n>  --out <dir>";

/** Comma-separated positive integers, or a {@link UsageError} naming the option. */
function positiveIntegers(option: string, s: string | undefined): void {
  if (s === undefined) return;
  if (!commaList(s).every((x) => Number.isInteger(x) && x >= 1))
    throw new UsageError(`--${option} must be positive integers separated by commas, got "${s}"`);
}

function parseOptimizerCli() {
  return parseCli(OPTIMIZER_OPTIONS, OPTIMIZER_USAGE, (values) => {
    for (const option of ["dim", "seeds", "budget", "scipy-dim", "large-seeds", "large-budget"] as const)
      positiveIntegers(option, values[option]);
    return values;
  });
}
type Cli = ReturnType<typeof parseOptimizerCli>;

function runLargeOnly(values: Cli, machine: Machine): void {
  const large = runLargeSection(Number(values["large-seeds"]), Number(values["large-budget"]));
  const md = `${large.markdown}\n\n${machine.cpu}, ${machine.os}, node ${machine.node}.`;
  console.log(`\n${md}`);
  const report = { machine: withEnd(machine), large: withoutMarkdown(large) };
  writeReport(values.out, "optimizers-large", "bench:optimizers --large-only", report, md);
}

/** What one suite run produced, for the report. */
interface SuiteResult {
  readonly machine: Machine;
  readonly plan: OptimizerPlan;
  readonly scipyDims: readonly number[];
  readonly scipy: ScipyOut | string;
  /** Arena's and scipy's runs, in plan order (dim, function), optimizers in order within each. */
  readonly rows: readonly OptimizerRun[];
  readonly large: LargeSection | null;
  readonly arenaSeconds: number;
  readonly seconds: number;
}

function suiteMarkdown(
  r: SuiteResult,
  summary: readonly OptimizerSummary[],
  ecdf: readonly EcdfSection[],
): string {
  const { plan, scipy, machine } = r;
  const tables = [
    ...dimensionMarkdown(summary, ecdf),
    ...(plan.dims.includes(REFERENCE_DIM)
      ? [
          `## ${REFERENCE_DIM}-D: Arena's CMA-ES (IPOP, BIPOP) and scipy DE next to the reference figures (${REFERENCE_PROVENANCE})`,
          referenceTable(summary),
        ]
      : []),
    ...(r.large ? [r.large.markdown] : []),
  ];
  const notes = [
    `Bounds [−5, 5]^n for every function; budget ${plan.budgetPerDim.toLocaleString("en-US")}·n evaluations per run, ${RASTRIGIN_BUDGET_FACTOR}× that on Rastrigin and rotated Rastrigin; seeds per dimension ${plan.dims.map((d, i) => `${d}-D: ${plan.seeds[i]}`).join(", ")}. Runs stop at f ≤ 1e-8 (so "final f" of a solved run is just below 1e-8), when the optimizer stops for good, or when the next generation would exceed the budget. Evaluations are counted per generation (the count after the generation that reached the target). A rotated function is g(x) = f(x* + Q (x − x*)), Q = randomRotation(n, "<function>/<n>/<seed>") of @arena/objectives, one instance per (function, n, seed) shared by every optimizer and scipy.`,
    ...OPTIMIZERS.map((o) => `${o.name}: ${o.settings}.`),
    typeof scipy === "string"
      ? `scipy: skipped (${scipy}).`
      : `${SCIPY_NAME}: ${SCIPY_SETTINGS}; dims ${r.scipyDims.join(", ")}; Python ${scipy.python}, scipy ${scipy.scipy}, numpy ${scipy.numpy}; run concurrently with Arena on another core.`,
    `${machine.cpu}, ${machine.os}, node ${machine.node}, load average ${machine.loadavg.join(" ")} at the start. Arena runs took ${r.arenaSeconds.toFixed(1)} s; total wall time ${r.seconds.toFixed(1)} s.`,
  ];
  return `${tables.join("\n\n")}\n\n${notes.join("\n\n")}`;
}

/** Writes optimizers.json (everything: plan, every run, summaries, ECDF tables) and optimizers.md. */
function writeSuiteReport(out: string, r: SuiteResult): void {
  const summary = summarizeOptimizers(r.rows);
  const ecdf = ecdfByDim(r.rows);
  const md = suiteMarkdown(r, summary, ecdf);
  console.log(`\n${md}`);
  const { scipy } = r;
  const report = {
    machine: withEnd(r.machine),
    plan: r.plan,
    optimizers: OPTIMIZERS.map((o) => ({ name: o.name, settings: o.settings })),
    scipy:
      typeof scipy === "string"
        ? { skipped: scipy }
        : {
            python: scipy.python,
            scipy: scipy.scipy,
            numpy: scipy.numpy,
            settings: SCIPY_SETTINGS,
            dims: r.scipyDims,
          },
    reference: { provenance: REFERENCE_PROVENANCE, dim: REFERENCE_DIM, rows: REFERENCE },
    arenaSeconds: r.arenaSeconds,
    seconds: r.seconds,
    summary,
    ecdf,
    rows: r.rows,
    ...(r.large ? { large: withoutMarkdown(r.large) } : {}),
  };
  writeReport(out, "optimizers", "bench:optimizers", report, md);
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const values = parseOptimizerCli();
  const machine = machineInfo();
  console.log(`bench:optimizers: ${machine.date}, node ${machine.node}, ${machine.os}, ${machine.cpu}`);
  mkdirSync(values.out, { recursive: true });
  if (values["large-only"]) return runLargeOnly(values, machine);

  const plan = optimizerPlan({
    dims: commaList(values.dim),
    seeds: commaList(values.seeds),
    budgetPerDim: Number(values.budget),
  });
  const scipyDims = values["scipy-dim"] ? commaList(values["scipy-dim"]) : plan.dims;
  console.log(
    `${plan.problems.length} problems (dims ${plan.dims.join(", ")}; seeds ${plan.seeds.join(", ")}), ${plan.budgetPerDim}·dim evaluations (×${RASTRIGIN_BUDGET_FACTOR} on Rastrigin)\n`,
  );
  const scipyPromise = values["no-scipy"]
    ? Promise.resolve("--no-scipy")
    : startScipy(peerRuns(plan, scipyDims), plan.targets, join(values.out, "peers-venv"), values.python);
  const rows = runArena(plan);
  const large = values.large
    ? runLargeSection(Number(values["large-seeds"]), Number(values["large-budget"]))
    : null;
  const arenaSeconds = (performance.now() - t0) / 1000;
  const scipy = await scipyPromise;
  if (typeof scipy === "string") console.log(`scipy peer skipped: ${scipy}`);
  else for (const r of scipy.rows) rows.push({ ...r, optimizer: SCIPY_NAME });
  const order = new Map(plan.problems.map((p, i) => [`${p.dim}/${p.name}`, i]));
  const key = (r: OptimizerRun) => order.get(`${r.dim}/${r.function}`)!;
  rows.sort((a, b) => key(a) - key(b));
  const seconds = (performance.now() - t0) / 1000;
  writeSuiteReport(values.out, { machine, plan, scipyDims, scipy, rows, large, arenaSeconds, seconds });
}

await main();
