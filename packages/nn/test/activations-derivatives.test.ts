import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  activate,
  activationBackwardFlat,
  activationDerivative,
  activationForward,
  activationForwardFlat,
  sigmoidApprox,
  tanhApprox,
} from "../src/index.ts";

// Points away from the kinks of relu / leaky relu / elu at 0, where the derivative is one-sided.
const POINTS = [-6, -2.5, -1, -0.3, -0.01, 0.02, 0.4, 1, 2.2, 7];

describe("activations", () => {
  it.each(ACTIVATIONS)("%s: derivative matches a float64 central difference", (kind) => {
    // The models' tanh and sigmoid are rational approximations good to 2.6e-7 (tanh-approx.ts); a
    // difference quotient at h = 1e-3 sees that error amplified to ~1e-4 at most, and its own
    // truncation error is ~h²/6·f‴ < 1e-6. A wrong derivative is off by far more.
    for (const x of POINTS) {
      const h = 1e-3;
      const numeric = (activate(kind, x + h) - activate(kind, x - h)) / (2 * h);
      const analytic = activationDerivative(kind, x, activate(kind, x));
      expect(Math.abs(analytic - numeric)).toBeLessThan(3e-4 * (1 + Math.abs(numeric)));
    }
  });

  it("tanh and sigmoid approximations stay within 2.6e-7 of the exact functions", () => {
    let worstT = 0;
    let worstS = 0;
    for (let i = -40000; i <= 40000; i++) {
      const x = i * 5e-4;
      worstT = Math.max(worstT, Math.abs(tanhApprox(x) - Math.tanh(x)));
      worstS = Math.max(worstS, Math.abs(sigmoidApprox(x) - 1 / (1 + Math.exp(-x))));
    }
    expect(worstT).toBeLessThan(2.7e-7);
    expect(worstS).toBeLessThan(1.4e-7);
    expect(tanhApprox(-1e9)).toBeCloseTo(-1, 6);
    expect(tanhApprox(-0)).toBe(-0);
    expect(Number.isNaN(tanhApprox(Number.NaN))).toBe(true);
    expect(Number.isNaN(sigmoidApprox(Number.NaN))).toBe(true);
  });

  it.each(ACTIVATIONS)("%s: buffer forward and backward agree with the scalar forms", (kind) => {
    const z = Float32Array.from(POINTS);
    const y = new Float32Array(z.length);
    activationForwardFlat(kind, z.length, z, 0, y, 0);
    const dy = Float32Array.from(POINTS, (_, i) => 0.5 + i);
    const dz = new Float32Array(z.length);
    activationBackwardFlat(kind, z.length, z, 0, y, 0, dy, 0, dz, 0);
    for (let i = 0; i < z.length; i++) {
      expect(y[i]).toBeCloseTo(Math.fround(activate(kind, z[i])), 6);
      expect(dz[i]).toBeCloseTo(dy[i] * activationDerivative(kind, z[i], y[i]), 5);
    }
  });

  it("known values", () => {
    expect(activate("sigmoid", 0)).toBe(0.5);
    expect(activate("relu", -3)).toBe(0);
    expect(activate("leaky-relu", -2)).toBeCloseTo(-0.02, 12);
    expect(activate("elu", -1)).toBeCloseTo(Math.exp(-1) - 1, 12);
    expect(activate("softplus", 0)).toBeCloseTo(Math.LN2, 12);
    // GELU(1) with the tanh approximation (Hendrycks & Gimpel 2016) ≈ 0.841192
    expect(activate("gelu", 1)).toBeCloseTo(0.841192, 5);
    expect(activate("linear", -4.5)).toBe(-4.5);
  });

  it("stays finite and saturates correctly at extreme inputs", () => {
    const z = new Float32Array([-1e30, -1000, 1000, 1e30]);
    for (const kind of ACTIVATIONS) {
      const y = new Float32Array(4);
      activationForwardFlat(kind, 4, z, 0, y, 0);
      if (
        kind !== "linear" &&
        kind !== "relu" &&
        kind !== "leaky-relu" &&
        kind !== "softplus" &&
        kind !== "gelu"
      ) {
        for (const v of y) expect(Number.isFinite(v)).toBe(true);
      }
      for (const v of y) expect(Number.isNaN(v)).toBe(false);
    }
    const s = new Float32Array(4);
    activationForwardFlat("sigmoid", 4, z, 0, s, 0);
    for (const [i, v] of [0, 0, 1, 1].entries()) expect(Math.abs(s[i] - v)).toBeLessThan(2e-7);
    const sp = new Float32Array(2);
    activationForwardFlat("softplus", 2, new Float32Array([-1000, 1000]), 0, sp, 0);
    expect(Array.from(sp)).toEqual([0, 1000]);
  });

  it("strided forward touches only the addressed entries", () => {
    const z = Float32Array.from({ length: 12 }, (_, i) => i - 6);
    const y = new Float32Array(12).fill(99);
    activationForward("relu", 3, 2, z, 1, 4, y, 0, 4);
    expect(Array.from(y)).toEqual([0, 0, 99, 99, 0, 0, 99, 99, 3, 4, 99, 99]);
  });

  it("monotone activations are monotone (property)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -20, max: 20, noNaN: true }),
        fc.double({ min: 1e-3, max: 5, noNaN: true }),
        (x, d) => {
          for (const kind of [
            "sigmoid",
            "tanh",
            "relu",
            "leaky-relu",
            "elu",
            "softplus",
            "linear",
          ] as const) {
            expect(activate(kind, x + d)).toBeGreaterThanOrEqual(activate(kind, x));
          }
        },
      ),
    );
  });
});
