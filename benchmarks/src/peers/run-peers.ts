/**
 * `pnpm bench:peers`: Arena's ParticleSwarm and GeneticAlgorithm against scipy's differential evolution
 * on the 10-D sphere, Rosenbrock and Rastrigin, 10 seeds, the same evaluation budget for all. Prints a
 * Markdown table and writes `reports/bench/peers.json` and `peers.md`. scipy runs in a virtual
 * environment this script creates under `reports/bench/` (skipped with a message when scipy is missing).
 *
 *   cd benchmarks && npx -y pnpm@10.34.9 bench:peers   # or from the root: pnpm --filter @arena/benchmarks bench:peers
 *   cd benchmarks && npx tsx src/peers/run-peers.ts --budget 5000 --seeds 3 --python python3.11
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg, platform, release } from "node:os";
import { join } from "node:path";
import { parseCli, UsageError } from "../runner/parse-cli.ts";
import { benchReportDir } from "../runner/repo-root.ts";
import { ARENA_OPTIMIZERS, type RunRow, runArena } from "./arena-optimizers.ts";
import { defaultPlan, type PeerPlan, testFunction } from "./peer-problems.ts";
import { summarize, summaryMarkdown } from "./peer-summary.ts";
import { runScipy, type ScipyOutcome } from "./scipy-peer.ts";

const SCIPY_NAME = "scipy differential_evolution";
const SCIPY_SETTINGS =
  'strategy="rand1bin", mutation=0.5, recombination=0.9, popsize=15 (150 individuals), ' +
  'polish=False, updating="deferred", tol=0, maxiter=budget // 150 - 1, seed=s';

function machine() {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    os: `${platform()} ${release()}`,
    cpu: `${cpu[0]?.model ?? "unknown"} × ${cpu.length}`,
    loadavg: loadavg().map((x) => Number(x.toFixed(2))),
  };
}

/** The largest |f_scipy − f_arena(x_scipy)| / max(1, |f|): both sides compute the same functions. */
function crossCheck(plan: PeerPlan, scipy: ScipyOutcome): number | undefined {
  if (!scipy.ok) return undefined;
  let worst = 0;
  for (const r of scipy.result.rows) {
    const p = plan.problems.find((q) => q.name === r.function)!;
    const f = testFunction(p).evaluate(Float64Array.from(r.x));
    worst = Math.max(worst, Math.abs(f - r.f) / Math.max(1, Math.abs(f)));
  }
  return worst;
}

function main(): void {
  const { plan, values } = parseCli(
    {
      budget: { type: "string" },
      seeds: { type: "string" },
      python: { type: "string", default: "python3" },
      out: { type: "string", default: benchReportDir() },
    },
    "options: --budget <evaluations per run>  --seeds <count>  --python <interpreter>  --out <dir>",
    (values) => {
      const base = defaultPlan();
      const budget = values.budget === undefined ? base.budget : Number(values.budget);
      if (!(Number.isInteger(budget) && budget >= 1))
        throw new UsageError(`--budget must be an integer >= 1, got "${values.budget}"`);
      const seeds = values.seeds === undefined ? base.seeds.length : Number(values.seeds);
      if (!(Number.isInteger(seeds) && seeds >= 1))
        throw new UsageError(`--seeds must be an integer >= 1, got "${values.seeds}"`);
      const plan: PeerPlan = {
        ...base,
        budget,
        seeds: values.seeds === undefined ? base.seeds : Array.from({ length: seeds }, (_, i) => i),
      };
      return { plan, values };
    },
  );
  const before = machine();
  console.log(`bench:peers: ${before.date}, node ${before.node}, ${before.os}, ${before.cpu}`);
  console.log(`load average at start (1, 5, 15 min): ${before.loadavg.join(", ")}`);
  console.log(
    `${plan.problems.length} functions × ${plan.seeds.length} seeds, ${plan.budget} evaluations per run\n`,
  );

  // One short untimed run of each optimizer first, so the timed runs do not pay for the JIT's warm-up.
  for (const opt of ARENA_OPTIMIZERS) runArena(opt, plan.problems[0], 12345, 2000);

  const rows: RunRow[] = [];
  for (const p of plan.problems) {
    for (const opt of ARENA_OPTIMIZERS) {
      for (const seed of plan.seeds) rows.push(runArena(opt, p, seed, plan.budget));
    }
  }

  mkdirSync(values.out, { recursive: true });
  const scipy = runScipy(plan, join(values.out, "peers-venv"), values.python);
  if (scipy.ok) {
    for (const r of scipy.result.rows) {
      rows.push({
        optimizer: SCIPY_NAME,
        function: r.function,
        seed: r.seed,
        f: r.f,
        evaluations: r.evaluations,
        ms: r.ms,
      });
    }
  } else {
    console.log(`scipy peer skipped: ${scipy.reason}\n`);
  }
  const order = new Map(plan.problems.map((p, i) => [p.name as string, i]));
  rows.sort((a, b) => order.get(a.function)! - order.get(b.function)!);

  const summary = summarize(rows);
  const table = summaryMarkdown(summary);
  const after = machine();
  const versions = scipy.ok
    ? `node ${before.node}; Python ${scipy.result.python}, scipy ${scipy.result.scipy}, numpy ${scipy.result.numpy}`
    : `node ${before.node}; scipy not run`;
  const check = crossCheck(plan, scipy);
  const notes = [
    `10-D, bounds [-5, 5]^10 (Rastrigin [-5.12, 5.12]^10), seeds ${plan.seeds[0]}..${plan.seeds.at(-1)}, ` +
      `budget ${plan.budget} evaluations per run. ${versions}. ${before.cpu}, ${before.os}.`,
    `Load average (1, 5, 15 min): ${before.loadavg.join(", ")} at start, ${after.loadavg.join(", ")} at the end.`,
    ...ARENA_OPTIMIZERS.map(
      (o) => `${o.name}: ${o.settings}; minimize(…, { maxEvaluations: ${plan.budget} }).`,
    ),
    `${SCIPY_NAME}: ${SCIPY_SETTINGS}; evaluations are scipy's nfev.`,
    check === undefined
      ? ""
      : `scipy's best points re-evaluated with @arena/objectives: largest relative difference ${check.toExponential(1)}.`,
    "Wall time: Arena in-process, JavaScript objective; scipy one Python call per evaluation (not vectorized).",
  ].filter((s) => s !== "");
  console.log(`${table}\n\n${notes.join("\n")}`);

  const report = {
    machine: { ...before, loadavgEnd: after.loadavg },
    scipy: scipy.ok
      ? {
          python: scipy.result.python,
          scipy: scipy.result.scipy,
          numpy: scipy.result.numpy,
          settings: SCIPY_SETTINGS,
        }
      : { skipped: scipy.reason },
    arena: ARENA_OPTIMIZERS.map((o) => ({ name: o.name, settings: o.settings })),
    plan,
    crossCheckMaxRelDiff: check ?? null,
    summary,
    rows,
  };
  writeFileSync(join(values.out, "peers.json"), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(values.out, "peers.md"), `# bench:peers\n\n${table}\n\n${notes.join("\n\n")}\n`);
  console.log(`\nwrote ${join(values.out, "peers.json")} and peers.md`);
}

main();
