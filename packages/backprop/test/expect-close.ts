import { expect } from "vitest";

/**
 * Parameters are float32 and are rounded once per step, so a hand-computed float64 trajectory agrees
 * to about 1e-7 relative after three steps; 1e-6 leaves room and still catches any wrong coefficient.
 */
export function expectClose(actual: Float32Array, expected: readonly number[], relTol = 1e-6): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    const tol = relTol * Math.max(1, Math.abs(expected[i]));
    if (!(Math.abs(actual[i] - expected[i]) <= tol)) {
      throw new Error(`element ${i}: got ${actual[i]}, expected ${expected[i]} (tolerance ${tol})`);
    }
  }
}
