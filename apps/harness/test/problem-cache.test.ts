import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectAfterThisTask } from "../src/collect-garbage.ts";
import { csvDigest } from "../src/csv-digest.ts";
import { createProblemLoader, problemBytes, problemEntryFor } from "../src/problem-loader.ts";
import type { RunSpec } from "../src/run-spec.ts";

/**
 * A worker's problem cache (createProblemLoader): one problem's data at a time, read once and shared
 * by its runs; the last few splits of it within a count and a byte budget; another problem drops them;
 * an edited CSV is read again.
 */
const dir = mkdtempSync(join(tmpdir(), "arena-problem-cache-"));

function writeCsv(name: string, rows: number, shift = 0): string {
  const path = join(dir, name);
  const lines = ["a,b,label"];
  for (let i = 0; i < rows; i++) lines.push(`${i + shift},${(i * 7) % 13},${i % 3 === 0 ? "x" : "y"}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

/** The part of a run spec the loader reads. */
function spec(path: string | undefined, rep: number, name = "data"): RunSpec {
  const problem = path
    ? { id: name, name, options: {}, csv: { path, task: "classification" as const, label: "last" } }
    : { id: name, name, options: {} };
  return { problem, dataSeedPath: `1/${name}/${rep}` } as RunSpec;
}

describe("createProblemLoader: the worker's problem cache", () => {
  it("returns the same problem object for the same run data, another for another seed", () => {
    const path = writeCsv("same.csv", 60);
    const load = createProblemLoader();
    const p0 = load(spec(path, 0));
    expect(load(spec(path, 0))).toBe(p0);
    const p1 = load(spec(path, 1));
    expect(p1).not.toBe(p0);
    expect(load(spec(path, 0))).toBe(p0); // both fit within the limits
    expect(p1.train.n + p1.validation.n + p1.test.n).toBe(60);
  });

  it("drops every split when the worker moves to another problem", () => {
    const path = writeCsv("moves.csv", 60);
    const load = createProblemLoader();
    const p0 = load(spec(path, 0));
    load(spec(undefined, 0, "xor"));
    const again = load(spec(path, 0));
    expect(again).not.toBe(p0);
    expect(Array.from(again.train.x)).toEqual(Array.from(p0.train.x)); // the same split, loaded again
  });

  it("keeps at most `count` splits, and within `bytes` only the newest", () => {
    const path = writeCsv("limits.csv", 60);
    const byCount = createProblemLoader({ count: 2 });
    const [a, b] = [byCount(spec(path, 0)), byCount(spec(path, 1))];
    byCount(spec(path, 2));
    expect(byCount(spec(path, 1))).toBe(b);
    expect(byCount(spec(path, 0))).not.toBe(a);
    const bytes = problemBytes(a);
    const byBytes = createProblemLoader({ bytes: bytes + 1 });
    const c = byBytes(spec(path, 0));
    byBytes(spec(path, 1));
    expect(byBytes(spec(path, 0))).not.toBe(c);
  });

  it("reads an edited CSV again (the key holds its content hash), and the same content once", () => {
    const path = writeCsv("edited.csv", 60);
    const load = createProblemLoader();
    const before = load(spec(path, 0));
    const entry = problemEntryFor(spec(path, 0).problem);
    expect(problemEntryFor(spec(path, 0).problem)).toBe(entry);
    const digest = csvDigest(path);
    writeCsv("edited.csv", 60, 1000);
    expect(csvDigest(path)).not.toBe(digest);
    const after = load(spec(path, 0));
    expect(after).not.toBe(before);
    expect(problemEntryFor(spec(path, 0).problem)).not.toBe(entry);
  });

  it("lets the main thread's parsed CSV go once planning is done (collectAfterThisTask)", async () => {
    const path = writeCsv("planned.csv", 60);
    const ref = new WeakRef(problemEntryFor(spec(path, 0).problem));
    collectAfterThisTask();
    // The collection runs in a later task, once the WeakRef no longer keeps its target for this one.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(ref.deref()).toBeUndefined();
  });
});
