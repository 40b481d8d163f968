#!/usr/bin/env node
import { availableParallelism } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { cac } from "cac";
import { actionArgs, integerOption, parseCommandLine, stringOption } from "./cli-args.ts";
import {
  benchSuiteFile,
  checkCommand,
  dashboardCommand,
  dryRunCommand,
  extraHelpSections,
  listCommand,
  selectRuns,
  versionText,
} from "./cli-commands.ts";
import { registerCompareCommand } from "./compare-command.ts";
import { csvSuite, DATA_FLAGS } from "./csv-suite.ts";
import { registerExportCommand } from "./export-command.ts";
import { checkOutputDir, checkPathText, REPORT_FILE, RESULTS_FILE, readInputText } from "./input-files.ts";
import { letYoungGenerationsGrow } from "./main-heap.ts";
import { mergeResults, writeReport } from "./results-files.ts";
import { parseShard } from "./run-selection.ts";
import { runSuite } from "./run-suite.ts";
import { loadSuite, type Suite, UsageError } from "./suite.ts";
import { suiteJsonSchema } from "./suite-json-schema.ts";
import { oneLine, quote } from "./usage-error.ts";

const here = dirname(fileURLToPath(import.meta.url));
const suitesDir = resolve(here, "../suites");
const repoRoot = resolve(here, "../../..");

/** The most worker threads `--workers` accepts. */
const MAX_WORKERS = 256;

function parseWorkers(flags: Record<string, unknown>): number {
  return integerOption(flags, "workers", 1, MAX_WORKERS) ?? Math.max(1, availableParallelism());
}

async function runCommand(suite: Suite, suiteDir: string, flags: Record<string, unknown>): Promise<number> {
  // Every flag is checked before anything is planned, run or written.
  const out = checkOutputDir(stringOption(flags, "out") ?? join("results", suite.name), "--out");
  const workers = parseWorkers(flags);
  if (flags.json === true && flags.dryRun !== true) throw new UsageError("--json goes with --dry-run");
  if (flags.dryRun === true) {
    const { runs, finals } = selectRuns(suite, suiteDir, flags);
    dryRunCommand(runs, flags.json === true, finals);
    return 0;
  }
  let summary: Awaited<ReturnType<typeof runSuite>>;
  try {
    summary = await runSuite(suite, {
      workers,
      out,
      filter: flags.filter === undefined ? undefined : String(flags.filter),
      shard: flags.shard === undefined ? undefined : parseShard(String(flags.shard)),
      suiteDir,
      fresh: flags.fresh === true,
      rerunChanged: flags.rerunChanged === true,
      keepFailed: flags.keepFailed === true,
      keepUnknown: flags.keepUnknown === true,
    });
  } finally {
    letYoungGenerationsGrow(); // for the report (see main-heap.ts)
  }
  const again = summary.retried + summary.rerunChanged;
  console.log(
    `${summary.selected} runs selected, ${summary.skipped} already done` +
      (again
        ? `, ${again} run again (${summary.retried} failed before, ${summary.rerunChanged} changed)`
        : "") +
      "; " +
      `${summary.ok} ok, ${summary.diverged} diverged, ${summary.failed} failed` +
      (summary.interrupted ? `, ${summary.interrupted} interrupted` : ""),
  );
  console.log(`results: ${summary.resultsPath}`);
  // 128 + the signal's number, as a shell reports a process killed by it.
  if (summary.signal) return summary.signal === "SIGINT" ? 130 : 143;
  return summary.failed > 0 || summary.interrupted > 0 ? 1 : 0;
}

/** Exit codes that mean the invocation was interrupted: no report is written after them. */
const INTERRUPTED = new Set([130, 143]);

