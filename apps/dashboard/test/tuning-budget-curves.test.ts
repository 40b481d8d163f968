import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { budgetCurve, budgetRanking, rankingText } from "../src/transforms/tuning-budget.ts";
import { tuningSearch } from "../src/transforms/tuning-search.ts";
import { tunedFixtureRecords } from "./fixtures/tuned-fixture.ts";
import { stubSearch } from "./fixtures/tuning-search-stub.ts";

describe("budgetCurve: best validation metric of k trials", () => {
  it("is the exact bootstrap of the best of k draws, k = 1 … N (hand-computed)", () => {
    // Worst first: 0.2, 0.5, 0.7, 0.9. P(best of k = i-th) = (i/4)^k − ((i−1)/4)^k.
    const c = budgetCurve(
      stubSearch("a", [{ score: 0.5 }, { score: 0.9 }, { score: 0.2 }, { score: 0.7 }]),
      true,
    );
    expect(c.k).toEqual([1, 2, 3, 4]);
    // k = 1: the plain distribution; the median is the 2nd of 4 (CDF 0.5), quartiles the 1st and 3rd.
    expect([c.q1[0], c.median[0], c.q3[0]]).toEqual([0.2, 0.5, 0.7]);
    expect(c.mean[0]).toBeCloseTo(0.575, 12);
    // k = 2: CDF (i/4)² = 1/16, 4/16, 9/16, 1 → q1 = 0.5 (CDF 0.25), median = 0.7, q3 = 0.9.
    expect([c.q1[1], c.median[1], c.q3[1]]).toEqual([0.5, 0.7, 0.9]);
    expect(c.mean[1]).toBeCloseTo((0.2 * 1 + 0.5 * 3 + 0.7 * 5 + 0.9 * 7) / 16, 12);
    // k = N: the best trial is the median.
    expect(c.median[3]).toBe(0.9);
  });

  it("follows the metric's direction (lower is better)", () => {
    const c = budgetCurve(
      stubSearch("a", [{ score: 0.5 }, { score: 0.9 }, { score: 0.2 }, { score: 0.7 }]),
      false,
    );
    expect(c.median[3]).toBe(0.2);
    expect([c.q1[0], c.median[0], c.q3[0]]).toEqual([0.9, 0.7, 0.5]);
  });

  it("leaves a gap (null) where a diverged trial's −∞ is the value, never ±∞", () => {
    const c = budgetCurve(
      stubSearch("a", [{ score: -Infinity }, { score: -Infinity }, { score: -Infinity }, { score: 0.8 }]),
      true,
    );
    // Mean: −∞ while the k draws can all be diverged trials (every k here); median −∞ until (3/4)^k < 0.5.
    expect(c.mean).toEqual([null, null, null, null]);
    expect(c.median).toEqual([null, null, 0.8, 0.8]);
    expect(c.q3[0]).toBeNull();
    expect(c.q3[1]).toBe(0.8);
  });

  it("is empty for a search without trials", () => {
    expect(budgetCurve(stubSearch("a", []), true).k).toEqual([]);
  });

  it("from records: one curve per tuned learner, over its trials' mean final validation metric", () => {
    const [moons] = groupRuns(tunedFixtureRecords());
    const searches = moons.tuned.map((t) => tuningSearch(t, true));
    const curves = searches.map((s) => budgetCurve(s, true));
    expect(curves.map((c) => [c.label, c.k.length])).toEqual([
      ["sgd", 6],
      ["ga", 6],
    ]);
    // sgd's trial 5 diverged on a seed: its score is −∞, so the mean of best-of-1 is not finite.
    const sgd = searches[0];
    expect(sgd.outcomes[5].score).toBe(-Infinity);
    expect(curves[0].mean[0]).toBeNull();
    // The median of best-of-1 is the 3rd worst of 6 trials; of best-of-6, the best trial.
    const sorted = sgd.outcomes.map((o) => o.score).sort((a, b) => a - b);
    expect(curves[0].median[0]).toBe(sorted[2]);
    expect(curves[0].median[5]).toBe(sorted[5]);
    // Each score is the mean final validation metric over the trial's two seeds.
    const trial0 = moons.tuned[0].trials.filter((r) => r.tuning?.trial === 0);
    expect(sgd.outcomes[0].score).toBeCloseTo(
      ((trial0[0].final?.valMetric ?? 0) + (trial0[1].final?.valMetric ?? 0)) / 2,
      12,
    );
  });
});

describe("budgetRanking", () => {
  const a = budgetCurve(stubSearch("a", [{ score: 0.6 }, { score: 0.6 }, { score: 0.95 }]), true);
  const b = budgetCurve(stubSearch("b", [{ score: 0.8 }, { score: 0.8 }, { score: 0.8 }]), true);
  const c = budgetCurve(stubSearch("c", [{ score: 0.8 }, { score: 0.8 }, { score: 0.8 }]), true);

  it("orders by the median best of k, best first, with equal learners grouped", () => {
    expect(budgetRanking([a, b, c], 1, true)).toEqual([["b", "c"], ["a"]]);
    expect(budgetRanking([a, b, c], 3, true)).toEqual([["a"], ["b", "c"]]);
    expect(rankingText(budgetRanking([a, b, c], 1, true))).toBe("b = c > a");
    expect(budgetRanking([a, b], 1, false)).toEqual([["a"], ["b"]]);
  });

  it("leaves out a curve with no finite median at k", () => {
    const d = budgetCurve(
      stubSearch("d", [{ score: -Infinity }, { score: -Infinity }, { score: 0.99 }]),
      true,
    );
    expect(budgetRanking([a, d], 1, true)).toEqual([["a"]]);
    expect(budgetRanking([a, d], 3, true)).toEqual([["d"], ["a"]]);
  });
});
