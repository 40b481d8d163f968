/**
 * Training with feedback alignment (Lillicrap et al. 2016) and direct feedback alignment (Nøkland
 * 2016) through the stepper: names, costs, the run's random streams, diagnostics, resume, and the
 * reproductions (DFA solves XOR; FA and DFA on digits near backprop's test accuracy).
 */
import { getProblem, type Problem } from "@arena/datasets";
import { createModel, Mlp, type MlpSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  type BackpropLearner,
  type BackpropLearnerState,
  backpropLearner,
  backpropLearnerConfig,
  resumeBackpropLearner,
  train,
} from "../src/index.ts";
import { blobs } from "./training-fixtures.ts";

const problem = {
  name: "blobs",
  task: "classification",
  metric: "accuracy",
  train: blobs("f-train", 70),
  validation: blobs("f-val", 30),
  test: blobs("f-test", 30),
} as Problem;

const DEEP: MlpSpec = { kind: "mlp", layers: [2, 12, 8, 3], activation: "tanh", output: "softmax" };

function learner(gradient: string | undefined, config: Record<string, unknown> = {}, spec = DEEP) {
  const c = { optimizer: { kind: "adam", lr: 0.01 }, batchSize: 16, ...config };
  return backpropLearner(
    createModel(spec, new Rng("init")),
    problem,
    gradient === undefined ? c : { ...c, gradient },
    new Rng("run"),
  );
}

describe("the gradient option", () => {
  it("names the learner after the estimator and leaves configs without it as they were", () => {
    expect(learner(undefined).name).toBe("backprop-adam");
    expect(learner("backprop").name).toBe("backprop-adam");
    expect(learner("feedback-alignment").name).toBe("fa-adam");
    expect(learner("direct-feedback-alignment", { optimizer: { kind: "sgd" } }).name).toBe("dfa-sgd");
    expect(Object.keys(backpropLearnerConfig.parse({ optimizer: { kind: "sgd" } }))).not.toContain(
      "gradient",
    );
    expect(() => learner("target-propagation")).toThrow(/gradient/);
  });

  it("refuses recurrent models", () => {
    const lstm = createModel({ kind: "lstm", input: 2, hidden: 3, output: 3, readout: "last" }, new Rng(1));
    const seq = {
      ...problem,
      train: { n: 2, x: new Float32Array(12), xShape: [3, 2], y: new Float32Array(6), yShape: [3] },
    };
    expect(() =>
      backpropLearner(
        lstm,
        seq as Problem,
        { optimizer: { kind: "sgd" }, gradient: "feedback-alignment" },
        1,
      ),
    ).toThrow(
      'BackpropStepper: gradient "feedback-alignment" is implemented for MLPs only, the model is a lstm',
    );
  });

  it("charges each step the estimator's analytic FLOPs: FA as backprop, DFA less with two hidden layers", () => {
    const costs = ["backprop", "feedback-alignment", "direct-feedback-alignment"].map((g) =>
      learner(g).step(),
    );
    const model = new Mlp(DEEP, null);
    const adam = learner(undefined).stepper.optimizer.flopsPerStep(model.size);
    expect(costs[0].flops).toBe(model.flops({ batch: 16, backward: true }).total + adam);
    expect(costs[1].flops).toBe(costs[0].flops);
    expect(costs[2].flops).toBe(model.flops({ batch: 16, backward: true, feedback: "dfa" }).total + adam);
    // Backprop sends the error from the 8 units to the 12 below through W (8 × 12); DFA from the 3 outputs.
    expect(costs[1].flops - costs[2].flops).toBe(2 * 16 * 12 * (8 - 3));
  });

  it("draws B from the run's fork \"feedback\": the minibatches and dropout masks are backprop's", () => {
    const config = { optimizer: { kind: "sgd", lr: 0.1 } };
    const spec = { ...DEEP, dropout: 0.2 };
    const bp = learner(undefined, config, spec);
    const fa = learner("feedback-alignment", config, spec);
    for (let i = 0; i < 7; i++) {
      bp.step();
      fa.step();
    }
    const a = bp.state().stepper;
    const b = fa.state().stepper;
    expect(b.sampler).toEqual(a.sampler);
    expect(b.dropoutRng).toEqual(a.dropoutRng);
    expect(a.feedback).toBeUndefined();
    expect(b.feedback).toEqual({ kind: "fa", seed: "run/feedback" });
    expect(Array.from(fa.current())).not.toEqual(Array.from(bp.current()));
  });
});

describe("alignment_angle diagnostics", () => {
  it("one angle per dense layer, 0 at the output; measuring never changes the run", () => {
    const a = learner("direct-feedback-alignment", { clip: { norm: 0.5 } });
    const b = learner("direct-feedback-alignment", { clip: { norm: 0.5 } });
    expect(a.diagnostics()).toEqual({});
    for (let i = 0; i < 12; i++) {
      expect(a.step()).toEqual(b.step());
      const angles = a.diagnostics().alignment_angle;
      expect(angles).toHaveLength(3);
      expect(angles[2]).toBeLessThan(1e-3);
      for (const x of angles.slice(0, 2)) expect(x).toBeGreaterThan(0);
    }
    expect(Array.from(a.current())).toEqual(Array.from(b.current()));
    expect(a.stepper.flops).toBe(b.stepper.flops);
    expect(Object.keys(learner(undefined).diagnostics())).toEqual([]);
    const bp = learner(undefined);
    bp.step();
    expect(Object.keys(bp.diagnostics()).sort()).toEqual([
      "grad_norm/dense0",
      "grad_norm/dense1",
      "grad_norm/dense2",
    ]);
  });

  it("train() records them at checkpoints", () => {
    const model = createModel(DEEP, new Rng("init"));
    const r = train(model, problem, {
      optimizer: { kind: "adam", lr: 0.01 },
      gradient: "feedback-alignment",
      rng: new Rng(1),
      epochs: 2,
    });
    expect(r.history[0].diagnostics).toBeUndefined();
    expect(r.history[1].diagnostics?.alignment_angle).toHaveLength(3);
  });
});

