import { createDataset, oneHot, type Problem } from "@arena/datasets";
import { describe, expect, it } from "vitest";
import { fitBaseline } from "../src/index.ts";

/** A classification problem over given labels (one-hot over k classes; 0/1 in one output when k = 1). */
function labelled(train: number[], validation: number[], test: number[], k: number): Problem {
  const ds = (labels: number[]) =>
    createDataset(
      Float32Array.from(labels, (_, i) => i), // one dummy input per sample
      [1],
      k === 1 ? Float32Array.from(labels) : oneHot(labels, k),
      [k],
    );
  return {
    name: "hand",
    task: "classification",
    metric: "accuracy",
    train: ds(train),
    validation: ds(validation),
    test: ds(test),
  };
}

describe("majority class", () => {
  it("accuracy is the top class's share of each split; the loss is the cross-entropy of add-one-smoothed train frequencies", () => {
    // Train: 5 × class 2, 3 × class 0, 2 × class 1 (10 rows).
    const p = labelled([2, 0, 2, 1, 2, 0, 2, 1, 0, 2], [2, 2, 0, 1], [0, 0, 0, 1, 2], 3);
    const r = fitBaseline("majority", p);
    expect(r.settings.class).toBe(2);
    expect(r.train.metric).toBe(5 / 10);
    expect(r.validation.metric).toBe(2 / 4);
    expect(r.test.metric).toBe(1 / 5);
    expect(r.role).toBe("trivial");
    expect(r.lossKind).toBe("cross-entropy");
    // Smoothed probabilities (count + 1) / (10 + 3): class 0 4/13, class 1 3/13, class 2 6/13.
    const ce = (counts: number[]) =>
      -(counts[0] * Math.log(4 / 13) + counts[1] * Math.log(3 / 13) + counts[2] * Math.log(6 / 13)) /
      (counts[0] + counts[1] + counts[2]);
    expect(r.train.loss).toBeCloseTo(ce([3, 2, 5]), 12);
    expect(r.validation.loss).toBeCloseTo(ce([1, 1, 2]), 12);
    expect(r.test.loss).toBeCloseTo(ce([3, 1, 1]), 12);
  });

  it("ties go to the lowest class index", () => {
    const r = fitBaseline("majority", labelled([1, 2, 2, 1, 0], [0, 1, 2], [1, 1], 3));
    expect(r.settings.class).toBe(1);
    expect(r.test.metric).toBe(1);
    expect(r.validation.metric).toBe(1 / 3);
    const r2 = fitBaseline("majority", labelled([3, 0, 3, 0], [0], [3], 4));
    expect(r2.settings.class).toBe(0);
  });

  it("one sigmoid output: 0/1 targets, ties → 0, binary cross-entropy of the smoothed share of ones", () => {
    const tie = fitBaseline("majority", labelled([1, 0, 1, 0], [1, 1, 1], [0, 0, 1], 1));
    expect(tie.settings.class).toBe(0);
    expect(tie.validation.metric).toBe(0);
    expect(tie.test.metric).toBe(2 / 3);
    expect(tie.lossKind).toBe("bce");
    expect(tie.train.loss).toBeCloseTo(Math.log(2), 12); // p(1) = (2 + 1) / (4 + 2) = 0.5
    const ones = fitBaseline("majority", labelled([1, 1, 1, 0], [1, 0], [0, 0, 1, 1], 1));
    expect(ones.settings.class).toBe(1);
    expect(ones.test.metric).toBe(0.5);
    const p1 = 4 / 6;
    expect(ones.validation.loss).toBeCloseTo(-(Math.log(p1) + Math.log(1 - p1)) / 2, 12);
  });

  it("targets at every step are counted over all steps (yShape [steps, k]), as nn's accuracy counts rows", () => {
    // 2 training sequences of 3 steps, k = 2: steps' classes [0, 1, 1] and [1, 1, 0] → class 1 on 4 of 6 rows.
    const seq = (classes: number[][]) =>
      createDataset(new Float32Array(classes.length * 3), [3, 1], oneHot(classes.flat(), 2), [3, 2]);
    const p: Problem = {
      name: "steps",
      task: "classification",
      metric: "accuracy",
      train: seq([
        [0, 1, 1],
        [1, 1, 0],
      ]),
      validation: seq([[0, 0, 1]]),
      test: seq([
        [1, 1, 1],
        [0, 1, 0],
      ]),
    };
    const r = fitBaseline("majority", p);
    expect(r.settings.class).toBe(1);
    expect(r.train.metric).toBe(4 / 6);
    expect(r.validation.metric).toBe(1 / 3);
    expect(r.test.metric).toBe(4 / 6);
    expect(r.description).toMatch(/over all 3 steps \(4 of 6 rows/);
  });

  it("an empty split gives NaN figures", () => {
    const r = fitBaseline("majority", labelled([0, 1, 1], [], [0], 2));
    expect(r.validation.metric).toBeNaN();
    expect(r.validation.loss).toBeNaN();
    expect(r.test.metric).toBe(0);
  });

  it("takes the loss of the problem's model: XOR's sigmoid net is trained on mse", () => {
    const p = labelled([0, 1, 1, 0], [0, 1, 1, 0], [0, 1, 1, 0], 1);
    const withMse: Problem = {
      ...p,
      model: { kind: "mlp", layers: [1, 2, 1], activation: "sigmoid", output: "sigmoid", loss: "mse" },
    };
    const r = fitBaseline("majority", withMse);
    expect(r.lossKind).toBe("mse");
    expect(r.train.loss).toBeCloseTo(0.25, 12); // p = 0.5 against 0/1
    expect(fitBaseline("majority", withMse, { loss: "bce" }).train.loss).toBeCloseTo(Math.log(2), 12);
  });
});
