import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { holm } from "../src/index.ts";

describe("holm: Holm–Bonferroni adjusted p-values", () => {
  it("matches p.adjust(c(0.01, 0.04, 0.03, 0.005), 'holm') = 0.03 0.06 0.06 0.02 (hand-computed)", () => {
    // sorted 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → running max 0.06
    const adj = holm([0.01, 0.04, 0.03, 0.005]);
    const expected = [0.03, 0.06, 0.06, 0.02];
    for (let i = 0; i < adj.length; i++) expect(adj[i]).toBeCloseTo(expected[i], 15);
  });

  it("caps at 1 and leaves a single p-value unchanged", () => {
    expect(holm([0.5, 0.6, 0.01])).toEqual([1, 1, 0.03]);
    expect(holm([0.2])).toEqual([0.2]);
    expect(holm([])).toEqual([]);
  });

  it("matches the step-down procedure's decisions at α = 0.05 (Holm 1979)", () => {
    // Reject the smallest p while p_(k) ≤ α/(m − k + 1); stop at the first failure.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 12 }),
        (ps) => {
          const alpha = 0.05;
          const order = ps.map((_, i) => i).sort((a, b) => ps[a] - ps[b]);
          const reject = new Array<boolean>(ps.length).fill(false);
          for (let k = 0; k < order.length; k++) {
            if (ps[order[k]] <= alpha / (ps.length - k)) reject[order[k]] = true;
            else break;
          }
          const adj = holm(ps);
          // Boundary equality can round either way; skip values within 1e-12 of α.
          ps.forEach((_, i) => {
            if (Math.abs(adj[i] - alpha) > 1e-12) expect(adj[i] <= alpha).toBe(reject[i]);
          });
        },
      ),
    );
  });

  it("adjusted ≥ raw, ≤ 1, and monotone in the raw p-values", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 20 }),
        (ps) => {
          const adj = holm(ps);
          for (let i = 0; i < ps.length; i++) {
            expect(adj[i]).toBeGreaterThanOrEqual(ps[i]);
            expect(adj[i]).toBeLessThanOrEqual(1);
            for (let j = 0; j < ps.length; j++)
              if (ps[i] <= ps[j]) expect(adj[i]).toBeLessThanOrEqual(adj[j]);
          }
        },
      ),
    );
  });

  it("rejects values that are not probabilities", () => {
    expect(() => holm([0.1, 1.2])).toThrow("holm: pValues[1]: expected a probability in [0, 1] (got 1.2)");
    expect(() => holm([Number.NaN])).toThrow("holm: pValues[0]: expected a probability in [0, 1] (got NaN)");
  });
});
