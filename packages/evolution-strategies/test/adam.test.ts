import { describe, expect, it } from "vitest";
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, Adam } from "../src/index.ts";

describe("Adam", () => {
  it("takes the bias-corrected steps of Kingma & Ba, recomputed by hand for two steps", () => {
    const adam = new Adam(2);
    const x = new Float64Array([1, -2]);
    const g1 = new Float64Array([0.5, -4]);
    const g2 = new Float64Array([-1, 2]);
    const lr = 0.1;
    adam.step(x, g1, lr);
    // Step 1: m = 0.1 g, v = 0.001 g², a = lr √0.001 / 0.1, so the step is lr · g / (|g| + ε/√0.001·…).
    const m = [0, 1].map((d) => (1 - ADAM_BETA1) * g1[d]);
    const v = [0, 1].map((d) => (1 - ADAM_BETA2) * g1[d] ** 2);
    const a1 = (lr * Math.sqrt(1 - ADAM_BETA2)) / (1 - ADAM_BETA1);
    const x1 = [1, -2].map((x0, d) => x0 - (a1 * m[d]) / (Math.sqrt(v[d]) + ADAM_EPSILON));
    expect(Array.from(x)).toEqual(x1);
    // A first step is ±lr per coordinate (up to ε): Adam's scale invariance.
    expect(x[0]).toBeCloseTo(0.9, 6);
    expect(x[1]).toBeCloseTo(-1.9, 6);
    adam.step(x, g2, lr);
    const a2 = (lr * Math.sqrt(1 - ADAM_BETA2 ** 2)) / (1 - ADAM_BETA1 ** 2);
    const x2 = x1.map((xd, d) => {
      const m2 = ADAM_BETA1 * m[d] + (1 - ADAM_BETA1) * g2[d];
      const v2 = ADAM_BETA2 * v[d] + (1 - ADAM_BETA2) * g2[d] ** 2;
      return xd - (a2 * m2) / (Math.sqrt(v2) + ADAM_EPSILON);
    });
    expect(Array.from(x)).toEqual(x2);
    expect(adam.steps).toBe(2);
  });

  it("resumes from its JSON state exactly", () => {
    const a = new Adam(3);
    const x = new Float64Array([1, 2, 3]);
    a.step(x, new Float64Array([1, -1, 0.5]), 0.01);
    const b = new Adam(3);
    b.restore("test", JSON.parse(JSON.stringify(a.state())));
    const xa = x.slice();
    const xb = x.slice();
    a.step(xa, new Float64Array([0.3, 0.2, -0.1]), 0.01);
    b.step(xb, new Float64Array([0.3, 0.2, -0.1]), 0.01);
    expect(xb).toEqual(xa);
    expect(() => b.restore("test", { t: -1, m: [], v: [] })).toThrow(/test: state.adam must be/);
  });
});
