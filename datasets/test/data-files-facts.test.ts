import { describe, expect, it } from "vitest";
import {
  airlineSeries,
  classCounts,
  diabetesTable,
  facesTable,
  irisTable,
  optdigitsTestTable,
  optdigitsTrainTable,
  shakespeareText,
  shakespeareVocabulary,
  wineTable,
} from "../src/index.ts";

const counts = (labels: Int32Array | undefined, k: number) =>
  Array.from(classCounts(labels as Int32Array, k));

describe("shipped data: known facts from data/README.md", () => {
  it("iris: 150 rows, 4 features, 50/50/50, Fisher's class means", () => {
    const t = irisTable();
    expect([t.n, t.d]).toEqual([150, 4]);
    expect(t.classes).toEqual(["0", "1", "2"]);
    expect(counts(t.labels, 3)).toEqual([50, 50, 50]);
    const setosaSepal = Array.from({ length: 50 }, (_, i) => t.features[i * 4]).reduce((a, b) => a + b) / 50;
    expect(setosaSepal).toBeCloseTo(5.006, 5);
    expect(Array.from(t.features.subarray(0, 4))).toEqual([5.1, 3.5, 1.4, 0.2].map(Math.fround));
  });

  it("wine: 178 rows, 13 features, classes 59/71/48", () => {
    const t = wineTable();
    expect([t.n, t.d]).toEqual([178, 13]);
    expect(counts(t.labels, 3)).toEqual([59, 71, 48]);
  });

  it("optdigits: class counts as in the README, pixels are integers 0..16", () => {
    const tr = optdigitsTrainTable();
    const te = optdigitsTestTable();
    expect([tr.n, tr.d, te.n, te.d]).toEqual([3823, 64, 1797, 64]);
    expect(counts(tr.labels, 10)).toEqual([376, 389, 380, 389, 387, 376, 377, 387, 380, 382]);
    expect(counts(te.labels, 10)).toEqual([178, 182, 177, 183, 181, 182, 181, 179, 174, 180]);
    expect(tr.features.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
    expect(te.features.every((v) => Number.isInteger(v) && v >= 0 && v <= 16)).toBe(true);
  });

  it("faces: 40 people × 10 images in order, pixels in [0, 1] with mean ≈ 0.547", () => {
    for (const size of [16, 32] as const) {
      const t = facesTable(size);
      expect([t.n, t.d]).toEqual([400, size * size]);
      expect(counts(t.labels, 40)).toEqual(new Array(40).fill(10));
      expect(Array.from(t.labels ?? [])).toEqual(Array.from({ length: 400 }, (_, r) => Math.floor(r / 10)));
      expect(t.features.every((v) => v >= 0 && v <= 1)).toBe(true);
      const mean = t.features.reduce((a, b) => a + b, 0) / t.features.length;
      expect(mean).toBeCloseTo(0.547, 3);
    }
  });

  it("diabetes: 442 × 10, targets 25..346 with mean 152.13", () => {
    const t = diabetesTable();
    expect([t.n, t.d, t.task]).toEqual([442, 10, "regression"]);
    expect(Math.min(...t.targets)).toBe(25);
    expect(Math.max(...t.targets)).toBe(346);
    expect(t.targets.reduce((a, b) => a + b) / 442).toBeCloseTo(152.13, 2);
  });

  it("airline: 144 months, sum 40363, range 104..622", () => {
    const s = airlineSeries();
    expect(s.values.length).toBe(144);
    expect(s.values.reduce((a, b) => a + b)).toBe(40363);
    expect([Math.min(...s.values), Math.max(...s.values)]).toEqual([104, 622]);
  });

  it("tiny shakespeare: 1,115,394 characters, 65 distinct", () => {
    expect(shakespeareText().length).toBe(1_115_394);
    expect(shakespeareVocabulary().length).toBe(65);
    expect(shakespeareText().startsWith("First Citizen:")).toBe(true);
  });
});
