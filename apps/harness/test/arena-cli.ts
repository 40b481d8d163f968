import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseResultsFile, type RunRecord, stripMeasured } from "@arena/results";
import { expect } from "vitest";

/** What the CLI tests share: the `arena` command run as a user runs it, and reading what it wrote. */

export const bin = fileURLToPath(new URL("../bin/arena.mjs", import.meta.url));

/** `arena ARGS` in a child process, as in CI (CI=true, no TTY); its exit code and output. */
export function arena(args: string[], timeout?: number) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true" },
    ...(timeout === undefined ? {} : { timeout }),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A fresh temporary folder. */
export const tmp = (prefix = "arena-cli-") => mkdtempSync(join(tmpdir(), prefix));

/** The records of `dir/file`, which must all parse, with no torn last line. */
export function records(dir: string, file = "results.jsonl"): RunRecord[] {
  const f = parseResultsFile(readFileSync(join(dir, file), "utf8"));
  expect(f.skipped).toEqual([]);
  expect(f.tornTail).toBe(false);
  return f.records;
}

/** Records keyed by run id, without what is measured (wall time, memory, timestamps, host). */
export function comparable(rs: RunRecord[]): Map<string, unknown> {
  return new Map(rs.map((r) => [r.runId, stripMeasured(r)]));
}
