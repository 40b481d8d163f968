import { describe, expect, it } from "vitest";
import { createOptimizer, type OptimizerConfig } from "../src/index.ts";

/**
 * Rosenbrock (1960): f(x, y) = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1), started from the classic
 * (−1.2, 1). Its curved, badly conditioned valley (Hessian eigenvalues ≈ 1002 and 0.4 at the optimum)
 * stalls plain gradient descent, which is what momentum and Adam are for.
 */
function minimise(config: OptimizerConfig, steps: number): { x: number; y: number; distance: number } {
  const opt = createOptimizer(config);
  const p = new Float32Array([-1.2, 1]);
  const g = new Float32Array(2);
  for (let k = 0; k < steps; k++) {
    const x = p[0];
    const y = p[1];
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x); // ∂f/∂x
    g[1] = 200 * (y - x * x); // ∂f/∂y
    opt.step(p, g);
  }
  return { x: p[0], y: p[1], distance: Math.hypot(p[0] - 1, p[1] - 1) };
}

describe("minimising Rosenbrock from (−1.2, 1)", () => {
  // Measured when written: momentum ends 1.5e-6 from (1, 1), Nesterov 5.1e-6, Adam 5e-6; plain SGD 0.085.
  it("heavy-ball momentum (lr 2e-3, μ 0.9, 2000 steps) ends within 1e-4 of (1, 1)", () => {
    expect(minimise({ kind: "momentum", lr: 2e-3, momentum: 0.9 }, 2000).distance).toBeLessThan(1e-4);
  });

  it("Nesterov (lr 1e-3, μ 0.9, 3000 steps) ends within 1e-4 of (1, 1)", () => {
    expect(minimise({ kind: "nesterov", lr: 1e-3, momentum: 0.9 }, 3000).distance).toBeLessThan(1e-4);
  });

  it("Adam (lr 0.05 cosine-annealed to 0 over 5000 steps) ends within 1e-4 of (1, 1)", () => {
    const config: OptimizerConfig = { kind: "adam", lr: { kind: "cosine", lr: 0.05, steps: 5000 } };
    expect(minimise(config, 5000).distance).toBeLessThan(1e-4);
  });

  it("plain SGD at momentum's rate is still far off after 3000 steps (why momentum matters)", () => {
    expect(minimise({ kind: "sgd", lr: 2e-3 }, 3000).distance).toBeGreaterThan(0.05);
  });
});
