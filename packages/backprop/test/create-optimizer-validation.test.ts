import { describe, expect, it } from "vitest";
import { Adam, createOptimizer, type OptimizerConfig, Sgd } from "../src/index.ts";

/** Configs a JSON suite could contain, checked at run time: cast past the static types on purpose. */
function create(config: unknown) {
  return () => createOptimizer(config as OptimizerConfig);
}

describe("createOptimizer validation", () => {
  it("rejects an unknown kind and lists the known ones", () => {
    expect(create({ kind: "adamax" })).toThrow(
      'createOptimizer: unknown kind "adamax"; expected one of sgd, momentum, nesterov, adagrad, rmsprop, adam, adamw',
    );
    expect(create(null)).toThrow(/config must be an object/);
  });

  it("rejects unknown keys, naming the key", () => {
    expect(create({ kind: "adam", betas: [0.9, 0.999] })).toThrow(
      'Adam: unknown option "betas"; expected one of lr, beta1, beta2, eps, weightDecay, amsgrad, size',
    );
    expect(create({ kind: "momentum", nesterov: true })).toThrow(/Momentum: unknown option "nesterov"/);
    expect(create({ kind: "sgd", learningRate: 0.1 })).toThrow(/Sgd: unknown option "learningRate"/);
  });

  it("rejects bad values, naming the option, the value and the expected range", () => {
    expect(create({ kind: "adam", lr: -0.1 })).toThrow("Adam: option lr must be in [0, ∞), got -0.1");
    expect(create({ kind: "adam", beta1: 1 })).toThrow("Adam: option beta1 must be in [0, 1), got 1");
    expect(create({ kind: "adamw", beta2: -0.5 })).toThrow("AdamW: option beta2 must be in [0, 1), got -0.5");
    expect(create({ kind: "adam", eps: -1e-8 })).toThrow("Adam: option eps must be in [0, ∞), got -1e-8");
    expect(create({ kind: "adam", lr: "0.001" })).toThrow(
      'Adam: option lr must be a number >= 0 or a schedule config, got "0.001"',
    );
    expect(create({ kind: "rmsprop", alpha: 1.5 })).toThrow(
      "RmsProp: option alpha must be in [0, 1), got 1.5",
    );
    expect(create({ kind: "rmsprop", centered: "yes" })).toThrow(
      'RmsProp: option centered must be true or false, got "yes"',
    );
    expect(create({ kind: "sgd", momentum: 1 })).toThrow("Sgd: option momentum must be in [0, 1), got 1");
    expect(create({ kind: "nesterov", momentum: 0 })).toThrow(
      "Nesterov: option momentum must be in (0, 1), got 0",
    );
    expect(create({ kind: "sgd", nesterov: true })).toThrow(
      "Sgd: nesterov needs momentum > 0, got momentum 0",
    );
    expect(create({ kind: "sgd", weightDecay: Number.NaN })).toThrow(
      /Sgd: option weightDecay must be a number in \[0, ∞\), got NaN/,
    );
    expect(create({ kind: "adagrad", initialAccumulator: -1 })).toThrow(
      "Adagrad: option initialAccumulator must be in [0, ∞), got -1",
    );
    expect(create({ kind: "adam", size: 2.5 })).toThrow("Adam: option size must be an integer >= 0, got 2.5");
  });

  it("validates a schedule given as lr", () => {
    expect(create({ kind: "adam", lr: { kind: "cosine", lr: 1e-3, steps: 100, minLr: 1e-2 } })).toThrow(
      "cosine schedule: option minLr must be in [0, 0.001], got 0.01",
    );
    expect(create({ kind: "adam", lr: { kind: "linear" } })).toThrow(/createSchedule: unknown kind "linear"/);
  });

  it("class constructors apply the same checks", () => {
    expect(() => new Adam({ beta1: -0.1 })).toThrow("Adam: option beta1 must be in [0, 1), got -0.1");
    expect(() => new Sgd({ lr: 0.1, dampening: 0.1 } as never)).toThrow(/Sgd: unknown option "dampening"/);
  });
});

describe("step argument checks", () => {
  it("params and grads must have the same length", () => {
    const opt = new Adam();
    expect(() => opt.step(new Float32Array(3), new Float32Array(4))).toThrow(
      "Adam.step: grads has 4 elements, params has 3",
    );
  });

  it("the size is fixed by the first step or by the size option", () => {
    const opt = new Sgd({ momentum: 0.5 });
    opt.step(new Float32Array(3), new Float32Array(3));
    expect(() => opt.step(new Float32Array(5), new Float32Array(5))).toThrow(
      "Sgd.step: params has 5 elements, the optimizer is sized for 3",
    );
    const sized = new Adam({ size: 4 });
    expect(sized.size).toBe(4);
    expect(() => sized.step(new Float32Array(2), new Float32Array(2))).toThrow(/sized for 4/);
  });

  it("an optimizer allocated with size steps the same as one sized lazily", () => {
    const a = new Adam({ lr: 0.1, size: 2 });
    const b = new Adam({ lr: 0.1 });
    const pa = new Float32Array([1, 2]);
    const pb = new Float32Array([1, 2]);
    for (let k = 0; k < 3; k++) {
      a.step(pa, new Float32Array([k, -1]));
      b.step(pb, new Float32Array([k, -1]));
    }
    expect(pa).toEqual(pb);
  });
});
