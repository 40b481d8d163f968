import { describe, expect, it } from "vitest";
import { erfc, normalCdf, normalSf } from "../src/index.ts";

describe("erfc and the normal distribution", () => {
  it("erfc matches Python's math.erfc to ~1e-15 relative, over both branches and the far tail", () => {
    // [x, math.erfc(x)] from python3 3.11
    const reference: [number, number][] = [
      [0, 1],
      [0.1, 0.8875370839817152],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [1.5, 0.033894853524689274],
      [2, 0.004677734981047265],
      [2.5, 0.0004069520174449589],
      [3, 2.2090496998585438e-5],
      [4, 1.541725790028002e-8],
      [6, 2.1519736712498916e-17],
      [10, 2.088487583762545e-45],
      [26, 5.663192408856143e-296],
      [-0.3, 1.3286267594591274],
      [-2, 1.9953222650189528],
    ];
    for (const [x, ref] of reference) {
      expect(Math.abs(erfc(x) - ref) / ref).toBeLessThan(5e-15);
    }
    expect(erfc(Number.POSITIVE_INFINITY)).toBe(0);
    expect(erfc(Number.NEGATIVE_INFINITY)).toBe(2);
  });

  it("Φ matches the standard table: Φ(−1.96) = 0.0249979, Φ(−1) = 0.1586553, Φ(−5) = 2.866516e−7", () => {
    expect(normalCdf(-1.96)).toBeCloseTo(0.024997895148220435, 15);
    expect(normalCdf(-1)).toBeCloseTo(0.15865525393145707, 15);
    expect(normalCdf(0)).toBe(0.5);
    expect(normalSf(5) / 2.866515718791946e-7).toBeCloseTo(1, 13);
    expect(normalCdf(1.96) + normalSf(1.96)).toBeCloseTo(1, 15);
  });
});
