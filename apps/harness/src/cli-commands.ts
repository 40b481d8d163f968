import { basename, dirname, join, resolve } from "node:path";
import { OPTIMIZER_KINDS, optimizerConfig } from "@arena/backprop";
import { problems } from "@arena/datasets";
import { describeOptions, type SearchRange, type SearchSpace, searchSpaceOf } from "@arena/options";
import type * as z from "zod";
import { planCheckedSuite, planCheckedSuiteWithTuning } from "./check-suite.ts";
import { checkOutputDir, REPORT_FILE, RESULTS_FILE, readInputText } from "./input-files.ts";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { POPULATION_OPTIMIZERS } from "./population-optimizers.ts";
import { arenaVersion, gitCommit } from "./provenance.ts";
import type { LearnerKind } from "./run-context.ts";
import { filterRuns, parseShard, shardRuns } from "./run-selection.ts";
import type { RunSpec } from "./run-spec.ts";
import { loadSuite, type Suite } from "./suite.ts";
import { oneLine, quote, UsageError } from "./usage-error.ts";

/**
 * The commands and pieces of the `arena` command line that are more than a call into the library:
 * `--version`, `list --json`, `run --dry-run`, `check`, `dashboard`, and the help text's extra sections.
 */

/** `arena --version`: Arena's version (root package.json) and the git commit when in a git checkout. */
export function versionText(): string {
  const commit = gitCommit();
  return `arena ${arenaVersion()}${commit ? ` (commit ${commit})` : ""} node ${process.version}`;
}

/** Environment variables the command and the tests read: the help's last section and the README's table. */
export const ENVIRONMENT = [
  ["ARENA_KERNELS=ts|wasm", "Kernel backend (default: wasm where the engine has SIMD, else ts)"],
  ["CI", "When set, progress is plain lines instead of a bar (also when stderr is not a terminal)"],
  ["ARENA_CHROMIUM=PATH", "Tests: the Chromium to drive for the dashboard's browser tests"],
  ["ARENA_REQUIRE_BROWSER=1", "Tests: fail instead of skipping when no browser is found"],
] as const;

/** Exit codes, for the help text. */
export const EXIT_CODES = [
  ["0", "every run finished (ok or diverged); other commands: done"],
  ["1", "some run failed, compare flagged a regression, or a system error (disk full, port in use)"],
  ["2", "usage error: bad suite, flag, name or file; nothing was written"],
  ["130", "interrupted by Ctrl-C (SIGINT; 143 for SIGTERM): finished runs are kept"],
] as const;

function table(rows: readonly (readonly [string, string])[]): string {
  const w = Math.max(...rows.map((r) => r[0].length));
  return rows.map(([a, b]) => `  ${a.padEnd(w)}  ${b}`).join("\n");
}

/** Help sections added after cac's own: exit codes and environment (root help only). */
export function extraHelpSections(root: boolean): { title: string; body: string }[] {
  if (!root) return [{ title: "Environment", body: table(ENVIRONMENT) }];
  return [
    { title: "Exit codes", body: table(EXIT_CODES) },
    { title: "Environment", body: table(ENVIRONMENT) },
  ];
}

/** A config schema's top-level keys, each with its default when it has a plain one: `population = 50, fitness = "full", init`. */
function optionSummary(schema: z.ZodType): string {
  return describeOptions(schema)
    .map((o) => {
      const d = o.default;
      const plain = d !== undefined && (typeof d !== "object" || d === null);
      return plain ? `${o.key} = ${JSON.stringify(d)}` : o.key;
    })
    .join(", ");
}

/**
 * A learner kind's default search space for its default config (the space follows the config: a suite's
 * own config may search other options, e.g. another optimizer's). Empty when the kind needs options.
 */
function defaultSearchSpace(k: LearnerKind): SearchSpace {
  // backprop needs an optimizer: its own options are listed per optimizer kind.
  const parsed = k.config.safeParse(k.kind === "backprop" ? { optimizer: { kind: "sgd" } } : {});
  if (!parsed.success) return {};
  const space = searchSpaceOf(k.config, parsed.data);
  return Object.fromEntries(Object.entries(space).filter(([p]) => !p.startsWith("optimizer.")));
}

