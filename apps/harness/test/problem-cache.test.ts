import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectAfterThisTask } from "../src/collect-garbage.ts";
import { csvDigest } from "../src/csv-digest.ts";
import { createProblemLoader, problemBytes, problemEntryFor } from "../src/problem-loader.ts";
import type { RunSpec } from "../src/run-spec.ts";
import { shareProblemData } from "../src/shared-problem-data.ts";

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
  return { problem, dataSeedPath: `1/${name}/${rep}`, runId: `${name}/${rep}` } as RunSpec;
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

  it("loads a run from the rows the main thread shared, without reading the file", () => {
    const path = writeCsv("shared.csv", 60);
    const other = writeCsv("other.csv", 45);
    const runs = [spec(path, 0), spec(path, 1), spec(other, 0, "other"), spec(undefined, 0, "xor")];
    const shared = shareProblemData(runs);
    const [a, b, c] = runs.map((r) => shared.get(r.runId));
    expect(a).toBe(b); // one file, read once, for all its runs
    expect(a?.rows.dataset.x.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(c?.rows.dataset.n).toBe(45);
    expect(shared.has("xor/0")).toBe(false); // a built-in loads itself
    const fromFile = createProblemLoader()(runs[1]);
    rmSync(path);
    const load = createProblemLoader();
    const offered = load(runs[1], a);
    expect(offered.info).toEqual(fromFile.info);
    for (const split of ["train", "validation", "test"] as const) {
      expect(offered[split].x).toEqual(fromFile[split].x);
      expect(offered[split].y).toEqual(fromFile[split].y);
    }
    expect(load(runs[0], a)).not.toBe(offered); // another seed: a new split of the same rows
    expect(() => createProblemLoader()(runs[1])).toThrow(/shared\.csv/); // without the rows: the file is gone
  });
});
