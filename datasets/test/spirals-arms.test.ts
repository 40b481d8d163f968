import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { classCounts, classLabels, langWitbrockSpirals, spirals } from "../src/index.ts";

/** Distance of an angle to the nearest multiple of 2π. */
const wrap = (a: number) => Math.abs(a - 2 * Math.PI * Math.round(a / (2 * Math.PI)));

describe("spirals", () => {
  it("gives each arm its share of points, and each noiseless point lies on its own arm", () => {
    for (const arms of [2, 3, 5]) {
      const turns = 1.75;
      const ds = spirals(new Rng(arms), { samples: 301, arms, turns, noise: 0 });
      expect([ds.n, ds.xShape, ds.yShape]).toEqual([301, [2], [arms]]);
      const labels = classLabels(ds);
      const counts = Array.from(classCounts(labels, arms));
      expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      for (let i = 0; i < ds.n; i++) {
        const [px, py] = [ds.x[2 * i], ds.x[2 * i + 1]];
        const r = Math.hypot(px, py);
        expect(r).toBeLessThan(1);
        if (r < 1e-3) continue; // the angle is meaningless at the centre
        // Arm a: angle = 2π·turns·r + 2πa/arms.
        const offset = Math.atan2(py, px) - 2 * Math.PI * turns * r;
        const expected = (2 * Math.PI * labels[i]) / arms;
        expect(wrap(offset - expected)).toBeLessThan(1e-4 / r + 1e-5);
      }
    }
  });

  it("is deterministic per seed and adds noise of the given size", () => {
    const a = spirals(new Rng(9), { samples: 4000, noise: 0.1 });
    expect(spirals(new Rng(9), { samples: 4000, noise: 0.1 }).x).toEqual(a.x);
    expect(spirals(new Rng(10), { samples: 4000, noise: 0.1 }).x).not.toEqual(a.x);
    // The clean positions come first in the stream, so the difference is exactly the noise.
    const clean = spirals(new Rng(9), { samples: 4000, noise: 0 });
    let s1 = 0;
    let s2 = 0;
    for (let i = 0; i < a.x.length; i++) {
      const d = a.x[i] - clean.x[i];
      s1 += d;
      s2 += d * d;
    }
    expect(s1 / a.x.length).toBeCloseTo(0, 2);
    expect(Math.sqrt(s2 / a.x.length)).toBeCloseTo(0.1, 2);
  });

  it("reproduces Lang & Witbrock's 194-point benchmark", () => {
    const ds = langWitbrockSpirals();
    expect(ds.n).toBe(194);
    expect(Array.from(classCounts(classLabels(ds), 2))).toEqual([97, 97]);
    expect([ds.x[0], ds.x[1]]).toEqual([0, 6.5]);
    // Points come in pairs (class 1, then its reflection in class 0).
    for (let i = 0; i < 97; i++) {
      expect(ds.x[4 * i + 2]).toBe(-ds.x[4 * i]);
      expect(ds.x[4 * i + 3]).toBe(-ds.x[4 * i + 1]);
    }
    expect(Math.hypot(ds.x[4 * 96], ds.x[4 * 96 + 1])).toBeCloseTo((6.5 * 8) / 104, 5);
  });
});