async function reportCommand(dir: string, html: boolean): Promise<void> {
  const abs = checkOutputDir(dir, "report DIR", { mustExist: true });
  if (html) checkOutputDir(join(abs, "dashboard"), "report --html: DIR/dashboard");
  const r = writeReport(abs);
  for (const w of r.warnings) console.error(`warning: ${w}`);
  console.log(r.summary);
  console.log(`report: ${r.markdownPath}\n        ${r.jsonPath}`);
  if (html) {
    const { writeDashboard } = await import("@arena/dashboard/node");
    const { indexHtml } = await writeDashboard(join(abs, "dashboard"), {
      results: readInputText(join(abs, "results.jsonl"), RESULTS_FILE),
      report: readInputText(r.jsonPath, REPORT_FILE),
    });
    console.log(`dashboard: ${indexHtml} (opens from disk, offline)`);
  }
}

const cli = cac("arena");

cli
  .command("run [suite]", "Run a suite (or a quick suite over your CSV with --data)")
  .option("--workers <n>", "Worker threads (default: the machine's cores)")
  .option("--out <dir>", "Folder for results.jsonl (default: results/<suite name>)")
  .option(
    "--filter <pattern>",
    "Only runs whose id contains the pattern: * matches any characters, ? one (at most 1000 characters)",
  )
  .option("--shard <i/n>", "Run shard i of n (merge the shards' files with `arena merge`)")
  .option("--data <csv>", "Your CSV file: a quick suite over all learners")
  .option("--label <column>", "With --data: the label column, or 'last' (the default)")
  .option("--task <task>", "With --data: classification (the default), regression or forecast")
  .option("--column <name>", "With --task forecast: the value column, or 'last' (the default)")
  .option(
    "--window <n>",
    "With --task forecast: past values per window (default 12 or a quarter of the series)",
  )
  .option(
    "--period <n>",
    "With --task forecast: season length in rows (12 for monthly data), for seasonal naive",
  )
  .option("--fresh", "Discard the output folder's earlier results instead of resuming")
  .option("--rerun-changed", "Run again the runs recorded with other settings (old records kept aside)")
  .option("--keep-failed", "Count runs recorded as failed as done instead of retrying them")
  .option("--keep-unknown", "Count records without a config hash (older Arena) as done")
  .option("--dry-run", "Print the run ids selected (after --filter and --shard); run and write nothing")
  .option("--json", "With --dry-run: a JSON array of {runId, problem, model, learner, repetition, seedPath}")
  .example("  $ arena run apps/harness/suites/quick.json --out /tmp/q --workers 2")
  .example("  $ arena run apps/harness/suites/quick.json --filter '*/adam/*' --dry-run")
  .example(
    "  $ arena run suite.json --shard 1/2 --out a   # then: arena merge a/results.jsonl b/results.jsonl --out m",
  )
  .example("  $ arena run --data my.csv --label species --task classification")
  .example("  $ arena run --data sales.csv --task forecast --column units --window 12 --period 12")
  .action(async (suitePath: string | undefined, flags: Record<string, unknown>) => {
    let suite: Suite;
    let suiteDir = process.cwd();
    if (flags.data !== undefined) {
      if (suitePath) throw new UsageError("give either a suite file or --data, not both");
      suite = csvSuite(String(flags.data), flags, join(suitesDir, "quick.json"));
      const out = checkOutputDir(stringOption(flags, "out") ?? join("results", suite.name), "--out");
      let code: number;
      try {
        code = await runCommand(suite, process.cwd(), { ...flags, out });
      } catch (e) {
        // The generated suite's one problem is the file: name the flag, not "problems[0] (name)".
        if (e instanceof UsageError)
          throw new UsageError(e.message.replace(/^problems\[0\] \([^)]*\): /, "--data: "));
        throw e;
      }
      if (flags.dryRun !== true && !INTERRUPTED.has(code)) await reportCommand(out, true);
      process.exitCode = code;
      return;
    } else {
      if (!suitePath)
        throw new UsageError("run: give a suite file (see apps/harness/suites/) or --data my.csv");
      const misplaced = DATA_FLAGS.filter((f) => flags[f] !== undefined);
      if (misplaced.length > 0) {
        throw new UsageError(
          `${misplaced.map((f) => `--${f}`).join(", ")} ${misplaced.length > 1 ? "apply" : "applies"} only with --data; a suite file sets ${misplaced.length > 1 ? "them" : "it"} per problem ("csv": {...})`,
        );
      }
      suite = loadSuite(suitePath);
      suiteDir = dirname(resolve(suitePath));
    }
    process.exitCode = await runCommand(suite, suiteDir, flags);
  });

