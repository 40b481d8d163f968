import { floatsToJson } from "@arena/float-json";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  createOptimizer,
  type GradientOptimizer,
  type OptimizerConfig,
  restoreOptimizer,
} from "../src/index.ts";

const CONFIGS: OptimizerConfig[] = [
  { kind: "sgd", lr: 0.05 },
  { kind: "sgd", lr: 0.05, momentum: 0.8, nesterov: true, weightDecay: 1e-3 },
  { kind: "momentum", lr: 0.02 },
  { kind: "nesterov", lr: 0.02, weightDecay: 1e-2 },
  { kind: "adagrad", lr: 0.1, initialAccumulator: 0.1 },
  { kind: "rmsprop", lr: 1e-2, centered: true, momentum: 0.9, weightDecay: 1e-4 },
  {
    kind: "adam",
    lr: { kind: "warmup", steps: 5, schedule: { kind: "cosine", lr: 0.05, steps: 20, minLr: 1e-3 } },
  },
  { kind: "adamw", lr: { kind: "step", lr: 0.01, stepSize: 4 }, weightDecay: 0.1 },
  { kind: "adam", lr: 0.01, amsgrad: true },
];

const DIM = 33;

/** Gradient of a random quadratic ½·Σ cᵢ·pᵢ² plus noise drawn from `rng`: same seed, same gradients. */
function gradient(p: Float32Array, g: Float32Array, rng: Rng): void {
  for (let i = 0; i < p.length; i++) g[i] = (1 + (i % 5)) * p[i] + rng.normal(0, 0.3);
}

function advance(opt: GradientOptimizer, p: Float32Array, rng: Rng, steps: number): void {
  const g = new Float32Array(p.length);
  for (let k = 0; k < steps; k++) {
    gradient(p, g, rng);
    opt.step(p, g);
  }
}

describe("optimizer state round trip", () => {
  for (const config of CONFIGS) {
    it(`${JSON.stringify(config)}: resumes bit-identically through JSON`, () => {
      const rng = new Rng(7);
      const p = new Float32Array(DIM);
      rng.fillNormal(p, 0, 1);
      const straight = createOptimizer(config);
      advance(straight, p, rng, 9);

      const saved = JSON.parse(JSON.stringify(straight.state()));
      const resumed = restoreOptimizer(saved);
      const reloaded = createOptimizer(config);
      reloaded.loadState(saved);
      expect(resumed.stepCount).toBe(9);
      expect(resumed.learningRate()).toBe(straight.learningRate());

      const pResumed = p.slice();
      const pReloaded = p.slice();
      const rngState = rng.state();
      advance(straight, p, rng, 12);
      advance(resumed, pResumed, Rng.fromState(rngState), 12);
      advance(reloaded, pReloaded, Rng.fromState(rngState), 12);

      expect(new Uint8Array(pResumed.buffer)).toEqual(new Uint8Array(p.buffer));
      expect(new Uint8Array(pReloaded.buffer)).toEqual(new Uint8Array(p.buffer));
      expect(resumed.state()).toEqual(straight.state());
      expect(reloaded.state()).toEqual(straight.state());
    });
  }

  it("a state taken before the first step restores an unsized optimizer", () => {
    const opt = createOptimizer({ kind: "adam" });
    const saved = JSON.parse(JSON.stringify(opt.state()));
    expect(saved).toEqual({
      config: { kind: "adam", lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0, amsgrad: false },
      step: 0,
      size: null,
      buffers: {},
    });
    const resumed = restoreOptimizer(saved);
    expect(resumed.size).toBeNull();
    resumed.step(new Float32Array(4), new Float32Array(4));
    expect(resumed.size).toBe(4);
  });

  it("rejects a state of another kind, missing or extra buffers, or the wrong size", () => {
    const adam = createOptimizer({ kind: "adam" });
    adam.step(new Float32Array(3), new Float32Array([1, 2, 3]));
    const state = adam.state();
    expect(() => createOptimizer({ kind: "sgd" }).loadState(state)).toThrow(
      /state is for kind "adam", this optimizer is "sgd"/,
    );
    expect(() =>
      createOptimizer({ kind: "adam" }).loadState({ ...state, buffers: { m: state.buffers.m } }),
    ).toThrow(/lacks buffer "v"/);
    expect(() =>
      createOptimizer({ kind: "sgd", momentum: 0.5 }).loadState({
        ...createOptimizer({ kind: "sgd" }).state(),
        size: 3,
        buffers: { velocity: state.buffers.m, extra: state.buffers.v },
      }),
    ).toThrow(/state has buffer "extra"/);
    expect(() => createOptimizer({ kind: "adam" }).loadState({ ...state, size: 4 })).toThrow(
      /state field m must be an array of 4 numbers, got an array of 3/,
    );
    expect(() => createOptimizer({ kind: "adam" }).loadState({ ...state, step: -1 })).toThrow(
      /step must be an integer >= 0, got -1/,
    );
  });

  it("loadState keeps the instance's hyperparameters (e.g. a lower rate on resume)", () => {
    const a = createOptimizer({ kind: "momentum", lr: 0.1 });
    const p = new Float32Array([1, 1]);
    a.step(p, new Float32Array([1, -1]));
    const b = createOptimizer({ kind: "momentum", lr: 0.01 });
    b.loadState(a.state());
    expect(b.learningRate()).toBe(0.01);
    expect(b.config()).toEqual({ kind: "momentum", lr: 0.01, momentum: 0.9, weightDecay: 0 });
    expect(b.stepCount).toBe(1);
  });

  it("moment buffers survive JSON exactly, including -0, NaN and infinities", () => {
    const special = [-0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324];
    const adam = createOptimizer({ kind: "adam", size: special.length });
    const state = adam.state();
    state.buffers.m = floatsToJson(special);
    adam.loadState(JSON.parse(JSON.stringify(state)));
    const back = adam.state().buffers.m;
    expect(back).toEqual(["-0", "NaN", "Infinity", "-Infinity", 5e-324]);
  });
});
