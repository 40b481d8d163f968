import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EpochSampler } from "../src/index.ts";

/** Sample i has x = [i, 100 + i] (two values) and y = [−i]. */
function indexed(n: number) {
  const x = new Float32Array(2 * n);
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    x[2 * i] = i;
    x[2 * i + 1] = 100 + i;
    y[i] = -i;
  }
  return { n, x, y, xShape: [2], yShape: [1] };
}

describe("EpochSampler", () => {
  it("visits every sample exactly once per epoch, in batches of batchSize and a remainder, rows intact", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer(),
        (n, b, seed) => {
          const s = new EpochSampler(indexed(n), b, new Rng(seed));
          for (let epoch = 0; epoch < 3; epoch++) {
            const seen: number[] = [];
            const sizes: number[] = [];
            do {
              const k = s.next();
              sizes.push(k);
              for (let r = 0; r < k; r++) {
                const i = s.x[2 * r];
                expect(s.x[2 * r + 1]).toBe(100 + i);
                expect(s.y[r]).toBe(-i);
                seen.push(i);
              }
            } while (s.position !== 0);
            expect(s.epoch).toBe(epoch + 1);
            expect(seen.sort((a, c) => a - c)).toEqual(Array.from({ length: n }, (_, i) => i));
            const full = Math.min(b, n);
            expect(sizes.slice(0, -1).every((k) => k === full)).toBe(true);
            expect(sizes[sizes.length - 1]).toBe(n % full === 0 ? full : n % full);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it("reshuffles every epoch from its Rng: same seed, same orders; a new order each epoch", () => {
    const orders = (seed: number) => {
      const s = new EpochSampler(indexed(30), 30, new Rng(seed));
      return [0, 1, 2].map(() => {
        s.next();
        return Array.from(s.x.filter((_, j) => j % 2 === 0));
      });
    };
    const a = orders(7);
    expect(orders(7)).toEqual(a);
    expect(a[1]).not.toEqual(a[0]);
    expect(a[2]).not.toEqual(a[1]);
    expect(orders(8)[0]).not.toEqual(a[0]);
  });

  it("keeps the natural order with shuffle off, and copies whole sequences", () => {
    const n = 5;
    const T = 3;
    const x = Float32Array.from({ length: n * T * 2 }, (_, i) => i);
    const y = Float32Array.from({ length: n }, (_, i) => i);
    const s = new EpochSampler({ n, x, y, xShape: [T, 2], yShape: [1] }, 2, new Rng(1), false);
    expect(s.next()).toBe(2);
    expect(Array.from(s.x)).toEqual(Array.from(x.subarray(0, 12)));
    s.next();
    expect(s.next()).toBe(1);
    expect(Array.from(s.x.subarray(0, 6))).toEqual(Array.from(x.subarray(24, 30)));
    expect(s.y[0]).toBe(4);
  });

  it("draws into the arrays `alloc` makes (a trainer's backend memory)", () => {
    const n = 5;
    const x = Float32Array.from({ length: n * 2 }, (_, i) => i);
    const y = Float32Array.from({ length: n }, (_, i) => i * 10);
    const memory = new Float32Array(64);
    const made: number[] = [];
    let top = 0;
    const alloc = (k: number) => {
      made.push(k);
      top += k;
      return memory.subarray(top - k, top);
    };
    const s = new EpochSampler({ n, x, y, xShape: [2], yShape: [1] }, 2, new Rng(1), false, alloc);
    expect(made).toEqual([4, 2]);
    expect(s.x.buffer).toBe(memory.buffer);
    s.next();
    expect(Array.from(memory.subarray(0, 6))).toEqual([0, 1, 2, 3, 0, 10]);
  });

  it("rejects what it cannot sample, naming the value", () => {
    const d = indexed(4);
    expect(() => new EpochSampler(d, 0, new Rng(1))).toThrow(/batchSize must be an integer >= 1, got 0/);
    expect(() => new EpochSampler({ ...d, n: 0 }, 2, new Rng(1))).toThrow(/at least one sample, got n = 0/);
    expect(() => new EpochSampler({ ...d, xShape: [3] }, 2, new Rng(1))).toThrow(
      /x has 8 values, 4 samples of shape \[3\] need 12/,
    );
  });
});