cli
  .command("report <dir>", "Write DIR/report.md and DIR/report.json from DIR/results.jsonl")
  .option("--html", "Also write the static dashboard to DIR/dashboard/")
  .example("  $ arena report results/quick --html")
  .action((dir: string, flags: Record<string, unknown>) => reportCommand(dir, flags.html === true));

cli
  .command("merge <...files>", "Merge results files (e.g. shards) by run id")
  .option("--out <dir>", "Folder for the merged results.jsonl")
  .action((files: string[], flags: Record<string, unknown>) => {
    if (flags.out === undefined) throw new UsageError("merge: --out DIR is required");
    const out = checkOutputDir(stringOption(flags, "out"), "--out");
    const r = mergeResults(
      files.map((f) => checkPathText(f, "merge: results file")),
      out,
    );
    for (const w of r.warnings) console.error(`warning: ${w}`);
    console.log(`${r.records} runs (${r.duplicates} duplicates dropped) -> ${r.path}`);
  });

registerCompareCommand(cli);
registerExportCommand(cli);

cli
  .command("list", "List problems, learner kinds and optimizers")
  .option("--json", "As JSON, with each problem's options (type, default, range, description)")
  .action((flags: Record<string, unknown>) => listCommand(flags.json === true));

cli
  .command("check <...suites>", "Read, validate and plan suite files without running anything")
  .example("  $ arena check apps/harness/suites/*.json")
  .action((files: string[]) => {
    process.exitCode = checkCommand(files);
  });

cli
  .command(
    "dashboard [dir]",
    "Build the dashboard of DIR's results and serve it on 127.0.0.1 (default reports/latest)",
  )
  .option("--port <n>", "Port (default 5180; 0 picks a free one)")
  .example("  $ arena dashboard results/quick --port 0")
  .action((dir: string | undefined, flags: Record<string, unknown>) =>
    dashboardCommand(
      dir,
      join(repoRoot, "reports", "latest"),
      integerOption(flags, "port", 0, 65535) ?? 5180,
    ),
  );

cli
  .command(
    "queue <action> [suite]",
    "Run a suite through a BullMQ queue on Redis: submit, work, collect, status",
  )
  .option(
    "--redis <url>",
    "redis://[user:password@]host:port[/db], or rediss:// for TLS (never printed with its password)",
  )
  .option("--name <campaign>", "The campaign (default: the suite's name)")
  .option("--out <dir>", "collect, submit --wait: the folder of results.jsonl, the report and the dashboard")
  .option("--wait", "submit: then collect, as `queue collect` does")
  .option("--concurrency <n>", "work: runs at a time in this process (default 1)")
  .option("--lock-ms <ms>", "work: a run's lock, renewed at half of it (default 60000)")
  .option("--stalled-ms <ms>", "work: how often to look for runs whose worker died or froze (default 30000)")
  .option("--poll-ms <ms>", "collect: how often to look for finished runs (default 1000)")
  .example("  $ arena queue submit apps/harness/suites/default.json --redis redis://127.0.0.1:6379")
  .example("  $ arena queue work --redis redis://:PASSWORD@queue-host:6379 --concurrency 2")
  .example("  $ arena queue collect --redis redis://127.0.0.1:6379 --name default --out results/default")
  .action(async (action: string, suite: string | undefined, flags: Record<string, unknown>) => {
    // Loaded when used: BullMQ and ioredis are some 30 MB that no other command needs.
    const { queueCommand } = await import("./queue/queue-command.ts");
    process.exitCode = await queueCommand(action, suite, flags, (dir) => reportCommand(dir, true));
  });

