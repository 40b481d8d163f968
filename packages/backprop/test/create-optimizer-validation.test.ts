import { OptionsError } from "@arena/options";
import { describe, expect, it } from "vitest";
import { Adam, createOptimizer, createSchedule, type OptimizerConfig, Sgd } from "../src/index.ts";

/** Configs a JSON suite could contain, checked at run time: cast past the static types on purpose. */
function create(config: unknown) {
  return () => createOptimizer(config as OptimizerConfig);
}

describe("createOptimizer validation", () => {
  it("rejects an unknown kind and lists the known ones", () => {
    expect(create({ kind: "adamax" })).toThrow(OptionsError);
    expect(create({ kind: "adamax" })).toThrow(
      `createOptimizer: kind: Invalid discriminator value. Expected 'sgd' | 'momentum' | 'nesterov' | 'adagrad' | 'rmsprop' | 'adam' | 'adamw' (got "adamax")`,
    );
    expect(create(null)).toThrow("createOptimizer: Invalid input: expected object, received null (got null)");
  });

  it("rejects unknown keys, naming the key", () => {
    expect(create({ kind: "adam", betas: [0.9, 0.999] })).toThrow('createOptimizer: unknown key "betas"');
    expect(create({ kind: "momentum", nesterov: true })).toThrow(/createOptimizer: unknown key "nesterov"/);
    expect(create({ kind: "sgd", learningRate: 0.1 })).toThrow(/createOptimizer: unknown key "learningRate"/);
    // Every problem at once.
    expect(create({ kind: "adam", beta1: 2, eps: -1, beta3: 0 })).toThrow(
      'createOptimizer: beta1: Too big: expected number to be <1 (got 2); eps: Too small: expected number to be >=0 (got -1); unknown key "beta3"',
    );
  });

  it("rejects bad values, naming the option, the value and the expected range", () => {
    expect(create({ kind: "adam", lr: -0.1 })).toThrow(
      "createOptimizer: lr: Too small: expected number to be >=0 (got -0.1)",
    );
    expect(create({ kind: "adam", beta1: 1 })).toThrow(
      "createOptimizer: beta1: Too big: expected number to be <1 (got 1)",
    );
    expect(create({ kind: "adamw", beta2: -0.5 })).toThrow(
      "createOptimizer: beta2: Too small: expected number to be >=0 (got -0.5)",
    );
    expect(create({ kind: "adam", eps: -1e-8 })).toThrow(
      "createOptimizer: eps: Too small: expected number to be >=0 (got -1e-8)",
    );
    expect(create({ kind: "adam", lr: "0.001" })).toThrow(
      'createOptimizer: lr: expected a number >= 0 or a schedule config { kind: constant | step | exponential | cosine | warmup, … } (got "0.001")',
    );
    expect(create({ kind: "rmsprop", alpha: 1.5 })).toThrow(
      "createOptimizer: alpha: Too big: expected number to be <1 (got 1.5)",
    );
    expect(create({ kind: "rmsprop", centered: "yes" })).toThrow(
      'createOptimizer: centered: Invalid input: expected boolean, received string (got "yes")',
    );
    expect(create({ kind: "sgd", momentum: 1 })).toThrow(
      "createOptimizer: momentum: Too big: expected number to be <1 (got 1)",
    );
    expect(create({ kind: "nesterov", momentum: 0 })).toThrow(
      "createOptimizer: momentum: Too small: expected number to be >0 (got 0)",
    );
    expect(create({ kind: "sgd", nesterov: true })).toThrow(
      "createOptimizer: momentum: expected > 0 with nesterov: true (got 0)",
    );
    expect(create({ kind: "sgd", weightDecay: Number.NaN })).toThrow(
      "createOptimizer: weightDecay: Invalid input: expected number, received NaN (got NaN)",
    );
    expect(create({ kind: "adagrad", initialAccumulator: -1 })).toThrow(
      "createOptimizer: initialAccumulator: Too small: expected number to be >=0 (got -1)",
    );
    expect(create({ kind: "adam", size: 2.5 })).toThrow(
      "createOptimizer: size: Invalid input: expected int, received number (got 2.5)",
    );
  });

  it("validates a schedule given as lr", () => {
    expect(create({ kind: "adam", lr: { kind: "cosine", lr: 1e-3, steps: 100, minLr: 1e-2 } })).toThrow(
      "createOptimizer: lr.minLr: expected at most lr = 0.001 (got 0.01)",
    );
    expect(create({ kind: "adam", lr: { kind: "linear" } })).toThrow(
      `createOptimizer: lr.kind: Invalid discriminator value. Expected 'constant' | 'step' | 'exponential' | 'cosine' | 'warmup' (got "linear")`,
    );
    expect(create({ kind: "adam", lr: { kind: "cosine", lr: 1 } })).toThrow(
      "createOptimizer: lr.steps: required: expected number",
    );
    expect(
      create({
        kind: "adam",
        lr: { kind: "warmup", steps: 2, schedule: { kind: "cosine", lr: 1, steps: 0 } },
      }),
    ).toThrow("createOptimizer: lr.schedule.steps: Too small: expected number to be >=1 (got 0)");
  });

  it("class constructors apply the same checks", () => {
    expect(() => new Adam({ beta1: -0.1 })).toThrow(
      "Adam: beta1: Too small: expected number to be >=0 (got -0.1)",
    );
    expect(() => new Sgd({ lr: 0.1, dampening: 0.1 } as never)).toThrow(
      'Sgd: unknown key "dampening"; known keys: lr, momentum, nesterov, weightDecay, size',
    );
    // A Schedule object is checked (and saved) as its config.
    const scheduled = new Sgd({ lr: createSchedule({ kind: "step", lr: 0.5, stepSize: 2 }) });
    expect([scheduled.learningRate(0), scheduled.learningRate(2)]).toEqual([0.5, 0.05]);
    expect(scheduled.config().lr).toEqual({ kind: "step", lr: 0.5, stepSize: 2, gamma: 0.1 });
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
