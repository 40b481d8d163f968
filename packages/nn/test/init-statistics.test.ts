import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { INITIALIZERS, initOrthogonal, initVariance, initWeights, RecurrentNet } from "../src/index.ts";

function moments(a: Float32Array): { mean: number; variance: number; maxAbs: number } {
  let s = 0;
  let s2 = 0;
  let m = 0;
  for (const v of a) {
    s += v;
    s2 += v * v;
    m = Math.max(m, Math.abs(v));
  }
  const mean = s / a.length;
  return { mean, variance: s2 / a.length - mean * mean, maxAbs: m };
}

describe("initialisers", () => {
  it.each(INITIALIZERS)(
    "%s has the variance of its paper, and uniform draws stay inside the limit",
    (kind) => {
      const fanIn = 200;
      const fanOut = 100;
      const a = new Float32Array(40_000);
      initWeights(kind, new Rng(kind), a, 0, a.length, fanIn, fanOut);
      const v = initVariance(kind, fanIn, fanOut);
      const m = moments(a);
      // 40 000 draws: the sample variance is within a few percent of the target.
      expect(Math.abs(m.variance / v - 1)).toBeLessThan(0.05);
      expect(Math.abs(m.mean)).toBeLessThan(4 * Math.sqrt(v / a.length));
      if (kind.endsWith("uniform")) expect(m.maxAbs).toBeLessThanOrEqual(Math.sqrt(3 * v));
    },
  );

  it("variances: Glorot 2/(in+out), He 2/in, LeCun 1/in", () => {
    expect(initVariance("glorot-uniform", 30, 10)).toBeCloseTo(2 / 40, 15);
    expect(initVariance("he-normal", 30, 10)).toBeCloseTo(2 / 30, 15);
    expect(initVariance("lecun-uniform", 30, 10)).toBeCloseTo(1 / 30, 15);
  });

  it("orthogonal: QᵀQ = I to float32 precision, into a strided block", () => {
    const n = 24;
    const ld = 3 * n;
    const a = new Float32Array(n * ld);
    initOrthogonal(new Rng(1), a, n, ld, n);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        let d = 0;
        for (let r = 0; r < n; r++) d += a[n + r * ld + i] * a[n + r * ld + j];
        expect(Math.abs(d - (i === j ? 1 : 0))).toBeLessThan(1e-5);
      }
    }
    // Columns outside the block are untouched.
    for (let r = 0; r < n; r++) expect(a[r * ld]).toBe(0);
  });

  it("LSTM recurrent weights are orthogonal per gate block", () => {
    const net = new RecurrentNet(
      { kind: "lstm", input: 2, hidden: 8, output: 1, readout: "last" },
      new Rng(3),
    );
    const U = net.layers[0].params.U;
    const H = 8;
    for (let g = 0; g < 4; g++) {
      let d = 0;
      for (let r = 0; r < H; r++) d += U[r * 4 * H + g * H] ** 2;
      expect(d).toBeCloseTo(1, 5);
    }
  });
});
