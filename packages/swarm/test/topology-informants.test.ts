import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  drawRandomLinks,
  globalInformantBest,
  randomInformantBest,
  ringInformantBest,
} from "../src/index.ts";

/** Best of a set of informants: lowest value; ties keep the particle itself, then the lowest index. */
function bestOf(i: number, informants: number[], f: Float64Array): number {
  let best = i;
  for (const j of [...informants].sort((a, b) => a - b)) {
    if (f[j] < f[best] || (f[j] === f[best] && best !== i && j < best)) best = j;
  }
  return best;
}

// Few distinct values so ties are common.
const values = fc.array(fc.constantFrom(0, 1, 2, 3, Number.POSITIVE_INFINITY), {
  minLength: 1,
  maxLength: 25,
});

describe("topologies", () => {
  it("global: every particle is informed by the best of the whole swarm", () => {
    fc.assert(
      fc.property(values, (v) => {
        const f = Float64Array.from(v);
        const out = new Int32Array(f.length);
        globalInformantBest(f, out);
        const all = Array.from(f.keys());
        out.forEach((b, i) => {
          expect(b).toBe(bestOf(i, all, f));
        });
      }),
    );
  });

  it("ring: particle i is informed by i − r … i + r, wrapping around", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 4 }), (v, r) => {
        const f = Float64Array.from(v);
        const n = f.length;
        const out = new Int32Array(n);
        ringInformantBest(f, r, out);
        out.forEach((b, i) => {
          const hood = new Set<number>();
          for (let k = -r; k <= r; k++) hood.add((((i + k) % n) + n) % n);
          expect(b).toBe(bestOf(i, [...hood], f));
        });
      }),
    );
  });

  it("adaptive random: particle i is informed by itself and every particle whose links point at i", () => {
    fc.assert(
      fc.property(values, fc.integer({ min: 1, max: 5 }), fc.integer(), (v, k, seed) => {
        const f = Float64Array.from(v);
        const n = f.length;
        const links = new Int32Array(n * k);
        drawRandomLinks(n, k, new Rng(seed), links);
        for (const t of links) expect(t >= 0 && t < n).toBe(true);
        const out = new Int32Array(n);
        randomInformantBest(f, links, k, out);
        out.forEach((b, i) => {
          const informants = [];
          for (let j = 0; j < n; j++)
            for (let m = 0; m < k; m++) if (links[j * k + m] === i) informants.push(j);
          expect(b).toBe(bestOf(i, informants, f));
        });
      }),
    );
  });

  it("draws links uniformly: each particle is informed by K others on average", () => {
    const n = 40;
    const k = 3;
    const links = new Int32Array(n * k);
    const counts = new Array(n).fill(0);
    const rng = new Rng(9);
    for (let rep = 0; rep < 2000; rep++) {
      drawRandomLinks(n, k, rng, links);
      for (const t of links) counts[t]++;
    }
    // Each target is hit n·k/n = k times per draw on average; 2000 draws → mean 6000, sd ≈ √(6000) ≈ 77.
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(5 * 77);
  });
});
