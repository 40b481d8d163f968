#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { problems } from "@arena/datasets";
import { cac } from "cac";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { problemEntryFor } from "./problem-loader.ts";
import { mergeResults, writeReport } from "./results-files.ts";
import { parseShard } from "./run-plan.ts";
import { runSuite } from "./run-suite.ts";
import { type CsvSource, loadSuite, parseSuite, type Suite, UsageError } from "./suite.ts";

const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = resolve(here, "../suites");
const repoRoot = resolve(here, "../../..");

function parseWorkers(v: unknown): number {
  if (v === undefined) return Math.max(1, availableParallelism());
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new UsageError(`--workers must be an integer >= 1, got "${String(v)}"`);
  return n;
}

/** Parses a decimal integer flag; undefined when the flag is absent. */
function integerFlag(name: string, v: unknown, min: number): number | undefined {
  if (v === undefined) return undefined;
  const s = String(v).trim();
  if (!/^\d+$/.test(s) || Number(s) < min)
    throw new UsageError(`--${name} must be an integer >= ${min}, got "${String(v)}"`);
  return Number(s);
}

/** The models a user's series is forecast with: an MLP on the window and the three recurrent nets. */
const FORECAST_MODELS = ["rnn", "lstm", "gru"].map((kind) => ({
  kind,
  input: 1,
  hidden: 16,
  output: 1,
  readout: "last",
}));

/**
 * A suite over every learner of the quick suite for a user's CSV file: a table with a label column, or
 * (`--task forecast`) one column as a series, forecast one step ahead by an MLP on windows and by the
 * recurrent nets. Ten repetitions, so that a consistent difference between learners is detectable.
 */
function csvSuite(path: string, flags: Record<string, unknown>): Suite {
  const task = String(flags.task);
  if (task !== "classification" && task !== "regression" && task !== "forecast") {
    throw new UsageError(`--task must be "classification", "regression" or "forecast", got "${task}"`);
  }
  const forecast = task === "forecast";
  const misplaced = forecast ? ["label"] : ["column", "window", "period"];
  for (const f of misplaced) {
    if (flags[f] !== undefined) throw new UsageError(`--${f} does not apply to --task ${task}`);
  }
  const quick = loadSuite(join(suitesDir, "quick.json"));
  const name =
    basename(path)
      .replace(/\.csv$/i, "")
      .replace(/[^A-Za-z0-9._-]/g, "-") || "data";
  const window = integerFlag("window", flags.window, 1);
  const period = integerFlag("period", flags.period, 2);
  const csv = forecast
    ? {
        path: resolve(path),
        task,
        column: String(flags.column ?? "last"),
        ...(window !== undefined ? { window } : {}),
        ...(period !== undefined ? { period } : {}),
      }
    : { path: resolve(path), task, label: String(flags.label ?? "last") };
  const problem = { name: name.toLowerCase(), csv };
  const models = forecast
    ? [{ ...fromSeriesCsvModel(csv as never) }, ...FORECAST_MODELS.map((m) => ({ ...m }))]
    : undefined;
  return parseSuite(
    {
      name: `csv-${name}`,
      seed: quick.seed,
      repetitions: 10,
      budget: { flops: 1e8 },
      checkpoints: quick.checkpoints,
      learners: quick.learners,
      problems: [{ ...problem, ...(models ? { models } : {}) }],
    },
    `--data ${path}`,
  );
}