cli.command("schema", "Print the JSON Schema of suite files (apps/harness/suite.schema.json)").action(() => {
  console.log(JSON.stringify(suiteJsonSchema(), null, 2));
});

cli
  .command("bench", "Run the default suite into reports/latest and write the report")
  .option("--quick", "The quick suite (about ten seconds)")
  .option(
    "--suite <name>",
    "A shipped suite (default, quick, tuned) or a suite file; not default: into reports/NAME",
  )
  .option("--workers <n>", "Worker threads (default: the machine's cores)")
  .option("--out <dir>", "Output folder (default reports/latest)")
  .option("--fresh", "Discard earlier results in the output folder instead of resuming")
  .option("--rerun-changed", "Run again the runs recorded with other settings (old records kept aside)")
  .option("--keep-failed", "Count runs recorded as failed as done instead of retrying them")
  .option("--keep-unknown", "Count records without a config hash (older Arena) as done")
  .action(async (flags: Record<string, unknown>) => {
    const { file, name } = benchSuiteFile(suitesDir, flags.quick === true, stringOption(flags, "suite"));
    const suite = loadSuite(file);
    // --fresh is handled by runSuite, after the suite has been checked and planned.
    const defaultOut = join(repoRoot, "reports", name === "default" || name === "quick" ? "latest" : name);
    const out = checkOutputDir(stringOption(flags, "out") ?? defaultOut, "--out");
    const t0 = performance.now();
    const code = await runCommand(suite, dirname(file), { ...flags, out });
    console.log(`suite ${suite.name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (!INTERRUPTED.has(code)) await reportCommand(out, true);
    process.exitCode = code;
  });

cli.option("-v, --version", "Print Arena's version and git commit");
cli.example("  $ arena run apps/harness/suites/quick.json --out /tmp/q --workers 2");
cli.example("  $ arena report /tmp/q --html && arena dashboard /tmp/q");
cli.example("  $ arena run --data my.csv --label last --task classification");
cli.example("  $ arena list --json");
cli.help((sections) => [...sections, ...extraHelpSections(cli.matchedCommand === undefined)]);

/** A Node system error (errno) as one line: `cannot open "x": EACCES`, for exit code 1 without a stack. */
function systemErrorText(e: unknown): string | undefined {
  const err = e as NodeJS.ErrnoException;
  if (!(err instanceof Error) || typeof err.code !== "string" || typeof err.syscall !== "string")
    return undefined;
  return `cannot ${err.syscall}${err.path ? ` ${quote(err.path)}` : ""}: ${err.code}`;
}

async function main(): Promise<void> {
  // A closed pipe (`arena list | head -1`) ends the command quietly instead of crashing it.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
  });
  try {
    const { command, args, flags } = parseCommandLine(cli, process.argv.slice(2));
    if (flags.version) {
      console.log(versionText());
      return;
    }
    if (flags.help || !command) {
      if (command) cli.matchedCommand = command;
      cli.outputHelp();
      return;
    }
    cli.matchedCommand = command;
    // Only the runs' wait keeps the young generation small that bin/arena.mjs kept so (main-heap.ts).
    if (command.name !== "run" && command.name !== "bench") letYoungGenerationsGrow();
    await command.commandAction?.apply(cli, [...actionArgs(command, args), flags]);
  } catch (e) {
    if (e instanceof UsageError || (e as Error)?.name === "CACError") {
      console.error(`arena: ${oneLine((e as Error).message)}`);
      process.exitCode = 2;
      return;
    }
    const system = systemErrorText(e);
    if (system) {
      console.error(`arena: ${oneLine(system)}`);
      process.exitCode = 1;
      return;
    }
    throw e;
  }
}

await main();
