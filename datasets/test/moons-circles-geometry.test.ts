import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { blobs, circles, classCounts, classLabels, moons } from "../src/index.ts";

describe("moons", () => {
  it("noiseless points lie on the two half circles of make_moons", () => {
    const ds = moons(new Rng(1), { samples: 101, noise: 0 });
    const labels = classLabels(ds);
    expect(Array.from(classCounts(labels, 2))).toEqual([51, 50]);
    for (let i = 0; i < ds.n; i++) {
      const [x, y] = [ds.x[2 * i], ds.x[2 * i + 1]];
      if (labels[i] === 0) {
        expect(Math.hypot(x, y)).toBeCloseTo(1, 6);
        expect(y).toBeGreaterThanOrEqual(-1e-7);
      } else {
        expect(Math.hypot(x - 1, y - 0.5)).toBeCloseTo(1, 6);
        expect(y).toBeLessThanOrEqual(0.5 + 1e-7);
      }
    }
  });

  it("noise moves points by N(0, noise²) per coordinate", () => {
    const clean = moons(new Rng(1), { samples: 4000, noise: 0 });
    const noisy = moons(new Rng(1), { samples: 4000, noise: 0.2 });
    let s2 = 0;
    for (let i = 0; i < clean.x.length; i++) s2 += (noisy.x[i] - clean.x[i]) ** 2;
    expect(Math.sqrt(s2 / clean.x.length)).toBeCloseTo(0.2, 2);
  });
});

describe("circles", () => {
  it("noiseless classes lie on radius 1 and radius factor", () => {
    const ds = circles(new Rng(2), { samples: 60, factor: 0.3, noise: 0 });
    const labels = classLabels(ds);
    for (let i = 0; i < ds.n; i++) {
      expect(Math.hypot(ds.x[2 * i], ds.x[2 * i + 1])).toBeCloseTo(labels[i] === 0 ? 1 : 0.3, 6);
    }
    expect(Array.from(classCounts(labels, 2))).toEqual([30, 30]);
  });
});

describe("blobs", () => {
  it("class means sit at the centres, centres inside the box", () => {
    const b = blobs(new Rng(3), { samples: 3000, centers: 3, features: 4, std: 0.5, box: 5 });
    const labels = classLabels(b);
    expect(b.xShape).toEqual([4]);
    for (const c of b.centers) expect(Math.abs(c)).toBeLessThanOrEqual(5);
    for (let c = 0; c < 3; c++) {
      for (let j = 0; j < 4; j++) {
        let s = 0;
        let n = 0;
        for (let i = 0; i < b.n; i++) {
          if (labels[i] !== c) continue;
          s += b.x[i * 4 + j];
          n++;
        }
        expect(n).toBe(1000);
        // Standard error 0.5/√1000 ≈ 0.016.
        expect(Math.abs(s / n - b.centers[c * 4 + j])).toBeLessThan(0.08);
      }
    }
  });
});
