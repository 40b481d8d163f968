import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { fixture, suiteCases } from "./cli-fuzz-suite-cases.ts";

/**
 * Shared setup of the CLI fuzz tests (`cli-fuzz-check.test.ts`, `cli-fuzz-commands.test.ts`).
 *
 * Bad invocations of the real `arena` command, generated from a fixed seed so a failure reproduces: each
 * must end with exit code 2 and one line `arena: <message>` on stderr (no stack trace), within a time
 * limit (no hang: FIFOs, /dev/zero, /proc), and leave a results folder already on disk byte for byte as
 * it was. Suite files are checked in batches through `arena check FILE...` (one process, the same
 * reading and validation as `arena run`); flags, special files and a sample of the suites go through
 * single invocations of `arena run`, `report`, `merge`, `dashboard`, `bench` and `list`.
 */

const bin = fileURLToPath(new URL("../bin/arena.mjs", import.meta.url));
/** A bad invocation that has not ended after this long counts as a hang. */
const HANG_MS = 90_000;

export interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  hung: boolean;
  ms: number;
}

/** Runs `arena args`, killing it (a hang) after HANG_MS. */
export function arena(args: string[]): Promise<Outcome> {
  return new Promise((resolvePromise) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (stdout.length < 1e6) stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      if (stderr.length < 1e6) stderr += d;
    });
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, HANG_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, hung, ms: Date.now() - t0 });
    });
  });
}

/** Each file's path and content hash under `dir`, sorted: equal snapshots mean byte-for-byte equal folders. */
export function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out.push(`${rel}${name}/`);
        walk(p, `${rel}${name}/`);
      } else out.push(`${rel}${name} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`);
    }
  };
  walk(dir, "");
  return out.join("\n");
}

/** What is wrong with an outcome that should be a usage error with `lines` message lines; "" if nothing. */
export function usageErrorProblem(r: Outcome, lines = 1): string {
  if (r.hung) return `hung (killed after ${HANG_MS / 1000} s)`;
  if (/\n\s+at /.test(r.stderr)) return `stack trace on stderr: ${r.stderr.slice(0, 400)}`;
  if (r.code !== 2) return `exit code ${r.code}, stderr: ${r.stderr.slice(0, 400)}`;
  const got = r.stderr.split("\n").filter((l) => l !== "");
  if (got.length !== lines)
    return `${got.length} lines on stderr, expected ${lines}: ${r.stderr.slice(0, 400)}`;
  const bad = got.find((l) => !/^arena: \S/.test(l));
  if (bad !== undefined) return `a stderr line is not "arena: <message>": ${bad.slice(0, 200)}`;
  return "";
}

/** Runs tasks two at a time (the CI machine has two cores). */
export async function inPool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

/**
 * The files of a fuzz run, in a fresh temporary folder `T`: `keep`, a results folder that must stay
 * byte for byte as it is (`before` is its snapshot); a valid suite, a CSV file and a FIFO with no
 * writer; every generated suite file (`files`) and special files (`specials`: devices, /proc, symlinks,
 * a folder, a missing file, over-long paths, a sparse 64 MiB + 1 byte file).
 */
export interface FuzzWorkspace {
  T: string;
  keep: string;
  suite: string;
  csv: string;
  fifo: string;
  files: { label: string; path: string }[];
  specials: { label: string; path: string }[];
  before: string;
}

/** Writes a {@link FuzzWorkspace}; remove it with `rmSync(ws.T, { recursive: true, force: true })`. */
export function createFuzzWorkspace(): FuzzWorkspace {
  const T = mkdtempSync(join(tmpdir(), "arena-fuzz-"));
  const keep = join(T, "keep");
  const suite = join(T, "suite.json");
  const csv = join(T, "blobs.csv");
  const fifo = join(T, "fifo");
  const files: { label: string; path: string }[] = [];
  const specials: { label: string; path: string }[] = [];
  mkdirSync(join(keep, "dashboard"), { recursive: true });
  writeFileSync(join(keep, "results.jsonl"), '{"keep":"me"}\nnot a record\n');
  writeFileSync(join(keep, "report.md"), "# keep\n");
  writeFileSync(join(keep, "dashboard", "index.html"), "<p>keep</p>\n");
  writeFileSync(suite, readFileSync(fixture));
  writeFileSync(
    csv,
    `x1,x2,label\n${Array.from({ length: 40 }, (_, i) => `${i % 5},${i % 3},${i % 2}`).join("\n")}\n`,
  );
  const before = snapshot(keep);
  const mk = spawnSync("mkfifo", [fifo]);
  expect(mk.status, "mkfifo").toBe(0);
  for (const [i, c] of suiteCases().entries()) {
    const path = join(T, `case-${String(i).padStart(3, "0")}.json`);
    writeFileSync(path, c.content());
    files.push({ label: c.label, path });
  }
  const oversize = join(T, "oversize.json");
  writeFileSync(oversize, "");
  truncateSync(oversize, 64 * 1024 * 1024 + 1); // sparse: costs no disk
  const toZero = join(T, "to-zero.json");
  symlinkSync("/dev/zero", toZero);
  const toProc = join(T, "to-proc.json");
  symlinkSync("/proc/self/status", toProc);
  const loop = join(T, "loop.json");
  symlinkSync(loop, loop);
  specials.push(
    { label: "/dev/zero", path: "/dev/zero" },
    { label: "/dev/urandom", path: "/dev/urandom" },
    { label: "/dev/null", path: "/dev/null" },
    { label: "a FIFO with no writer", path: fifo },
    { label: "a folder", path: T },
    { label: "a file of /proc", path: "/proc/self/status" },
    { label: "a symlink to /dev/zero", path: toZero },
    { label: "a symlink into /proc", path: toProc },
    { label: "a symlink loop", path: loop },
    { label: "a missing file", path: join(T, "missing.json") },
    { label: "a 5000-character path", path: join(T, "p".repeat(5000)) },
    { label: "a 300-character name", path: join(T, `${"n".repeat(300)}.json`) },
    { label: "64 MiB + 1 byte", path: oversize },
  );
  return { T, keep, suite, csv, fifo, files, specials, before };
}
