import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { argmaxRows, copyTask } from "../src/index.ts";

describe("copyTask", () => {
  it("targets reproduce the pattern after the delimiter and are blank elsewhere", () => {
    const K = 6;
    const L = 4;
    const delay = 7;
    const T = 2 * L + delay;
    const ds = copyTask(new Rng(1), { samples: 300, symbols: K, length: L, delay });
    expect([ds.xShape, ds.yShape]).toEqual([
      [T, K + 2],
      [T, K + 1],
    ]);
    const xin = argmaxRows(ds.x, K + 2);
    const yout = argmaxRows(ds.y, K + 1);
    const used = new Set<number>();
    for (let s = 0; s < ds.n; s++) {
      for (let t = 0; t < T; t++) {
        const i = xin[s * T + t];
        const o = yout[s * T + t];
        if (t < L) {
          expect(i >= 1 && i <= K).toBe(true);
          used.add(i);
        } else if (t === L + delay - 1) expect(i).toBe(K + 1);
        else expect(i).toBe(0);
        if (t >= L + delay) expect(o).toBe(xin[s * T + t - L - delay]);
        else expect(o).toBe(0);
      }
    }
    expect(used.size).toBe(K); // every symbol occurs
    // Rows are one-hot.
    for (let r = 0; r < ds.n * T; r++) {
      expect(ds.x.subarray(r * (K + 2), (r + 1) * (K + 2)).reduce((a, b) => a + b)).toBe(1);
      expect(ds.y.subarray(r * (K + 1), (r + 1) * (K + 1)).reduce((a, b) => a + b)).toBe(1);
    }
  });

  it("is deterministic per seed", () => {
    expect(copyTask(new Rng(4), { samples: 5 })).toEqual(copyTask(new Rng(4), { samples: 5 }));
  });
});
