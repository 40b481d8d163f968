/**
 * `memory-bench` (issue 22): peak resident memory of `arena run --data FILE --workers 2` on generated
 * CSVs of 50k, 100k and 200k rows × 20 features and one of 1,000 rows × 2,000 features, for one or more
 * checkouts of Arena ("before" and "after" a change), with a least-squares line of peak RSS against
 * rows and the load average around each run. Run by hand; nothing here is a test.
 *
 * The figure is `/usr/bin/time -v`'s "Maximum resident set size" of the `arena` process. Its workers are
 * threads of that process, so this is the whole run (main thread and workers); esbuild, which rebuilds
 * the command's bundles when a source changed, is a child process of its own and not in it.
 *
 * Usage (from benchmarks/):
 *   npx tsx src/memory-bench.ts --root before=/tmp/base21 --root after=.. [--rows 50000,100000,200000]
 *     [--cols 20] [--wide 1000x2000] [--workers 2] [--repeat 1] [--out ../reports/bench]
 */

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { isMain } from "./index.ts";
import { writeMemoryCsv } from "./memory-csv.ts";
import { linearFit, type MemoryRow, memoryMarkdown } from "./memory-report.ts";
import { parseCli, UsageError } from "./runner/parse-cli.ts";

/** One CSV shape measured. */
interface Case {
  readonly rows: number;
  readonly cols: number;
}

/** Peak RSS (bytes), wall seconds and the load average before and after one `arena run`. */
function measure(root: string, csv: string, workers: number): Omit<MemoryRow, "root" | "rows" | "cols"> {
  const out = mkdtempSync(join(tmpdir(), "arena-memory-out-"));
  const loadBefore = readFileSync("/proc/loadavg", "utf8").trim();
  const args = ["-v", process.execPath, join(root, "apps/harness/bin/arena.mjs"), "run", "--data", csv];
  const r = spawnSync("/usr/bin/time", [...args, "--out", out, "--workers", String(workers), "--fresh"], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    maxBuffer: 64 * 1024 * 1024,
  });
  const loadAfter = readFileSync("/proc/loadavg", "utf8").trim();
  rmSync(out, { recursive: true, force: true });
  if (r.status !== 0) throw new Error(`arena run failed in ${root} (${r.status}): ${r.stderr.slice(-2000)}`);
  const kb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr)?.[1]);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): ([\d:.]+)/.exec(r.stderr)?.[1] ?? "";
  const seconds = wall.split(":").reduce((s, part) => s * 60 + Number(part), 0);
  return { peakRssBytes: kb * 1024, wallSeconds: seconds, loadBefore, loadAfter };
}

/** The CSV of a case, written once per process into `dir`. */
function csvFor(dir: string, c: Case): string {
  const path = join(dir, `memory-${c.rows}x${c.cols}.csv`);
  if (!existsSync(path)) writeMemoryCsv(path, { rows: c.rows, cols: c.cols });
  return path;
}

const MEMORY_OPTIONS = {
  root: { type: "string", multiple: true },
  rows: { type: "string", default: "50000,100000,200000" },
  cols: { type: "string", default: "20" },
  wide: { type: "string", default: "1000x2000" },
  workers: { type: "string", default: "2" },
  repeat: { type: "string", default: "1" },
  out: { type: "string", default: "../reports/bench" },
} as const;

const MEMORY_USAGE =
  "options: --root name=path (repeatable; default after=..)  --rows 50000,100000,200000  --cols 20  " +
  "--wide ROWSxCOLS  --workers 2  --repeat 1  --out <dir>";

/** A positive integer option, or a {@link UsageError} naming it. */
function positive(option: string, s: string): number {
  const n = Number(s);
  if (!(Number.isInteger(n) && n >= 1))
    throw new UsageError(`--${option} must be an integer >= 1, got "${s}"`);
  return n;
}

/** The checked command line: roots, CSV shapes, workers, repeats and the output folder. */
function parseMemoryCli() {
  return parseCli(MEMORY_OPTIONS, MEMORY_USAGE, (values) => {
    const roots = (values.root ?? ["after=.."]).map((r) => {
      const [name, path] = r.includes("=") ? r.split("=", 2) : [r, r];
      return { name, path: resolve(path) };
    });
    const cols = positive("cols", values.cols);
    const wide = values.wide.split("x");
    if (wide.length !== 2) throw new UsageError(`--wide must be ROWSxCOLS, got "${values.wide}"`);
    const cases: Case[] = [
      ...values.rows.split(",").map((r) => ({ rows: positive("rows", r), cols })),
      { rows: positive("wide", wide[0]), cols: positive("wide", wide[1]) },
    ];
    const workers = positive("workers", values.workers);
    return { roots, cols, cases, workers, repeat: positive("repeat", values.repeat), out: values.out };
  });
}

function main(): void {
  const { roots, cols, cases, workers, repeat, out } = parseMemoryCli();
  if (!existsSync("/usr/bin/time")) {
    console.error("memory-bench needs GNU time at /usr/bin/time (Debian: apt-get install time)");
    process.exit(1);
  }
  const dir = mkdtempSync(join(tmpdir(), "arena-memory-csv-"));
  const rows: MemoryRow[] = [];
  for (let rep = 0; rep < repeat; rep++) {
    for (const c of cases) {
      const csv = csvFor(dir, c);
      for (const root of roots) {
        const m = measure(root.path, csv, workers);
        rows.push({ root: root.name, rows: c.rows, cols: c.cols, ...m });
        console.log(
          `${root.name} ${c.rows}×${c.cols}: ${(m.peakRssBytes / 1048576).toFixed(0)} MiB, ${m.wallSeconds.toFixed(0)} s, load ${m.loadBefore} → ${m.loadAfter}`,
        );
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const fits = roots.map((r) => ({
    root: r.name,
    ...linearFit(rows.filter((x) => x.root === r.name && x.cols === cols)),
  }));
  writeFileSync(join(out, "memory.json"), `${JSON.stringify({ workers, rows, fits }, null, 2)}\n`);
  writeFileSync(join(out, "memory.md"), memoryMarkdown(rows, fits, workers));
  console.log(`wrote ${join(out, "memory.md")}`);
}

if (isMain(import.meta.url)) main();
