import { createModel, DivergenceError } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { gaLearner, psoLearner, randomSearchLearner, resumeLearner } from "../src/index.ts";

const SPEC = { kind: "mlp", layers: [2, 3, 1], activation: "tanh", output: "linear" } as const;

describe("divergence", () => {
  it.each([
    ["ga", gaLearner],
    ["pso", psoLearner],
    ["random-search", randomSearchLearner],
  ] as const)("%s throws DivergenceError when every candidate's loss is non-finite", (_name, factory) => {
    const model = createModel(SPEC, new Rng(1));
    // A target of Infinity makes every candidate's squared error infinite.
    const train = {
      n: 3,
      x: new Float32Array([0, 1, 1, 0, 1, 1]),
      y: new Float32Array([0, Number.POSITIVE_INFINITY, 1]),
    };
    const learner = factory(model, { train }, { population: 6 }, new Rng(2));
    let caught: unknown;
    try {
      learner.step();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DivergenceError);
    const d = caught as DivergenceError;
    expect(d.step).toBe(1);
    // the failing generation's FLOPs are included
    expect(d.flops).toBeGreaterThan(0);
    expect(d.message).toMatch(/non-finite for all 6 candidates of generation 1/);
  });

  it("a few non-finite candidates rank worst and never become current()", () => {
    const model = createModel(SPEC, new Rng(3));
    const train = { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), y: new Float32Array([0, 1, 1, 0]) };
    const learner = psoLearner(model, { train }, { population: 8 }, new Rng(4));
    learner.step();
    // Poison particle 3 (a NaN weight) through the state, as a broken candidate would be, and resume.
    const st = learner.state();
    const opt = st.optimizer as { positions: (number | string)[] };
    opt.positions[3 * model.size] = "NaN";
    const poisoned = resumeLearner(model, { train }, st);
    const told: number[] = [];
    const tell = poisoned.optimizer.tell.bind(poisoned.optimizer);
    poisoned.optimizer.tell = (f: ArrayLike<number>) => {
      told.push(...Array.from(f));
      tell(f);
    };
    poisoned.step();
    expect(Number.isNaN(told[3])).toBe(true);
    expect(told.filter(Number.isFinite).length).toBe(7);
    const p = poisoned.current();
    expect(p.every(Number.isFinite)).toBe(true);
    expect(Number.isFinite(poisoned.currentLoss)).toBe(true);
    expect(poisoned.diagnostics().nonfinite_candidates).toEqual([1]);
  });
});