/** A range as `[1e-4, 10] log`, `{16, 32, 64}`, `[10, 200] integer`. */
function rangeText(r: SearchRange): string {
  if ("values" in r) return `{${r.values.join(", ")}}`;
  return `[${r.low}, ${r.high}]${r.scale === "log" ? " log" : ""}${r.integer ? " integer" : ""}`;
}

/** `arena list [--json]`. */
export function listCommand(json: boolean): void {
  if (json) {
    const out = {
      problems: problems().map((p) => ({
        name: p.name,
        task: p.task,
        metric: p.metric,
        description: p.description,
        source: p.source,
        inputShape: p.inputShape,
        outputShape: p.outputShape,
        testIsTrain: p.testIsTrain,
        model: p.model,
        options: describeOptions(p.options),
      })),
      learners: [...LEARNER_KINDS.values()].map((k) => ({
        kind: k.kind,
        description: k.description,
        options: describeOptions(k.config),
        search: defaultSearchSpace(k),
      })),
      optimizers: [...OPTIMIZER_KINDS],
      populationOptimizers: POPULATION_OPTIMIZERS,
    };
    console.log(JSON.stringify(out, null, 2));
    return;
  }
  console.log("Problems (registry names):");
  for (const p of problems()) console.log(`  ${p.name.padEnd(18)} ${p.task.padEnd(15)} ${p.description}`);
  console.log("\nLearner kinds (a suite's learners[].kind):");
  for (const k of LEARNER_KINDS.values()) {
    console.log(`  ${k.kind.padEnd(18)} ${k.description}`);
    console.log(`  ${"".padEnd(18)} config: ${optionSummary(k.config)}`);
    const space = Object.entries(defaultSearchSpace(k));
    const optimizer = k.kind === "backprop" ? ", and its optimizer's (below)" : "";
    if (space.length > 0)
      console.log(
        `  ${"".padEnd(18)} tuned over: ${space.map(([p, r]) => `${p} ${rangeText(r)}`).join(", ")}${optimizer}`,
      );
  }
  console.log(`\nOptimizers for backprop (config.optimizer.kind): ${OPTIMIZER_KINDS.join(", ")}`);
  for (const kind of OPTIMIZER_KINDS) {
    const space = Object.entries(searchSpaceOf(optimizerConfig, optimizerConfig.parse({ kind })));
    console.log(
      `  ${kind.padEnd(18)} tuned over: ${space.map(([p, r]) => `optimizer.${p} ${rangeText(r)}`).join(", ")}`,
    );
  }
  console.log("\nPopulation optimizers (packages usable on any function of a vector; ask/tell or minimize):");
  for (const o of POPULATION_OPTIMIZERS)
    console.log(`  ${o.name.padEnd(22)} ${o.package.padEnd(30)} ${o.description}`);
  console.log("\nEach problem's and learner's options, with defaults, ranges and docs: arena list --json");
}

/** The runs a `run` invocation selects: the plan, filtered (`--filter`), then sharded (`--shard`). */
export function selectRuns(
  suite: Suite,
  suiteDir: string,
  flags: Record<string, unknown>,
): { runs: RunSpec[]; finals: number } {
  const filter = flags.filter === undefined ? undefined : String(flags.filter);
  const shard = flags.shard === undefined ? undefined : parseShard(String(flags.shard));
  const plan = planCheckedSuiteWithTuning(suite, suiteDir);
  return {
    runs: shardRuns(filterRuns(plan.runs, filter), shard),
    finals: plan.tuned.length * suite.repetitions,
  };
}

/** `arena run … --dry-run [--json]`: the selected run ids (or JSON), nothing run or written. */
export function dryRunCommand(runs: RunSpec[], json: boolean, finals = 0): void {
  if (json) {
    const rows = runs.map((r) => ({
      runId: r.runId,
      problem: r.problem.id,
      model: r.model.name,
      learner: r.learner.id,
      repetition: r.repetition,
      seedPath: r.seedPath,
    }));
    console.log(JSON.stringify(rows, null, 2));
    return;
  }
  for (const r of runs) console.log(r.runId);
  console.error(`${runs.length} runs planned (dry run: nothing run or written)`);
  if (finals > 0)
    console.error(`and ${finals} final runs of tuned learners, planned once their trials have records`);
}

