import type { RunSpec } from "./run-spec.ts";
import { UsageError } from "./suite.ts";
import { quote } from "./usage-error.ts";

/** The longest `--filter` pattern accepted. */
export const MAX_FILTER_LENGTH = 1000;

/**
 * Whether `text` contains a match of the glob `pattern` (`*` any run of characters, `?` any one, every
 * other character itself). A two-pointer scan with backtracking to the last `*`: time at most
 * pattern length × text length, no regular expression built from user input.
 */
export function globContains(pattern: string, text: string): boolean {
  const p = `*${pattern}*`;
  let pi = 0;
  let si = 0;
  let star = -1;
  let mark = 0;
  while (si < text.length) {
    if (pi < p.length && p[pi] === "*") {
      while (pi < p.length && p[pi] === "*") pi++;
      star = pi;
      mark = si;
    } else if (pi < p.length && (p[pi] === "?" || p[pi] === text[si])) {
      pi++;
      si++;
    } else if (star >= 0) {
      pi = star;
      si = ++mark;
    } else return false;
  }
  while (pi < p.length && p[pi] === "*") pi++;
  return pi === p.length;
}

/**
 * Runs whose id contains a match of `pattern` (`*` matches any run of characters, `?` any one). A
 * pattern that is empty, longer than {@link MAX_FILTER_LENGTH}, or selects no run is a UsageError
 * naming it: a filter that silently runs nothing is almost always a typo.
 */
export function filterRuns<T extends { runId: string }>(runs: T[], pattern: string | undefined): T[] {
  if (pattern === undefined) return runs;
  if (pattern === "") throw new UsageError("--filter is empty; give a pattern such as */adam/* or omit it");
  if (pattern.length > MAX_FILTER_LENGTH) {
    throw new UsageError(
      `--filter is ${pattern.length} characters long; at most ${MAX_FILTER_LENGTH} are allowed`,
    );
  }
  const selected = runs.filter((r) => globContains(pattern, r.runId));
  if (selected.length === 0 && runs.length > 0) {
    throw new UsageError(
      `--filter ${quote(pattern, 80)} selects none of the ${runs.length} planned runs (ids look like ${runs[0].runId})`,
    );
  }
  return selected;
}

/** Parses `--shard i/n` (1-based i; decimal digits only). */
export function parseShard(s: string): { index: number; count: number } {
  const m = /^(\d{1,9})\/(\d{1,9})$/.exec(s);
  if (!m) throw new UsageError(`--shard must look like i/n (e.g. 1/4), got ${quote(s, 40)}`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) {
    throw new UsageError(`--shard ${quote(s, 40)}: i must be between 1 and n, and n >= 1`);
  }
  return { index, count };
}

/** The runs of shard i of n: every n-th run of the full plan, so shards get similar mixes of work. */
export function shardRuns(runs: RunSpec[], shard: { index: number; count: number } | undefined): RunSpec[] {
  if (!shard) return runs;
  return runs.filter((r) => r.index % shard.count === shard.index - 1);
}
