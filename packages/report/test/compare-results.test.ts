import { parseCompare, type RunRecord, serializeCompare } from "@arena/results";
import { holm, mannWhitneyMinP } from "@arena/stats";
import { describe, expect, it } from "vitest";
import { compareResults, relativeChange } from "../src/compare-results.ts";
import { costTarget } from "../src/compare-values.ts";
import { configChanges } from "../src/config-changes.ts";
import { renderCompareMarkdown, renderCompareSummary } from "../src/render-compare.ts";
import { baselineRecord, record } from "./fixtures/report-records.ts";

const LADDER = [0.8, 0.9, 0.95];

interface RunOptions {
  /** FLOPs at first reach of each target of LADDER (null: not reached). */
  hits?: (number | null)[];
  wallMs?: number;
  hash?: string;
  status?: RunRecord["status"];
  rmse?: boolean;
}

/** A record of learner `learner`, repetition `rep`, final test metric `test`, on problem "p". */
function run(learner: string, rep: number, test: number, o: RunOptions = {}): RunRecord {
  const r = record(learner, rep, test, null, o.status ?? "ok");
  const hits = o.hits ?? LADDER.map(() => null);
  return {
    ...r,
    ...(o.hash ? { configHash: o.hash } : {}),
    ...(o.rmse ? { metric: { name: "rmse" as const, higherIsBetter: false } } : {}),
    trace: r.trace.map((cp) => ({ ...cp, wallMs: o.wallMs ?? cp.wallMs })),
    targets: LADDER.map((target, i) => {
      const h = hits[i] ?? null;
      return h === null
        ? { target, reached: false, flops: null, evaluations: null, step: null, wallMs: null }
        : { target, reached: true, flops: h, evaluations: h / 25, step: 1, wallMs: 1 };
    }),
  };
}

/** Runs 0..n-1 of `learner` with the given test metrics. */
const runs = (learner: string, tests: number[], o: RunOptions = {}) =>
  tests.map((t, i) => run(learner, i, t, o));

const spread = (from: number, step: number, n = 10) => Array.from({ length: n }, (_, i) => from + i * step);

