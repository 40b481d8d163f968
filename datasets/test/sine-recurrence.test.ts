import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { sineSeries } from "../src/index.ts";

describe("sineSeries", () => {
  it("satisfies x[t+1] + x[t-1] = 2 cos(2π/period) x[t] and has the given amplitude", () => {
    const period = 17;
    const s = sineSeries(new Rng(4), { length: 500, period, amplitude: 2 });
    const c = 2 * Math.cos((2 * Math.PI) / period);
    for (let t = 1; t < s.length - 1; t++) expect(s[t + 1] + s[t - 1]).toBeCloseTo(c * s[t], 9);
    // Samples miss the exact peaks by at most a quarter step of phase.
    const edge = 2 * Math.cos(Math.PI / period);
    expect(Math.max(...s)).toBeLessThanOrEqual(2);
    expect(Math.max(...s)).toBeGreaterThan(edge);
    expect(Math.min(...s)).toBeLessThan(-edge);
  });

  it("draws the phase from the rng: same seed same series, another seed another phase", () => {
    const a = sineSeries(new Rng(1), { length: 50 });
    expect(sineSeries(new Rng(1), { length: 50 })).toEqual(a);
    expect(sineSeries(new Rng(2), { length: 50 })[0]).not.toBe(a[0]);
  });

  it("adds noise with the given standard deviation", () => {
    const clean = sineSeries(new Rng(5), { length: 20000 });
    const noisy = sineSeries(new Rng(5), { length: 20000, noise: 0.3 });
    let s2 = 0;
    for (let t = 0; t < clean.length; t++) s2 += (noisy[t] - clean[t]) ** 2;
    expect(Math.sqrt(s2 / clean.length)).toBeCloseTo(0.3, 2);
  });
});
