import { type ChildProcess, spawn } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { arena, bin, comparable, records, tmp } from "./arena-cli.ts";

const suite = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));

// Each invocation starts Node, compiles the sources with tsx and starts workers: seconds apiece, and
// more on a loaded machine, hence the generous timeout (nothing here is timed).
describe("arena run", { timeout: 300_000 }, () => {
  /** The whole tiny suite at --workers 2, shared by the comparisons below. */
  const whole = tmp("arena-cli-");
  beforeAll(() => {
    const r = arena(["run", suite, "--workers", "2", "--out", whole]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
  }, 300_000);

  it("gives identical records at --workers 1 and --workers 2", () => {
    const a = tmp("arena-cli-");
    const ra = arena(["run", suite, "--workers", "1", "--out", a]);
    expect(ra.stderr).not.toMatch(/Error/);
    expect(ra.code).toBe(0);
    const recA = records(a);
    // Learners: xor and iris 3 × 2 reps each, sine 2 × 2; baselines: xor and iris majority + linear,
    // sine mean + naive + linear (its period 25 exceeds the window of 20: no seasonal naive), × 2 reps.
    expect(recA.filter((r) => !r.baseline)).toHaveLength(2 * 3 * 2 + 2 * 2);
    expect(recA.filter((r) => r.baseline)).toHaveLength((2 + 2 + 3) * 2);
    expect(recA.every((r) => r.status === "ok")).toBe(true);
    expect(comparable(records(whole))).toEqual(comparable(recA));
  });

  it("merged shards equal the unsharded run, apart from measured fields", () => {
    const s1 = tmp("arena-cli-");
    const s2 = tmp("arena-cli-");
    const merged = tmp("arena-cli-");
    expect(arena(["run", suite, "--workers", "1", "--shard", "1/2", "--out", s1]).code).toBe(0);
    expect(arena(["run", suite, "--workers", "1", "--shard", "2/2", "--out", s2]).code).toBe(0);
    expect(records(s1).length + records(s2).length).toBe(records(whole).length);
    const m = arena(["merge", join(s1, "results.jsonl"), join(s2, "results.jsonl"), "--out", merged]);
    expect(m.code).toBe(0);
    expect(comparable(records(merged))).toEqual(comparable(records(whole)));
    const r = arena(["report", merged]);
    expect(r.code).toBe(0);
    expect(readFileSync(join(merged, "report.md"), "utf8")).toMatch(/## iris/);
  });

  it("resumes after SIGKILL: one record per run id, all parseable, nothing lost", async () => {
    const out = tmp("arena-cli-");
    const child: ChildProcess = spawn(process.execPath, [bin, "run", suite, "--workers", "2", "--out", out], {
      env: { ...process.env, CI: "true" },
      stdio: "ignore",
    });
    const path = join(out, "results.jsonl");
    // Kill it once some runs are on disk but (most likely) not all.
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if (existsSync(path) && readFileSync(path, "utf8").split("\n").length > 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // Simulate the worst case too: a torn line left by the kill.
    writeFileSync(path, `${readFileSync(path, "utf8")}{"schema":"arena.run/1","runId":"tiny/xor`, {
      flag: "w",
    });
    const again = arena(["run", suite, "--workers", "2", "--out", out]);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/moved a torn last line .* to results\.rejected\.jsonl/);
    const rs = records(out);
    expect(rs).toHaveLength(30);
    expect(new Set(rs.map((r) => r.runId)).size).toBe(30);
    // A third invocation finds everything done and runs nothing.
    const third = arena(["run", suite, "--out", out]);
    expect(third.stdout).toMatch(/30 runs selected, 30 already done/);
  });

  it("rejects bad input with a message, exit code 2, no stack trace, and existing results untouched", () => {
    const out = tmp("arena-cli-");
    cpSync(suite, join(out, "suite.json"));
    writeFileSync(join(out, "results.jsonl"), "keep me\n");
    const bad = join(out, "bad.json");
    writeFileSync(bad, JSON.stringify({ ...JSON.parse(readFileSync(suite, "utf8")), repetitions: 0 }));
    const unknownProblem = join(out, "unknown.json");
    writeFileSync(
      unknownProblem,
      JSON.stringify({ ...JSON.parse(readFileSync(suite, "utf8")), problems: [{ name: "mnist" }] }),
    );
    const cases: [string[], RegExp][] = [
      [["run", bad, "--out", out], /repetitions: .*got 0/],
      [["run", unknownProblem, "--out", out], /mnist/],
      [["run", join(out, "missing.json"), "--out", out], /cannot read suite file .*ENOENT/],
      [["run", suite, "--workers", "zero", "--out", out], /--workers must be a whole number .*, got "zero"/],
      [["run", suite, "--bogus", "--out", out], /unknown option "--bogus"/],
      [["run", "--data", join(out, "nope.csv"), "--out", out], /nope\.csv/],
      [["frobnicate"], /unknown command "frobnicate"/],
    ];
    for (const [args, message] of cases) {
      const r = arena(args);
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
    expect(readFileSync(join(out, "results.jsonl"), "utf8")).toBe("keep me\n");
  });

  it("runs a user's CSV through every learner without a suite file", () => {
    const out = tmp("arena-cli-");
    const csv = join(out, "blobs.csv");
    const rows = ["x1,x2,label"];
    for (let i = 0; i < 60; i++)
      rows.push(`${(i % 2) * 4 + (i % 7) / 7},${(i % 2) * 4 + (i % 5) / 5},${i % 2 ? "b" : "a"}`);
    writeFileSync(csv, `${rows.join("\n")}\n`);
    const r = arena([
      "run",
      "--data",
      csv,
      "--label",
      "label",
      "--task",
      "classification",
      "--out",
      out,
      "--workers",
      "2",
    ]);
    expect(r.code).toBe(0);
    const rs = records(out);
    expect(new Set(rs.filter((x) => !x.baseline).map((x) => x.learner.name)).size).toBe(5);
    expect(new Set(rs.filter((x) => x.baseline).map((x) => x.learner.name))).toEqual(
      new Set(["majority", "linear"]),
    );
    expect(rs.every((x) => x.status === "ok")).toBe(true);
    // Like `pnpm bench`, a run over a CSV writes the report and the dashboard, and says where.
    for (const f of ["report.md", "report.json", "dashboard/index.html"])
      expect(existsSync(join(out, f))).toBe(true);
    expect(r.stdout).toMatch(/report: .*report\.md/);
  });
});
