import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { type Compare, parseCompare } from "@arena/results";
import { describe, expect, it } from "vitest";
import { arena, records, tmp } from "./arena-cli.ts";

/**
 * One learner, plain SGD, on iris, 8 repetitions, no baselines: 8 runs of well under a second. With
 * 8 runs per side and 2 flagged tests (final metric, cost to target; wall time is a family of its
 * own), the smallest Holm-adjusted p is 2 · 2/C(16, 8) ≈ 3.1e-4, so the comparison can detect a
 * consistent change. At this budget lr 0.5 ends near 0.97 accuracy and lr 0.05, ten times too small,
 * near 0.87.
 */
function writeSuite(dir: string, name: string, lr: number): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    JSON.stringify({
      name: "cmp",
      seed: 5,
      repetitions: 8,
      budget: { flops: 2e5 },
      checkpoints: { count: 8, first: 0.02 },
      baselines: false,
      learners: [{ id: "sgd", kind: "backprop", config: { optimizer: { kind: "sgd", lr }, batchSize: 8 } }],
      problems: [{ name: "iris", targets: { values: [0.8, 0.9, 0.95] } }],
    }),
  );
  return path;
}

function readCompare(dir: string): Compare {
  const parsed = parseCompare(readFileSync(join(dir, "compare.json"), "utf8"));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.compare;
}

function expectCleanUsageError(r: ReturnType<typeof arena>, message: RegExp) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^arena: /);
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

// Each invocation starts Node, tsx and workers: seconds apiece on a loaded machine (nothing is timed).
describe("arena compare", { timeout: 300_000 }, () => {
  const dir = tmp("arena-compare-");
  const [a, b, c] = ["a", "b", "c"].map((x) => join(dir, x));
  const good = writeSuite(dir, "good.json", 0.5);
  const slow = writeSuite(dir, "slow.json", 0.05);

  it("finds no regression between two runs of the same suite (exit 0)", () => {
    for (const out of [a, b]) {
      const r = arena(["run", good, "--workers", "2", "--out", out]);
      expect(r.stderr).not.toMatch(/Error/);
      expect(r.code).toBe(0);
      expect(records(out)).toHaveLength(8);
    }
    const r = arena(["compare", a, b]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/No regression\./);
    expect(r.stdout).toMatch(/wall time tested but not flagged/);
    const cmp = readCompare(b);
    expect(cmp).toMatchObject({ outcome: "no regression", regressions: [], configChanges: [] });
    // Wall time is tested in a family of its own (never flagged without --time-threshold).
    expect(cmp.detectability).toMatchObject({ tests: 2, canDetect: true });
    // The runs are deterministic: the same final metrics and costs, so nothing to test against.
    const [row] = cmp.rows;
    expect(row.key).toMatch(/\/sgd$/);
    expect(row.figures.finalMetric).toMatchObject({ p: 1, relativeChange: 0, verdict: "no change" });
    expect(row.figures.costToTarget).toMatchObject({ p: 1, verdict: "no change" });
    expect(readFileSync(join(b, "compare.md"), "utf8")).toMatch(/\*\*No regression\.\*\*/);
    // Results files as inputs; the outputs go to NEW's folder, or --out.
    const files = arena([
      "compare",
      join(a, "results.jsonl"),
      join(b, "results.jsonl"),
      "--out",
      join(dir, "o"),
    ]);
    expect(files.code).toBe(0);
    expect(existsSync(join(dir, "o", "compare.json"))).toBe(true);
  });

  it("refuses runs made with other settings (exit 2), and flags a learning rate ten times too small", () => {
    const run = arena(["run", slow, "--workers", "2", "--out", c]);
    expect(run.code).toBe(0);
    const refused = arena(["compare", a, c]);
    expectCleanUsageError(refused, /8 runs were made with other settings \(config hashes differ/);
    expect(refused.stderr).toMatch(/cmp\/iris\/[^ ]+\/sgd\/\d \([0-9a-f]{8} → [0-9a-f]{8}\)/);
    expect(refused.stderr).toMatch(/pass --allow-config-change to compare them anyway/);
    expect(existsSync(join(c, "compare.json"))).toBe(false);

    const r = arena(["compare", a, c, "--allow-config-change"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/REGRESSION: \d figures? of NEW regressed against BASE/);
    expect(r.stdout).toMatch(/ {2}regression: iris [^ ]+\/sgd (final test accuracy|FLOPs to target)/);
    const cmp = readCompare(c);
    expect(cmp.outcome).toBe("regression");
    expect(cmp.runs.configChanged).toBe(8);
    expect(cmp.rows[0].configChanged).toBe(true);
    expect(cmp.regressions.length).toBeGreaterThan(0);
    for (const g of cmp.regressions) {
      expect(g.key).toMatch(/\/sgd$/);
      expect(["finalMetric", "costToTarget"]).toContain(g.figure);
    }
    const md = readFileSync(join(c, "compare.md"), "utf8");
    expect(md).toMatch(/## Regressions\n\n- iris [^ ]+\/sgd (final test accuracy|FLOPs to target)/);
    expect(md).toMatch(/\(config changed\)/);
  });

  it("with --html also writes a dashboard that carries BASE beside NEW (data.js embeds both)", () => {
    const out = join(dir, "html");
    // Refused (other settings): nothing is written, the dashboard neither.
    expectCleanUsageError(arena(["compare", a, c, "--html", "--out", out]), /pass --allow-config-change/);
    expect(existsSync(join(out, "compare-dashboard"))).toBe(false);
    const r = arena(["compare", a, c, "--allow-config-change", "--html", "--out", out]);
    expect(r.code).toBe(1);
    const index = join(out, "compare-dashboard", "index.html");
    expect(r.stdout).toContain(`dashboard: ${index} (opens from disk, offline)`);
    expect(readFileSync(index, "utf8")).toContain('src="./data.js"');
    const window: { __ARENA_DATA__?: Record<string, unknown> } = {};
    runInNewContext(readFileSync(join(out, "compare-dashboard", "data.js"), "utf8"), { window });
    expect(window.__ARENA_DATA__).toMatchObject({
      format: "arena.dashboard-data/1",
      results: readFileSync(join(c, "results.jsonl"), "utf8"),
      baseResults: readFileSync(join(a, "results.jsonl"), "utf8"),
      report: null,
    });
    expect(existsSync(join(out, "compare.json"))).toBe(true);
  });

  it("refuses bad arguments with one line and exit 2, writing nothing", () => {
    const empty = join(dir, "empty");
    mkdirSync(empty);
    const cases: [string[], RegExp][] = [
      [["compare", a], /compare: missing new/],
      [
        ["compare", a, b, "--threshold=-1"],
        /--threshold must be a decimal number from 0 to 1000000, got "-1"/,
      ],
      [
        ["compare", a, b, "--alpha", "0x1"],
        /--alpha must be a decimal number greater than 0 and less than 1, got "0x1"/,
      ],
      [["compare", a, join(dir, "nope")], /cannot read results file ".*nope": no such file or folder/],
      [["compare", a, empty], /NEW ".*empty": the folder holds no results\.jsonl/],
    ];
    for (const [args, message] of cases) expectCleanUsageError(arena(args), message);
    expect(existsSync(join(empty, "compare.md"))).toBe(false);
  });
});
