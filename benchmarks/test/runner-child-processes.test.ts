/** The runner end to end: children per implementation, rows over IPC, output checks, failures, report files. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type BenchRow, measureImplementation, runBenchmarks } from "../src/index.ts";
import { sumSuite } from "./fixtures/sum-suite.ts";

describe("runBenchmarks", () => {
  it("measures each implementation in its own child, checks outputs, records failures and writes json + md", async () => {
    const outDir = mkdtempSync(join(tmpdir(), "arena-bench-"));
    const lines: string[] = [];
    const { info, paths } = await runBenchmarks("fixture", [sumSuite], {
      outDir,
      rounds: 2,
      log: (l) => lines.push(l),
    });
    const rows = JSON.parse(readFileSync(paths.json, "utf8")) as BenchRow[];
    // Two supported cases for each working implementation; "unsupported" is skipped, "broken" failed.
    expect(rows.map((r) => `${r.impl}/${r.size}`).sort()).toEqual([
      "loop/1000",
      "loop/4000",
      "offByOne/1000",
      "offByOne/4000",
    ]);
    for (const r of rows) {
      expect(r.bench).toBe("sum");
      expect(r.samples).toBeGreaterThanOrEqual(10); // at least 5 timed calls in each of 2 rounds, pooled
      expect(r.gsums).toBeGreaterThan(0);
      expect(r.gsums_p25).toBeLessThanOrEqual(r.gsums as number);
      expect(r.gsums_p75).toBeGreaterThanOrEqual(r.gsums as number);
      expect(r.ms_p25).toBeLessThanOrEqual(r.ms);
    }
    expect(rows.filter((r) => r.impl === "loop").every((r) => r.check_rel_diff === 0)).toBe(true);
    expect(rows.filter((r) => r.impl === "offByOne").every((r) => (r.check_rel_diff as number) > 1e-4)).toBe(
      true,
    );
    expect(info.failures).toHaveLength(1);
    expect(info.failures[0]).toMatchObject({ suite: "fixture-sum", impl: "broken" });
    expect(info.failures[0].error).toContain("broken on purpose");
    const md = readFileSync(paths.md, "utf8");
    expect(md).toContain("| sum | plain | 1000 |");
    expect(md).toContain("2 times (fresh processes, alternating order, samples pooled)");
    expect(md).toContain("loop / offByOne");
    expect(md).toContain("⚠");
    expect(md).toContain("fixture-sum / broken: Error: broken on purpose");
    expect(md).toContain("Detected at run time: fixture note.");
    expect(lines.some((l) => l.includes("broken FAILED"))).toBe(true);
  });

  it("runs implementations in alternating order between rounds, fails a broken one only once, and can time CPU", async () => {
    const lines: string[] = [];
    const { info, paths } = await runBenchmarks("fixture", [sumSuite], {
      outDir: mkdtempSync(join(tmpdir(), "arena-bench-")),
      rounds: 2,
      sizes: [1000],
      clock: "cpu",
      log: (l) => lines.push(l),
    });
    expect(readFileSync(paths.md, "utf8")).toContain("timed by process CPU time");
    const order = lines.filter((l) => l.includes("round ")).map((l) => l.trim());
    expect(order).toEqual([
      "round 1/2: loop",
      "round 1/2: offByOne",
      "round 1/2: broken",
      "round 2/2: offByOne",
      "round 2/2: loop",
    ]);
    expect(info.failures.map((f) => f.impl)).toEqual(["broken"]);
  });

  it("rejects an unknown implementation name before running anything", async () => {
    await expect(runBenchmarks("fixture", [sumSuite], { impls: ["lop"], outDir: tmpdir() })).rejects.toThrow(
      'fixture-sum: unknown implementation "lop" (have loop, offByOne, broken)',
    );
  });
});

describe("measureImplementation (in-process)", () => {
  it("keeps only the requested sizes and reports the implementation's note", async () => {
    const { results, note } = await measureImplementation(sumSuite, "loop", { sizes: [4000] });
    expect(note).toBe("fixture note");
    expect(results.map((r) => r.row.size)).toEqual([4000]);
    expect(results[0].fingerprint?.length).toBe(1);
  });
});
