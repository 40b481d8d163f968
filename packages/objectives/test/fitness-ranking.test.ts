import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { rankOrder, sanitizeFitness } from "../src/index.ts";

describe("fitness ranking", () => {
  it("sanitizeFitness turns every non-finite value into +Infinity and counts them", () => {
    const out = new Float64Array(5);
    const n = sanitizeFitness([1, Number.NaN, Number.NEGATIVE_INFINITY, -2, Number.POSITIVE_INFINITY], out);
    expect(Array.from(out)).toEqual([1, Infinity, Infinity, -2, Infinity]);
    expect(n).toBe(3);
  });

  it("rankOrder sorts best first, ties (infinities included) in index order", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: -3, max: 3 }), fc.constant(Number.NaN)), { maxLength: 30 }),
        (raw) => {
          const f = new Float64Array(raw.length);
          sanitizeFitness(raw, f);
          const order = new Int32Array(raw.length);
          rankOrder(f, order);
          const want = Array.from(f.keys()).sort((a, b) => (f[a] === f[b] ? a - b : f[a] < f[b] ? -1 : 1));
          expect(Array.from(order)).toEqual(want);
        },
      ),
    );
  });
});
