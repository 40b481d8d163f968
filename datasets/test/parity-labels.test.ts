import { describe, expect, it } from "vitest";
import { parity } from "../src/index.ts";

describe("parity", () => {
  it("holds all 2^n distinct patterns with target = number of ones mod 2", () => {
    for (let bits = 1; bits <= 10; bits++) {
      const ds = parity({ bits });
      expect([ds.n, ds.xShape, ds.yShape]).toEqual([2 ** bits, [bits], [1]]);
      const seen = new Set<string>();
      let odd = 0;
      for (let i = 0; i < ds.n; i++) {
        const row = Array.from(ds.x.subarray(i * bits, (i + 1) * bits));
        seen.add(row.join(""));
        const ones = row.reduce((a, b) => a + b, 0);
        expect(ds.y[i]).toBe(ones % 2);
        odd += ds.y[i];
      }
      expect(seen.size).toBe(ds.n);
      expect(odd).toBe(ds.n / 2);
    }
  });

  it("flipping any one bit flips the target", () => {
    const bits = 5;
    const ds = parity({ bits });
    for (let i = 0; i < ds.n; i++)
      for (let j = 0; j < bits; j++) expect(ds.y[i ^ (1 << j)]).toBe(1 - ds.y[i]);
  });

  it("rejects out-of-range sizes", () => {
    expect(() => parity({ bits: 17 })).toThrow("parity: bits: Too big: expected number to be <=16 (got 17)");
  });
});
