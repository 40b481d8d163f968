import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { createOptimizer, OPTIMIZER_KINDS, type OptimizerConfig, type OptimizerKind } from "../src/index.ts";

// A rate per kind that suits the test problem (curvatures 1..10); everything else at its default.
const LR: Record<OptimizerKind, number> = {
  sgd: 0.05,
  momentum: 0.01,
  nesterov: 0.01,
  adagrad: 0.5,
  rmsprop: 0.01,
  adam: 0.05,
  adamw: 0.05,
};

/** f(p) = ½·Σ cᵢ·pᵢ², cᵢ from 1 to 10: an ill-conditioned bowl with minimum 0 at the origin. */
function bowl(dim: number) {
  const c = Float64Array.from({ length: dim }, (_, i) => 1 + (9 * i) / (dim - 1));
  return {
    f(p: Float32Array): number {
      let s = 0;
      for (let i = 0; i < dim; i++) s += 0.5 * c[i] * p[i] * p[i];
      return s;
    },
    grad(p: Float32Array, g: Float32Array): void {
      for (let i = 0; i < dim; i++) g[i] = c[i] * p[i];
    },
  };
}

describe("every registered optimizer", () => {
  it("lists each kind once", () => {
    expect(new Set(OPTIMIZER_KINDS).size).toBe(7);
  });

  for (const kind of OPTIMIZER_KINDS) {
    it(`${kind} cuts a 20-dimensional quadratic by 1e4 within 2000 steps, deterministically`, () => {
      const dim = 20;
      const problem = bowl(dim);
      const runOnce = () => {
        const p = new Float32Array(dim);
        new Rng("smoke").fillNormal(p, 0, 1);
        const f0 = problem.f(p);
        const opt = createOptimizer({ kind, lr: LR[kind] } as OptimizerConfig);
        const g = new Float32Array(dim);
        for (let k = 0; k < 2000; k++) {
          problem.grad(p, g);
          opt.step(p, g);
        }
        return { p, ratio: problem.f(p) / f0 };
      };
      const a = runOnce();
      expect(a.ratio).toBeLessThan(1e-4);
      expect(runOnce().p).toEqual(a.p);
    });
  }
});

describe("flopsPerStep", () => {
  // Per-parameter counts, one FLOP per add, multiply, divide or square root (see each optimizer's doc).
  const cases: [OptimizerConfig, number][] = [
    [{ kind: "sgd" }, 2],
    [{ kind: "sgd", weightDecay: 0.1 }, 4],
    [{ kind: "momentum" }, 4],
    [{ kind: "nesterov", weightDecay: 0.1 }, 8],
    [{ kind: "adagrad" }, 7],
    [{ kind: "rmsprop" }, 9],
    [{ kind: "rmsprop", centered: true, momentum: 0.9, weightDecay: 0.1 }, 18],
    [{ kind: "adam" }, 13],
    [{ kind: "adam", weightDecay: 0.1 }, 15],
    [{ kind: "adamw" }, 14],
    [{ kind: "adamw", weightDecay: 0 }, 13],
  ];
  for (const [config, perElement] of cases) {
    it(`${JSON.stringify(config)}: ${perElement} per parameter`, () => {
      const opt = createOptimizer(config);
      expect(opt.flopsPerElement).toBe(perElement);
      expect(opt.flopsPerStep(1000)).toBe(1000 * perElement);
      expect(opt.flopsPerStep(0)).toBe(0);
    });
  }

  it("rejects a size that is not a non-negative integer", () => {
    expect(() => createOptimizer({ kind: "adam" }).flopsPerStep(-1)).toThrow(
      "Adam.flopsPerStep: size must be an integer >= 0, got -1",
    );
  });
});
