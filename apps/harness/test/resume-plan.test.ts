import { describe, expect, it } from "vitest";
import type { StoredLine } from "../src/results-store.ts";
import { planResume, resumeConflictMessage } from "../src/resume-plan.ts";
import type { RunSpec } from "../src/run-spec.ts";

/** Just what planResume reads of a spec. */
const spec = (runId: string, configHash = "aaaaaaaa") => ({ runId, configHash }) as RunSpec;

let n = 0;
const line = (runId: string, status: string, configHash?: string): StoredLine => ({
  line: ++n,
  text: `{"runId":"${runId}"}`,
  runId,
  status,
  ...(configHash ? { configHash } : {}),
});

describe("planResume", () => {
  const specs = ["s/a/0", "s/b/0", "s/c/0", "s/d/0", "s/e/0", "s/f/0"].map((id) => spec(id));
  const records = [
    line("s/a/0", "ok", "aaaaaaaa"), // same settings: done
    line("s/b/0", "failed", "aaaaaaaa"), // failed: retried
    line("s/c/0", "ok", "bbbbbbbb"), // other settings: changed
    line("s/d/0", "diverged"), // no hash: unknown
    line("s/e/0", "failed", "bbbbbbbb"), // failed with other settings: retried
    line("s/x/0", "ok", "cccccccc"), // not selected: left alone
  ];

  it("reuses matching records, retries failed ones, and stops on changed or unknown ones", () => {
    const p = planResume(specs, records);
    expect(p.todo.map((s) => s.runId)).toEqual(["s/b/0", "s/e/0", "s/f/0"]);
    expect([...p.replace]).toEqual(["s/b/0", "s/e/0"]);
    expect(p).toMatchObject({ done: 1, retried: 2, rerunChanged: 0, changed: ["s/c/0"], unknown: ["s/d/0"] });
  });

  it("--rerun-changed runs changed and unknown runs again, their records moved aside", () => {
    const p = planResume(specs, records, { rerunChanged: true });
    expect(p.todo.map((s) => s.runId)).toEqual(["s/b/0", "s/c/0", "s/d/0", "s/e/0", "s/f/0"]);
    expect([...p.replace].sort()).toEqual(["s/b/0", "s/c/0", "s/d/0", "s/e/0"]);
    expect(p).toMatchObject({ done: 1, retried: 2, rerunChanged: 2, changed: [], unknown: [] });
  });

  it("--keep-failed keeps failed records of unchanged runs; a changed failed run is a changed run", () => {
    const p = planResume(specs, records, { keepFailed: true, keepUnknown: true });
    expect(p.todo.map((s) => s.runId)).toEqual(["s/f/0"]);
    expect(p).toMatchObject({ done: 3, retried: 0, changed: ["s/c/0", "s/e/0"], unknown: [] });
  });

  it("--keep-unknown counts records without a hash as done", () => {
    const p = planResume([spec("s/d/0")], records, { keepUnknown: true });
    expect(p).toMatchObject({ todo: [], done: 1, changed: [], unknown: [] });
  });

  it("looks at every line of a run id: one line with other settings makes the run changed", () => {
    const dup = [line("s/a/0", "ok", "aaaaaaaa"), line("s/a/0", "ok", "bbbbbbbb")];
    expect(planResume([spec("s/a/0")], dup).changed).toEqual(["s/a/0"]);
    const failedTwice = [line("s/a/0", "failed", "aaaaaaaa"), line("s/a/0", "failed", "aaaaaaaa")];
    expect(planResume([spec("s/a/0")], failedTwice).retried).toBe(1);
  });
});

describe("resumeConflictMessage", () => {
  it("one line: the first three runs, the count of the others, and the choices", () => {
    const ids = ["s/p/m/adam/0", "s/p/m/adam/1", "s/p/m/adam/2", "s/p/m/adam/3", "s/p/m/adam/4"];
    expect(resumeConflictMessage("/o/results.jsonl", ids, [])).toBe(
      "/o/results.jsonl: 5 runs were recorded with other settings than the suite now gives (config hash differs): " +
        "s/p/m/adam/0, s/p/m/adam/1, s/p/m/adam/2 and 2 more. Nothing was run; choose --rerun-changed to run " +
        "them again (the old records move to results.replaced.jsonl), --fresh to discard this folder's results, " +
        "or a new --out folder.",
    );
    expect(resumeConflictMessage("/o/results.jsonl", [], ["s/p/m/pso/0"])).toBe(
      "/o/results.jsonl: 1 run was recorded without a config hash (by an older Arena), so whether the settings " +
        "match is unknown: s/p/m/pso/0. Nothing was run; choose --keep-unknown to count the records without a " +
        "hash as done, --rerun-changed to run it again (the old records move to results.replaced.jsonl), " +
        "--fresh to discard this folder's results, or a new --out folder.",
    );
    const both = resumeConflictMessage("/o/results.jsonl", ["a/0"], ["b/0", "b/1"]);
    expect(both).toMatch(
      /: 1 run was recorded with other settings .*: a\/0\. And 2 runs were recorded without a config hash .*: b\/0, b\/1\. Nothing was run; choose --keep-unknown .*--rerun-changed to run them again/,
    );
    expect(both).not.toMatch(/\n/);
  });
});