describe("compareResults", () => {
  it("finds no regression between identical sets: every p is 1", () => {
    const rs = runs("a", spread(0.9, 0.005), { hits: [100, 200, null] });
    const c = compareResults(rs, rs);
    expect(c.outcome).toBe("no regression");
    expect(c.regressions).toEqual([]);
    expect(c.rows).toHaveLength(1);
    for (const f of Object.values(c.rows[0].figures)) {
      expect(f.p).toBe(1);
      expect(f.pHolm).toBe(1);
      expect(f.a12).toBe(0.5);
      expect(f.relativeChange).toBe(0);
      expect(f.verdict).toBe("no change");
    }
    expect(c.runs).toMatchObject({ paired: 10, onlyInBase: 0, onlyInNew: 0, configChanged: 0 });
    expect(renderCompareSummary(c)).toMatch(/No regression\./);
  });

  it("flags a worse row and not a better one", () => {
    const base = [...runs("a", spread(0.9, 0.009)), ...runs("b", spread(0.8, 0.009))];
    const next = [...runs("a", spread(0.8, 0.009)), ...runs("b", spread(0.9, 0.009))];
    const c = compareResults(base, next);
    const [a, b] = c.rows;
    expect(a.figures.finalMetric).toMatchObject({ verdict: "regression", a12: 0, method: "exact" });
    expect(a.figures.finalMetric.relativeChange).toBeCloseTo((0.8405 - 0.9405) / 0.9405, 12);
    expect(b.figures.finalMetric).toMatchObject({ verdict: "better", a12: 1 });
    expect(c.regressions).toEqual([{ problem: "p", key: "m/a", figure: "finalMetric" }]);
    expect(c.outcome).toBe("regression");
    const md = renderCompareMarkdown(c);
    expect(md).toContain("**REGRESSION: 1 figure of NEW regressed against BASE.**");
    expect(md).toMatch(/- p m\/a final test accuracy: 0\.941 → 0\.841 \(-10\.6%/);
  });

  it("does not flag a significant change within the threshold, and does beyond it", () => {
    // All of NEW below all of BASE, but the medians differ by about 0.1%.
    const base = runs("a", spread(0.9, 0.0001));
    const next = runs("a", spread(0.899, 0.0001));
    const within = compareResults(base, next).rows[0].figures.finalMetric;
    expect(within.pHolm).toBeLessThan(0.05);
    expect(within.a12).toBe(0);
    expect(within.verdict).toBe("worse");
    const tight = compareResults(base, next, { threshold: 0.0005 });
    expect(tight.rows[0].figures.finalMetric.verdict).toBe("regression");
    expect(tight.outcome).toBe("regression");
  });

  it("Holm-adjusts over every flaggable test; wall time alone is a family of its own unless it has a threshold", () => {
    const base = [...runs("a", spread(0.9, 0.009)), ...runs("b", spread(0.8, 0.009))];
    const next = [
      ...runs("a", spread(0.8, 0.009), { wallMs: 6 }),
      ...runs("b", [0.8, 0.85, 0.82, 0.9, 0.81, 0.86, 0.84, 0.83, 0.87, 0.88]),
    ];
    const c = compareResults(base, next);
    const metric = c.rows.map((r) => r.figures.finalMetric);
    const wall = c.rows.map((r) => r.figures.wallMs);
    // Cost to target is untested (no target reached): the flaggable family is the 2 final metrics.
    expect(c.rows.every((r) => r.figures.costToTarget.p === null)).toBe(true);
    expect(c.detectability.tests).toBe(2);
    expect(metric.map((f) => f.pHolm)).toEqual(holm(metric.map((f) => f.p as number)));
    expect(wall.map((f) => f.pHolm)).toEqual(holm(wall.map((f) => f.p as number)));
    // The smallest raw p is multiplied by m = 2.
    expect(metric[0].pHolm).toBeCloseTo(2 * (metric[0].p as number), 15);
    // With a time threshold, wall time joins the flaggable family: m = 4.
    const timed = compareResults(base, next, { timeThreshold: 0.2 });
    const all = timed.rows.flatMap((r) => [r.figures.finalMetric, r.figures.wallMs]);
    expect(timed.detectability.tests).toBe(4);
    expect(all.map((f) => f.pHolm)).toEqual(holm(all.map((f) => f.p as number)));
  });

  it("orients A12 so that > 0.5 means NEW is better, for accuracy and for RMSE", () => {
    const acc = compareResults(runs("a", spread(0.5, 0.01)), runs("a", spread(0.7, 0.01)));
    expect(acc.rows[0].figures.finalMetric).toMatchObject({ a12: 1, verdict: "better" });
    const rmseBase = runs("a", spread(0.5, 0.01), { rmse: true });
    const lower = compareResults(rmseBase, runs("a", spread(0.3, 0.01), { rmse: true }));
    expect(lower.rows[0].figures.finalMetric).toMatchObject({ a12: 1, verdict: "better" });
    const higher = compareResults(rmseBase, runs("a", spread(0.7, 0.01), { rmse: true }));
    expect(higher.rows[0].figures.finalMetric).toMatchObject({ a12: 0, verdict: "regression" });
    expect(higher.rows[0].figures.finalMetric.relativeChange).toBeGreaterThan(0);
  });

  it("counts a diverged run as the worst final metric and leaves failed runs out", () => {
    const base = runs("a", spread(0.9, 0.005));
    const next = spread(0.9, 0.005).map((t, i) =>
      run("a", i, t, { status: i < 4 ? "ok" : i < 9 ? "diverged" : "failed" }),
    );
    const c = compareResults(base, next);
    const f = c.rows[0].figures.finalMetric;
    expect(c.rows[0].new).toEqual({ runs: 10, ok: 4, diverged: 5, failed: 1 });
    expect(f.nNew).toBe(9);
    expect(f.newMedian).toBe(Number.NEGATIVE_INFINITY);
    expect(f.relativeChange).toBe(Number.NEGATIVE_INFINITY);
    expect(f.verdict).toBe("regression");
    expect(f.pHolm).toBeLessThan(0.05);
    // The same runs, all finished: nothing to flag.
    expect(compareResults(base, base).rows[0].figures.finalMetric.nNew).toBe(10);
  });

  it("cost to target: the hardest target half of BASE reached, unreached runs as +∞", () => {
    // BASE: every run reaches 0.8 and 0.9, 4 of 10 reach 0.95 → target 0.9.
    const base = spread(1000, 10).map((h, i) =>
      run("a", i, 0.95, { hits: [h / 2, h, i < 4 ? 2 * h : null] }),
    );
    expect(costTarget(base)).toBe(0.9);
    // NEW: 3 of 10 reach 0.9, later.
    const next = spread(5000, 10).map((h, i) => run("a", i, 0.95, { hits: [h / 2, i < 3 ? h : null, null] }));
    const f = compareResults(base, next).rows[0].figures.costToTarget;
    expect(f).toMatchObject({ target: 0.9, nBase: 10, nNew: 10, a12: 0, verdict: "regression" });
    expect(f.baseMedian).toBeCloseTo(1045, 12);
    expect(f.newMedian).toBe(Number.POSITIVE_INFINITY);
    expect(f.relativeChange).toBe(Number.POSITIVE_INFINITY);
    // A ladder on a loss (lower is harder): hardness is read from BASE's hits, not from the values.
    const loss = spread(1000, 10).map((h, i) =>
      run("a", i, 0.95, { hits: [i < 2 ? 3 * h : null, i < 6 ? 2 * h : null, h] }),
    );
    expect(costTarget(loss)).toBe(0.9);
    // Equal hits: the target reached later is harder.
    expect(costTarget(runs("a", spread(0.9, 0), { hits: [100, 300, 300] }))).toBe(0.95);
    expect(costTarget(runs("a", spread(0.9, 0), { hits: [100, 300, 200] }))).toBe(0.9);
    // Fewer than half of BASE reached any target: not tested.
    const rare = spread(0.95, 0).map((t, i) => run("a", i, t, { hits: [i < 4 ? 100 : null, null, null] }));
    const none = compareResults(rare, rare).rows[0].figures.costToTarget;
    expect(none).toMatchObject({ target: null, verdict: "not tested", p: null, pHolm: null });
    expect(none.note).toMatch(/^no target/);
  });

  it("lists runs whose config hashes differ, marks their rows, and notes runs without a hash", () => {
    const base = [...runs("a", spread(0.9, 0.005), { hash: "0000000a" }), ...runs("b", [0.9, 0.91])];
    const next = [
      ...spread(0.9, 0.005).map((t, i) => run("a", i, t, { hash: i < 3 ? "0000000b" : "0000000a" })),
      ...runs("b", [0.9, 0.91], { hash: "0000000c" }),
    ];
    expect(configChanges(base, next).map((c) => c.runId)).toEqual(["s/p/m/a/0", "s/p/m/a/1", "s/p/m/a/2"]);
    const c = compareResults(base, next);
    expect(c.configChanges[0]).toEqual({ runId: "s/p/m/a/0", base: "0000000a", new: "0000000b" });
    expect(c.runs).toMatchObject({ paired: 12, configChanged: 3, unknownHash: 2 });
    expect(c.rows.map((r) => [r.key, r.configChanged, r.unknownHash])).toEqual([
      ["m/a", true, 0],
      ["m/b", false, 2],
    ]);
    const md = renderCompareMarkdown(c);
    expect(md).toContain("m/a (config changed)");
    expect(md).toMatch(/3 runs were made with other settings/);
    expect(md).toMatch(/2 paired runs have no config hash/);
  });

  it("lists rows on one side only without testing them, and ignores trials and baselines", () => {
    const trial = { ...run("a", 0, 0.1), runId: "s/p/m/a~trial-0/0", tuning: tuningInfo() };
    const base = [...runs("a", spread(0.9, 0.005)), ...runs("old", [0.9, 0.8]), trial];
    const next = [
      ...runs("a", spread(0.9, 0.005)),
      ...runs("young", [0.9]),
      baselineRecord("majority", "trivial", 0, 0.3, 0.3),
    ];
    const c = compareResults(base, next, {}, { base: { label: "A" }, new: { label: "B" } });
    expect(c.rows.map((r) => r.key)).toEqual(["m/a"]);
    expect(c.onlyInBase).toEqual([{ problem: "p", key: "m/old", runs: 2 }]);
    expect(c.onlyInNew).toEqual([{ problem: "p", key: "m/young", runs: 1 }]);
    expect(c.base).toMatchObject({ label: "A", source: { records: 13 }, runs: { runs: 12 } });
    expect(c.new.runs.runs).toBe(11);
    // One flaggable test (the final metric of m/a; no target on this ladder); wall time apart.
    expect(c.detectability.tests).toBe(1);
    const md = renderCompareMarkdown(c);
    expect(md).toContain("## Only in BASE (not tested)\n\n- p: m/old (2 runs)");
    expect(md).toContain("## Only in NEW (not tested)\n\n- p: m/young (1 runs)");
  });

  it("says when too few runs cannot detect a regression, however large", () => {
    const c = compareResults(runs("a", [0.9, 0.91, 0.92]), runs("a", [0.1, 0.11, 0.12]));
    // 3 vs 3: the smallest exact two-sided p is 2/20 = 0.1 > 0.05, even before any Holm factor.
    expect(c.detectability).toMatchObject({ tests: 1, minRuns: 3, canDetect: false });
    expect(c.detectability.smallestP).toBeCloseTo(mannWhitneyMinP(3, 3), 15);
    expect(c.detectability.smallestAdjustedP).toBeCloseTo(0.1, 12);
    expect(c.rows[0].figures.finalMetric.verdict).toBe("no change");
    expect(c.outcome).toBe("cannot detect");
    expect(renderCompareMarkdown(c)).toMatch(/cannot detect a regression with these runs, however large/);
    expect(renderCompareSummary(c)).toMatch(/cannot detect one with these runs/);
  });

  it("flags wall time only with a time threshold", () => {
    const base = runs("a", spread(0.9, 0.005), { wallMs: 100 });
    const next = spread(0.9, 0.005).map((t, i) => run("a", i, t, { wallMs: 200 + i }));
    const quiet = compareResults(base, next);
    expect(quiet.rows[0].figures.wallMs).toMatchObject({ verdict: "worse", threshold: null });
    expect(quiet.outcome).toBe("no regression");
    expect(renderCompareMarkdown(quiet)).toMatch(
      /tested and reported, Holm-corrected in a family of its own .* but never flagged/,
    );
    const strict = compareResults(base, next, { timeThreshold: 0.2 });
    expect(strict.rows[0].figures.wallMs.verdict).toBe("regression");
    expect(strict.regressions).toEqual([{ problem: "p", key: "m/a", figure: "wallMs" }]);
  });

  it("writes compare.json that round-trips, infinities included; parseCompare never throws", () => {
    const base = runs("a", spread(0.9, 0.005), { hits: [1, 2, 3] });
    const next = runs("a", spread(0.9, 0.005), { status: "diverged" });
    const c = compareResults(base, next);
    const text = serializeCompare(c);
    expect(text).toContain('"-Infinity"');
    const back = parseCompare(text);
    expect(back.ok && back.compare).toEqual(c);
    expect(parseCompare("{").ok).toBe(false);
    const other = parseCompare(JSON.stringify({ schema: "arena.compare/9" }));
    expect(!other.ok && other.error.kind).toBe("version");
    expect(parseCompare("null").ok).toBe(false);
  });

  it("relative change of medians: signed, infinite from 0 or a non-finite base", () => {
    expect(relativeChange(0.5, 0.4)).toBeCloseTo(-0.2, 15);
    expect(relativeChange(0, 0)).toBe(0);
    expect(relativeChange(0, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(relativeChange(Number.POSITIVE_INFINITY, 5)).toBe(Number.NEGATIVE_INFINITY);
    expect(relativeChange(Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY)).toBe(0);
  });

  it("refuses bad settings", () => {
    expect(() => compareResults([], [], { alpha: 1 })).toThrow(/settings\.alpha/);
    expect(() => compareResults([], [], { threshold: -1 })).toThrow(/settings\.threshold/);
    expect(() => compareResults([], [], { timeThreshold: Number.NaN })).toThrow(/timeThreshold/);
  });
});

function tuningInfo(): NonNullable<RunRecord["tuning"]> {
  return { role: "trial", trial: 0, trials: 4, seeds: 1, sampler: "quasirandom", params: {}, space: {} };
}
