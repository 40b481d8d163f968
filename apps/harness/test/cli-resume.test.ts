import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { type RunRecord, stripMeasured } from "@arena/results";
import { getKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { arena, records, tmp } from "./arena-cli.ts";

const repoRoot = fileURLToPath(new URL("../../..", import.meta.url));

const lineCount = (path: string) =>
  readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l !== "").length;

/** Two problems × adam and pso × 2 repetitions, no baselines: 8 runs of well under a second each. */
function writeSuite(dir: string, adam: Record<string, unknown> = { lr: 0.05 }, xorOverrides = {}): string {
  const path = join(dir, "suite.json");
  writeFileSync(
    path,
    JSON.stringify({
      name: "mini",
      seed: 3,
      repetitions: 2,
      budget: { flops: 2e5 },
      checkpoints: { count: 4, first: 0.05 },
      baselines: false,
      learners: [
        { id: "adam", kind: "backprop", config: { optimizer: { kind: "adam", ...adam }, batchSize: 4 } },
        { id: "pso", kind: "pso", config: { population: 10 } },
      ],
      problems: [{ name: "xor", overrides: xorOverrides }, { name: "iris" }],
    }),
  );
  return path;
}

/** Config hashes per report row (problem, model, learner). */
function hashesPerRow(rs: RunRecord[]): Map<string, Set<string | undefined>> {
  const rows = new Map<string, Set<string | undefined>>();
  for (const r of rs) {
    const key = `${r.problem.name}/${r.model.name}/${r.learner.name}`;
    rows.set(key, (rows.get(key) ?? new Set()).add(r.configHash));
  }
  return rows;
}

