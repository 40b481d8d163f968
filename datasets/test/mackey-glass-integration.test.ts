import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { MACKEY_GLASS, mackeyGlassSeries } from "../src/index.ts";

const maxDiff = (a: Float64Array, b: Float64Array) =>
  a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

describe("mackeyGlassSeries", () => {
  it("uses the standard constants", () => {
    expect(MACKEY_GLASS).toEqual({ beta: 0.2, gamma: 0.1, n: 10, tau: 17 });
  });

  it("converges at fourth order: halving the RK4 step cuts the error about 16-fold", () => {
    const o = { length: 200, washout: 0 };
    const ref = mackeyGlassSeries(new Rng(1), { ...o, step: 0.0125 });
    const e1 = maxDiff(mackeyGlassSeries(new Rng(1), { ...o, step: 0.1 }), ref);
    const e2 = maxDiff(mackeyGlassSeries(new Rng(1), { ...o, step: 0.05 }), ref);
    expect(e1).toBeLessThan(1e-6);
    expect(e1 / e2).toBeGreaterThan(12);
    expect(e1 / e2).toBeLessThan(20);
  });

  it("satisfies the delay differential equation", () => {
    // Sample finely (every 0.1) so a central difference approximates dx/dt.
    const h = 0.1;
    const s = mackeyGlassSeries(new Rng(1), { length: 3000, sampleInterval: h, step: 0.05 });
    const lag = Math.round(17 / h);
    const { beta, gamma, n } = MACKEY_GLASS;
    let worst = 0;
    for (let i = lag + 1; i < s.length - 1; i++) {
      const dxdt = (s[i + 1] - s[i - 1]) / (2 * h);
      const xd = s[i - lag];
      const rhs = (beta * xd) / (1 + xd ** n) - gamma * s[i];
      worst = Math.max(worst, Math.abs(dxdt - rhs));
    }
    expect(worst).toBeLessThan(1e-3);
  });

  it("stays on the τ = 17 attractor (about 0.4..1.32) and is aperiodic", () => {
    const s = mackeyGlassSeries(new Rng(1), { length: 5000 });
    expect(Math.min(...s)).toBeGreaterThan(0.35);
    expect(Math.max(...s)).toBeLessThan(1.35);
    const mean = s.reduce((a, b) => a + b) / s.length;
    expect(mean).toBeGreaterThan(0.85);
    expect(mean).toBeLessThan(0.95);
    // No exact period up to 500 samples: the series never repeats to 1e-3.
    for (let p = 10; p <= 500; p++)
      expect(maxDiff(s.subarray(0, 1000), s.subarray(p, p + 1000))).toBeGreaterThan(1e-3);
  });

  it("is deterministic; rng only adds observation noise", () => {
    const a = mackeyGlassSeries(new Rng(1), { length: 100 });
    expect(mackeyGlassSeries(new Rng(2), { length: 100 })).toEqual(a);
    const noisy = mackeyGlassSeries(new Rng(1), { length: 100, noise: 0.01 });
    expect(maxDiff(noisy, a)).toBeGreaterThan(0);
    expect(maxDiff(noisy, a)).toBeLessThan(0.06);
  });

  it("rejects a step that does not divide τ", () => {
    expect(() => mackeyGlassSeries(new Rng(1), { step: 0.3 })).toThrow(
      "mackey-glass: tau: expected a positive multiple of step = 0.3 (got 17)",
    );
  });
});