/** The window MLP the series entry suggests (its input size follows the window). */
function fromSeriesCsvModel(csv: CsvSource): Record<string, unknown> {
  try {
    return { ...problemEntryFor({ id: "csv", name: "csv", options: {}, csv }).model };
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

async function runCommand(suite: Suite, suiteDir: string, flags: Record<string, unknown>): Promise<number> {
  const out = resolve(String(flags.out ?? join("results", suite.name)));
  const summary = await runSuite(suite, {
    workers: parseWorkers(flags.workers),
    out,
    filter: flags.filter === undefined ? undefined : String(flags.filter),
    shard: flags.shard === undefined ? undefined : parseShard(String(flags.shard)),
    suiteDir,
  });
  console.log(
    `${summary.selected} runs selected, ${summary.skipped} already done; ` +
      `${summary.ok} ok, ${summary.diverged} diverged, ${summary.failed} failed` +
      (summary.interrupted ? `, ${summary.interrupted} interrupted` : ""),
  );
  console.log(`results: ${summary.resultsPath}`);
  return summary.failed > 0 || summary.interrupted > 0 ? 1 : 0;
}

async function reportCommand(dir: string, html: boolean): Promise<void> {
  const r = writeReport(resolve(dir));
  for (const w of r.warnings) console.error(`warning: ${w}`);
  console.log(r.summary);
  console.log(`report: ${r.markdownPath}\n        ${r.jsonPath}`);
  if (html) {
    const { writeDashboard } = await import("@arena/dashboard/node");
    const { indexHtml } = await writeDashboard(join(resolve(dir), "dashboard"), {
      results: readFileSync(join(resolve(dir), "results.jsonl"), "utf8"),
      report: readFileSync(r.jsonPath, "utf8"),
    });
    console.log(`dashboard: ${indexHtml} (opens from disk, offline)`);
  }
}

const cli = cac("arena");

cli
  .command("run [suite]", "Run a suite (or a quick suite over your CSV with --data)")
  .option("--workers <n>", "Worker threads (default: the machine's cores)")
  .option("--out <dir>", "Folder for results.jsonl (default: results/<suite name>)")
  .option("--filter <pattern>", "Only runs whose id contains the pattern (* matches anything)")
  .option("--shard <i/n>", "Run shard i of n (merge the shards' files with `arena merge`)")
  .option("--data <csv>", "Your CSV file: a quick suite over all learners")
  .option("--label <column>", "With --data: the label column, or 'last' (the default)")
  .option("--task <task>", "With --data: classification, regression or forecast", {
    default: "classification",
  })
  .option("--column <name>", "With --task forecast: the value column, or 'last' (the default)")
  .option(
    "--window <n>",
    "With --task forecast: past values per window (default 12 or a quarter of the series)",
  )
  .option(
    "--period <n>",
    "With --task forecast: season length in rows (12 for monthly data), for seasonal naive",
  )
  .action(async (suitePath: string | undefined, flags: Record<string, unknown>) => {
    let suite: Suite;
    let suiteDir = process.cwd();
    if (flags.data !== undefined) {
      if (suitePath) throw new UsageError("give either a suite file or --data, not both");
      suite = csvSuite(String(flags.data), flags);
      const out = resolve(String(flags.out ?? join("results", suite.name)));
      const code = await runCommand(suite, process.cwd(), { ...flags, out });
      await reportCommand(out, true);
      process.exitCode = code;
      return;
    } else {
      if (!suitePath)
        throw new UsageError("run: give a suite file (see apps/harness/suites/) or --data my.csv");
      suite = loadSuite(suitePath);
      suiteDir = dirname(resolve(suitePath));
    }
    process.exitCode = await runCommand(suite, suiteDir, flags);
  });

cli
  .command("report <dir>", "Write DIR/report.md and DIR/report.json from DIR/results.jsonl")
  .option("--html", "Also write the static dashboard to DIR/dashboard/")
  .action((dir: string, flags: Record<string, unknown>) => reportCommand(dir, flags.html === true));

cli
  .command("merge <...files>", "Merge results files (e.g. shards) by run id")
  .option("--out <dir>", "Folder for the merged results.jsonl")
  .action((files: string[], flags: Record<string, unknown>) => {
    if (flags.out === undefined) throw new UsageError("merge: --out DIR is required");
    const r = mergeResults(
      files.map((f) => resolve(f)),
      resolve(String(flags.out)),
    );
    for (const w of r.warnings) console.error(`warning: ${w}`);
    console.log(`${r.records} runs (${r.duplicates} duplicates dropped) -> ${r.path}`);
  });

cli.command("list", "List problems and learner kinds").action(() => {
  console.log("Problems (registry names):");
  for (const p of problems()) console.log(`  ${p.name.padEnd(18)} ${p.task.padEnd(15)} ${p.description}`);
  console.log("\nLearner kinds (a suite's learners[].kind):");
  for (const k of LEARNER_KINDS.values()) console.log(`  ${k.kind.padEnd(18)} ${k.description}`);
  console.log(
    "\nOptimizers for backprop (config.optimizer.kind): sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw",
  );
});

cli
  .command("bench", "Run the default suite into reports/latest and write the report")
  .option("--quick", "The quick suite (about ten seconds)")
  .option("--workers <n>", "Worker threads (default: the machine's cores)")
  .option("--out <dir>", "Output folder", { default: join(repoRoot, "reports", "latest") })
  .option("--fresh", "Discard earlier results in the output folder instead of resuming")
  .action(async (flags: Record<string, unknown>) => {
    const file = join(suitesDir, flags.quick ? "quick.json" : "default.json");
    const suite = loadSuite(file);
    const out = resolve(String(flags.out));
    if (flags.fresh) {
      const { rmSync } = await import("node:fs");
      rmSync(join(out, "results.jsonl"), { force: true });
    }
    const t0 = performance.now();
    const code = await runCommand(suite, suitesDir, { ...flags, out });
    console.log(`suite ${suite.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    await reportCommand(out, true);
    process.exitCode = code;
  });

cli.help();

async function main(): Promise<void> {
  try {
    cli.parse(process.argv, { run: false });
    if (!cli.matchedCommand) {
      if (cli.args.length > 0) throw new UsageError(`unknown command "${cli.args[0]}"; see arena --help`);
      if (!cli.options.help) cli.outputHelp();
      return;
    }
    await cli.runMatchedCommand();
  } catch (e) {
    if (e instanceof UsageError || (e as Error)?.name === "CACError") {
      console.error(`arena: ${(e as Error).message}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

await main();