function expectCleanUsageError(r: ReturnType<typeof arena>) {
  expect(r.code).toBe(2);
  expect(r.stderr).toMatch(/^arena: /);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

// Every invocation starts Node, tsx and workers: seconds apiece on a loaded machine (nothing is timed).
describe("arena run: resume never mixes settings", { timeout: 300_000 }, () => {
  const dir = tmp("arena-resume-");
  const out = join(dir, "out");
  const results = join(out, "results.jsonl");

  it("records carry a config hash per row and provenance, which stripMeasured removes", () => {
    const r = arena(["run", writeSuite(dir), "--workers", "2", "--out", out]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const rs = records(out);
    expect(rs).toHaveLength(8);
    for (const hashes of hashesPerRow(rs).values()) expect(hashes.size).toBe(1);
    const git = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot, encoding: "utf8" });
    const commit = git.status === 0 ? git.stdout.trim() : null;
    const version = (JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { version: string })
      .version;
    for (const x of rs) {
      expect(x.configHash).toMatch(/^[0-9a-f]{8}$/);
      expect(x.measured.provenance).toEqual({
        arenaVersion: version,
        gitCommit: commit,
        kernels: process.env.ARENA_KERNELS ?? getKernels().name,
        workers: 2,
      });
      expect(x.measured.host.node).toBe(process.version);
      expect(x.measured.host.cpu.length).toBeGreaterThan(0);
      const stripped = stripMeasured(x) as Record<string, unknown>;
      expect(stripped.measured).toBeUndefined();
      expect(stripped.configHash).toBe(x.configHash);
    }
  });

  it("a changed learning rate stops the rerun with exit 2, naming the changed runs; nothing is written", () => {
    const before = readFileSync(results, "utf8");
    const r = arena(["run", writeSuite(dir, { lr: 0.5 }), "--workers", "2", "--out", out]);
    expectCleanUsageError(r);
    expect(r.stderr).toBe(
      `arena: ${results}: 4 runs were recorded with other settings than the suite now gives (config hash differs): ` +
        "mini/xor/mlp-2-2-1/adam/0, mini/xor/mlp-2-2-1/adam/1, mini/iris/mlp-4-8-3/adam/0 and 1 more. " +
        "Nothing was run; choose --rerun-changed to run them again (the old records move to results.replaced.jsonl), " +
        "--fresh to discard this folder's results, or a new --out folder.\n",
    );
    expect(r.stdout).toBe("");
    expect(readFileSync(results, "utf8")).toBe(before);
    expect(existsSync(join(out, "results.replaced.jsonl"))).toBe(false);
  });

  it("--rerun-changed runs the changed runs again, moves their old records aside, one hash per row", () => {
    const old = records(out);
    const r = arena(["run", join(dir, "suite.json"), "--workers", "2", "--out", out, "--rerun-changed"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /8 runs selected, 4 already done, 4 run again \(0 failed before, 4 changed\); 4 ok/,
    );
    const now = records(out);
    expect(now).toHaveLength(8);
    expect(new Set(now.map((x) => x.runId)).size).toBe(8);
    for (const hashes of hashesPerRow(now).values()) expect(hashes.size).toBe(1);
    for (const x of now.filter((x) => x.learner.name === "adam"))
      expect((x.learner.config as { optimizer: { lr: number } }).optimizer.lr).toBe(0.5);
    // The old adam records are kept, byte for byte, in results.replaced.jsonl.
    const replaced = records(out, "results.replaced.jsonl");
    expect(replaced.map((x) => x.runId).sort()).toEqual(
      old
        .filter((x) => x.learner.name === "adam")
        .map((x) => x.runId)
        .sort(),
    );
    expect(
      replaced.every((x) => (x.learner.config as { optimizer: { lr: number } }).optimizer.lr === 0.05),
    ).toBe(true);
    const rep = arena(["report", out]);
    expect(rep.code).toBe(0);
    expect(rep.stderr).not.toMatch(/different settings/);
    expect(arena(["run", join(dir, "suite.json"), "--out", out]).stdout).toMatch(
      /8 runs selected, 8 already done;/,
    );
  });

  it("arena report warns, naming the row, when a folder mixes settings in one row", () => {
    const mixed = tmp("arena-resume-");
    const current = readFileSync(results, "utf8").split("\n").filter(Boolean);
    const oldLines = readFileSync(join(out, "results.replaced.jsonl"), "utf8").split("\n").filter(Boolean);
    // Repetition 1 of xor/adam from the old settings, everything else from the new ones.
    const isXorAdam1 = (l: string) => l.includes('"runId":"mini/xor/mlp-2-2-1/adam/1"');
    writeFileSync(
      join(mixed, "results.jsonl"),
      `${[...current.filter((l) => !isXorAdam1(l)), ...oldLines.filter(isXorAdam1)].join("\n")}\n`,
    );
    const r = arena(["report", mixed]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      /warning: xor, row mlp-2-2-1\/adam: its runs were made with different settings \(config hashes: [0-9a-f]{8} × 1, [0-9a-f]{8} × 1\)/,
    );
    expect(r.stderr.match(/different settings/g)).toHaveLength(1);
    expect(readFileSync(join(mixed, "report.md"), "utf8")).toMatch(
      /> \*\*Warning:\*\* xor, row mlp-2-2-1\/adam:/,
    );
  });

  it("a corrupted line in the middle is moved to results.rejected.jsonl and its run is done again", () => {
    const lines = readFileSync(results, "utf8").split("\n");
    const victim = (JSON.parse(lines[2]) as { runId: string }).runId;
    lines[2] = `${lines[2].slice(0, 80)}#garbage`;
    writeFileSync(results, lines.join("\n"));
    const r = arena(["run", join(dir, "suite.json"), "--workers", "2", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(
      new RegExp(
        `${results.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}:3: unreadable line \\(.*\\) moved to results\\.rejected\\.jsonl; its run will be run again`,
      ),
    );
    expect(r.stdout).toMatch(/8 runs selected, 7 already done; 1 ok/);
    expect(readFileSync(join(out, "results.rejected.jsonl"), "utf8")).toBe(`${lines[2]}\n`);
    const rs = records(out);
    expect(rs).toHaveLength(8);
    expect(new Set(rs.map((x) => x.runId)).size).toBe(8);
    expect(rs.some((x) => x.runId === victim)).toBe(true);
  });

  it("records without a config hash stop the rerun unless --keep-unknown (or --rerun-changed)", () => {
    const old = tmp("arena-resume-");
    cpSync(out, old, { recursive: true });
    const lines = readFileSync(join(old, "results.jsonl"), "utf8").split("\n").filter(Boolean);
    const unhashed = lines.map((l) => {
      const v = JSON.parse(l) as Record<string, unknown>;
      delete v.configHash;
      return JSON.stringify(v);
    });
    writeFileSync(join(old, "results.jsonl"), `${unhashed.join("\n")}\n`);
    const r = arena(["run", join(dir, "suite.json"), "--out", old]);
    expectCleanUsageError(r);
    expect(r.stderr).toMatch(/8 runs were recorded without a config hash \(by an older Arena\)/);
    expect(r.stderr).toMatch(
      /choose --keep-unknown to count the records without a hash as done, --rerun-changed/,
    );
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    const kept = arena(["run", join(dir, "suite.json"), "--out", old, "--keep-unknown"]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/8 runs selected, 8 already done;/);
  });

  it("--fresh discards the folder's results and runs everything", () => {
    const r = arena(["run", writeSuite(dir, { lr: 0.2 }), "--workers", "2", "--out", out, "--fresh"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/8 runs selected, 0 already done; 8 ok/);
    expect(existsSync(join(out, "results.replaced.jsonl"))).toBe(false);
    expect(existsSync(join(out, "results.rejected.jsonl"))).toBe(false);
    expect(records(out)).toHaveLength(8);
  });
});

describe("arena run: failed runs are retried", { timeout: 300_000 }, () => {
  const dir = tmp("arena-resume-");
  const out = join(dir, "out");
  // A config that is bad for one problem only: adam on xor gets an optimizer that does not exist.
  // A config its schema accepts but the model cannot serve (truncated BPTT on xor's MLP), so the two
  // Adam runs on xor fail when they start; a config the schema refuses stops the suite before any run.
  const bad = () =>
    writeSuite(
      dir,
      { lr: 0.05 },
      { adam: { optimizer: { kind: "adam" }, batchSize: 4, bptt: { k1: 2, k2: 2 } } },
    );

  it("retries failed runs by default, keeps them with --keep-failed, and runs them once the suite is fixed", () => {
    const first = arena(["run", bad(), "--workers", "2", "--out", out]);
    expect(first.code).toBe(1);
    expect(first.stdout).toMatch(/8 runs selected, 0 already done; 6 ok, 0 diverged, 2 failed/);

    const again = arena(["run", bad(), "--workers", "2", "--out", out]);
    expect(again.code).toBe(1);
    expect(again.stdout).toMatch(
      /8 runs selected, 6 already done, 2 run again \(2 failed before, 0 changed\); 0 ok, 0 diverged, 2 failed/,
    );
    expect(lineCount(join(out, "results.replaced.jsonl"))).toBe(2);
    expect(records(out)).toHaveLength(8);

    const kept = arena(["run", bad(), "--out", out, "--keep-failed"]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/8 runs selected, 8 already done;/);

    const fixed = arena(["run", writeSuite(dir), "--workers", "2", "--out", out]);
    expect(fixed.code).toBe(0);
    expect(fixed.stdout).toMatch(
      /8 runs selected, 6 already done, 2 run again \(2 failed before, 0 changed\); 2 ok/,
    );
    const rs = records(out);
    expect(rs.every((x) => x.status === "ok")).toBe(true);
    for (const hashes of hashesPerRow(rs).values()) expect(hashes.size).toBe(1);
    expect(lineCount(join(out, "results.replaced.jsonl"))).toBe(4);
  });

  it("a learner config nested 100 levels deep is refused with exit 2 and one line, before any run", () => {
    let deep: Record<string, unknown> = { lr: 0.01 };
    for (let i = 0; i < 100; i++) deep = { nested: deep };
    const path = join(dir, "deep.json");
    writeFileSync(
      path,
      JSON.stringify({
        name: "deep",
        seed: 1,
        repetitions: 1,
        budget: { flops: 1e5 },
        learners: [{ id: "adam", kind: "backprop", config: { optimizer: { kind: "adam" }, deep } }],
        problems: [{ name: "xor" }],
      }),
    );
    const target = join(dir, "deep-out");
    const r = arena(["run", path, "--out", target]);
    expectCleanUsageError(r);
    expect(r.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/nested/);
    expect(existsSync(join(target, "results.jsonl"))).toBe(false);
  });
});
