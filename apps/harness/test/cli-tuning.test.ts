import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { arena, comparable, records, tmp } from "./arena-cli.ts";

const suite = fileURLToPath(new URL("./fixtures/tiny-tuned-suite.json", import.meta.url));

// Seconds per invocation (Node, tsx, workers); nothing here is timed.
describe("arena run with tuning", { timeout: 300_000 }, () => {
  const whole = tmp("arena-tuning-");
  beforeAll(() => {
    const r = arena(["run", suite, "--workers", "2", "--out", whole]);
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
  }, 300_000);

  it("runs the trials, then the chosen configurations under the untuned run ids", () => {
    const rs = records(whole);
    const trials = rs.filter((r) => r.tuning?.role === "trial");
    const finals = rs.filter((r) => r.tuning?.role === "final");
    // iris: sgd and pso tuned (4 trials × 1 seed), ga untuned (search: false); moons: tuning false.
    expect(trials).toHaveLength(2 * 4);
    expect(finals.map((r) => r.runId).sort()).toEqual([
      "tiny-tuned/iris/mlp-4-5-3/pso/0",
      "tiny-tuned/iris/mlp-4-5-3/pso/1",
      "tiny-tuned/iris/mlp-4-5-3/sgd/0",
      "tiny-tuned/iris/mlp-4-5-3/sgd/1",
    ]);
    expect(rs.filter((r) => r.problem.name === "moons" && !r.baseline).every((r) => !r.tuning)).toBe(true);
    for (const f of finals) {
      const chosen = trials.find(
        (t) => t.learner.name === f.learner.name && t.tuning?.trial === f.tuning?.trial,
      );
      expect(f.learner.config).toEqual(chosen?.learner.config);
      expect(f.tuning?.cost?.runs).toBe(4);
    }
  });

  it("resumes with everything done, and gives the same records at --workers 1", () => {
    const again = arena(["run", suite, "--out", whole]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/already done; 0 ok/);
    const one = tmp("arena-tuning-");
    expect(arena(["run", suite, "--workers", "1", "--out", one]).code).toBe(0);
    expect(comparable(records(one))).toEqual(comparable(records(whole)));
  });

  it("shards wait for the merged trials, then plan the same final runs", () => {
    const s1 = tmp("arena-tuning-");
    const s2 = tmp("arena-tuning-");
    const merged = tmp("arena-tuning-");
    const first = arena(["run", suite, "--workers", "1", "--shard", "1/2", "--out", s1]);
    expect(first.code).toBe(0);
    expect(first.stderr).toMatch(/trial runs have no record yet, so its final runs wait/);
    expect(arena(["run", suite, "--workers", "1", "--shard", "2/2", "--out", s2]).code).toBe(0);
    expect(arena(["merge", join(s1, "results.jsonl"), join(s2, "results.jsonl"), "--out", merged]).code).toBe(
      0,
    );
    expect(arena(["run", suite, "--workers", "1", "--out", merged]).code).toBe(0);
    expect(comparable(records(merged))).toEqual(comparable(records(whole)));
  });

  it("reports the chosen configuration and the tuning budget curve", () => {
    expect(arena(["report", whole]).code).toBe(0);
    const md = readFileSync(join(whole, "report.md"), "utf8");
    expect(md).toMatch(/### Tuning/);
    expect(md).toMatch(/\| mlp-4-5-3\/sgd \| trial \d: lr [\d.e-]+ \|/);
    expect(md).toMatch(/Best validation accuracy of k trials/);
    // Trials are not rows of the results table.
    expect(md).not.toMatch(/~trial/);
  });
});