/**
 * `arena check SUITE...`: reads, validates and plans each suite file without running anything: registry
 * names, problem options, CSV files, model specs against the data's shapes, learner kinds and configs. One line per file: `ok FILE: N runs` on stdout, or `arena: …` on stderr
 * naming the file. Exit code 2 when any file is bad.
 */
export function checkCommand(files: string[]): number {
  let bad = 0;
  for (const file of files) {
    try {
      const suite = loadSuite(file);
      const runs = planCheckedSuite(suite, dirname(resolve(file)));
      console.log(`ok ${quote(file)}: ${runs.length} runs`);
    } catch (e) {
      if (!(e instanceof UsageError)) throw e;
      bad++;
      const shown = quote(file);
      const message = e.message.includes(shown) ? e.message : `${shown}: ${e.message}`;
      console.error(`arena: ${oneLine(message)}`);
    }
  }
  return bad > 0 ? 2 : 0;
}

/**
 * `arena dashboard [DIR] [--port N]`: writes DIR/dashboard with DIR's results.jsonl (and report.json)
 * embedded and serves it on 127.0.0.1, printing the URL; without results in DIR, serves the bare app
 * (open or drop files there). Runs until SIGINT or SIGTERM, then closes the server and exits 0.
 */
export async function dashboardCommand(
  dir: string | undefined,
  defaultDir: string,
  port: number,
): Promise<void> {
  const { existsSync } = await import("node:fs");
  const given = dir !== undefined;
  const folder =
    given || existsSync(defaultDir)
      ? checkOutputDir(dir ?? defaultDir, "dashboard DIR", { mustExist: true })
      : undefined;
  const resultsPath = folder ? join(folder, "results.jsonl") : undefined;
  const hasResults = resultsPath !== undefined && existsSync(resultsPath);
  let results: string | undefined;
  let report: string | undefined;
  if (hasResults && folder) {
    checkOutputDir(join(folder, "dashboard"), "dashboard DIR/dashboard");
    results = readInputText(resultsPath, RESULTS_FILE);
    const reportPath = join(folder, "report.json");
    if (existsSync(reportPath)) report = readInputText(reportPath, REPORT_FILE);
  }
  const { serveDashboard } = await import("@arena/dashboard/node");
  let served: Awaited<ReturnType<typeof serveDashboard>>;
  try {
    served = await serveDashboard(
      hasResults && folder
        ? { outDir: join(folder, "dashboard"), results, ...(report !== undefined ? { report } : {}), port }
        : { port },
    );
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") {
      throw new UsageError(`port ${port} is in use; pick another with --port N, or --port 0 for a free one`);
    }
    if (code === "EACCES") throw new UsageError(`port ${port} needs privileges; use a port above 1023`);
    throw e;
  }
  if (served.written) {
    console.log(
      `dashboard: wrote ${served.written.indexHtml}${report === undefined ? " (no report.json: no significance marks)" : ""}`,
    );
  } else {
    console.log(
      `dashboard: no results.jsonl in ${quote(folder ?? defaultDir)}; serving the app without data (open or drop a results.jsonl)`,
    );
  }
  console.log(`dashboard: serving ${served.dir}\n  ${served.server.url}\n(Ctrl-C to stop)`);
  await new Promise<void>((resolveStop) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void served.server.close().then(resolveStop);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

/** The suites shipped in apps/harness/suites, by name. */
export const SHIPPED_SUITES = ["default", "quick", "tuned"] as const;

/**
 * The suite `arena bench` runs: `--suite NAME` (a shipped suite) or `--suite FILE` (a path ending in
 * .json), else `--quick`'s, else the default. Returns the file and the suite's short name.
 */
export function benchSuiteFile(
  suitesDir: string,
  quick: boolean,
  suite: string | undefined,
): { file: string; name: string } {
  if (suite !== undefined && quick) throw new UsageError("--quick and --suite both name a suite; give one");
  const name = suite ?? (quick ? "quick" : "default");
  if ((SHIPPED_SUITES as readonly string[]).includes(name))
    return { file: join(suitesDir, `${name}.json`), name };
  if (name.endsWith(".json")) return { file: resolve(name), name: basename(name, ".json") };
  throw new UsageError(
    `--suite ${quote(name, 60)} is neither a shipped suite (${SHIPPED_SUITES.join(", ")}) nor a .json file`,
  );
}