describe("state and resume with feedback", () => {
  function resumed(original: BackpropLearner) {
    const saved = JSON.parse(JSON.stringify(original.state())) as BackpropLearnerState;
    return resumeBackpropLearner(createModel(DEEP, new Rng("other")), problem, saved);
  }

  it.each(["feedback-alignment", "direct-feedback-alignment"])("%s resumes bit for bit", (gradient) => {
    const a = learner(gradient, { optimizer: { kind: "nesterov", lr: 0.05 }, clip: { norm: 1 } });
    for (let i = 0; i < 9; i++) a.step();
    const b = resumed(a);
    expect(b.name).toBe(a.name);
    expect(b.diagnostics().alignment_angle).toBeUndefined();
    for (let i = 0; i < 15; i++) expect(b.step()).toEqual(a.step());
    expect(Array.from(b.current())).toEqual(Array.from(a.current()));
    expect(b.diagnostics()).toEqual(a.diagnostics());
  });

  it("refuses a state whose feedback does not match the stepper", () => {
    const a = learner("feedback-alignment");
    a.step();
    const saved = a.state();
    const { feedback: _f, ...without } = saved.stepper;
    expect(() => a.stepper.restore(without)).toThrow(/has no feedback matrices, this stepper uses/);
    expect(() => learner(undefined).stepper.restore(saved.stepper)).toThrow(/has feedback matrices/);
    const dfa = learner("direct-feedback-alignment");
    expect(() => dfa.stepper.restore(saved.stepper)).toThrow(/the state's feedback is fa, the stepper's dfa/);
  });
});

describe("reproductions", () => {
  it("DFA solves XOR 2-4-1 through train(): all four outputs on the right side of 0.5", () => {
    const x = new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]);
    const y = new Float32Array([0, 1, 1, 0]);
    const model = createModel(
      { kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" },
      new Rng("xor/2"),
    );
    const r = train(
      model,
      { train: { n: 4, x, y } },
      {
        optimizer: { kind: "sgd", lr: 0.5 },
        gradient: "direct-feedback-alignment",
        rng: new Rng(2),
        batchSize: 4,
        epochs: 1000,
        diagnostics: false,
      },
    );
    const p = model.predict(x, 4);
    console.info(
      `XOR DFA: loss ${r.final.trainLoss.toFixed(4)}, outputs ${Array.from(p, (v) => v.toFixed(2))}`,
    );
    expect(Array.from(p, (v) => (v > 0.5 ? 1 : 0))).toEqual([0, 1, 1, 0]);
    expect(r.final.trainMetric).toBe(1);
  });

  // About 2 s: three runs of 30 epochs over 3058 images.
  it("digits 64-64-64-10, Adam, 30 epochs: FA and DFA within 2 points of backprop; the angles fall", () => {
    const digits = getProblem("digits").load(new Rng(1));
    const spec: MlpSpec = { kind: "mlp", layers: [64, 64, 64, 10], activation: "relu", output: "softmax" };
    const run = (gradient: string) => {
      const config = { optimizer: { kind: "adam", lr: 2e-3 }, batchSize: 32, gradient };
      const l = backpropLearner(createModel(spec, new Rng("init/1")), digits, config, new Rng(1));
      const steps = 30 * l.stepper.updatesPerEpoch;
      const hidden = () => l.diagnostics().alignment_angle?.slice(0, 2) ?? [];
      const mean = (v: number[][]) => v.flat().reduce((s, a) => s + a, 0) / v.flat().length;
      const early: number[][] = [];
      const late: number[][] = [];
      for (let s = 1; s <= steps; s++) {
        l.step();
        if (s <= 5) early.push(hidden());
        if (s > steps - 5) late.push(hidden());
      }
      const test = l.stepper.model.evaluate(digits.test, { params: l.current() }).accuracy as number;
      return { test, flops: l.stepper.flops, early: mean(early), late: mean(late) };
    };
    const bp = run("backprop");
    const fa = run("feedback-alignment");
    const dfa = run("direct-feedback-alignment");
    console.info(
      `digits test accuracy: backprop ${bp.test.toFixed(4)}, FA ${fa.test.toFixed(4)}, DFA ${dfa.test.toFixed(4)}; ` +
        `hidden-layer angle, first 5 / last 5 steps: FA ${fa.early.toFixed(1)} / ${fa.late.toFixed(1)}, ` +
        `DFA ${dfa.early.toFixed(1)} / ${dfa.late.toFixed(1)}; FLOPs ${bp.flops} ${fa.flops} ${dfa.flops}`,
    );
    expect(bp.test).toBeGreaterThan(0.95);
    expect(Math.abs(fa.test - bp.test)).toBeLessThanOrEqual(0.02);
    expect(Math.abs(dfa.test - bp.test)).toBeLessThanOrEqual(0.02);
    // Alignment (Lillicrap et al.'s Fig. 2): near 90° at first, well below it once trained.
    for (const r of [fa, dfa]) {
      expect(r.early).toBeGreaterThan(70);
      expect(r.late).toBeLessThan(65);
    }
    expect(fa.flops).toBe(bp.flops);
    expect(dfa.flops).toBeLessThan(fa.flops);
  });
});
