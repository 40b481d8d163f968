import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  createDataset,
  MinMaxScaler,
  restoreScaler,
  type Splits,
  StandardScaler,
  scaleFeatures,
  scaleTargets,
} from "../src/index.ts";

function randomSplits(seed: number, nTrain: number, nOther: number, width: number): Splits {
  const rng = new Rng(seed);
  const make = (n: number, shift: number) =>
    createDataset(
      rng.fillNormal(new Float32Array(n * width), shift, 3),
      [width],
      rng.fillNormal(new Float32Array(n), shift, 2),
      [1],
    );
  return { train: make(nTrain, 5), validation: make(nOther, -50), test: make(nOther, 100) };
}

describe("StandardScaler", () => {
  it("matches a float64 reference: mean and population std per column", () => {
    const x = new Float32Array([1, 10, 2, 20, 3, 60]);
    const s = StandardScaler.fit(x, 2);
    expect(Array.from(s.mean)).toEqual([2, 30]);
    expect(s.std[0]).toBeCloseTo(Math.sqrt(2 / 3), 12);
    expect(s.std[1]).toBeCloseTo(Math.sqrt((400 + 100 + 900) / 3), 12);
    const z = s.transform(x);
    for (let j = 0; j < 2; j++) {
      const col = [z[j], z[j + 2], z[j + 4]];
      expect(col.reduce((a, b) => a + b) / 3).toBeCloseTo(0, 6);
      expect(col.reduce((a, b) => a + b * b, 0) / 3).toBeCloseTo(1, 6);
    }
    expect(Array.from(s.inverseTransform(z)).map((v) => Math.round(v * 1e4) / 1e4)).toEqual(Array.from(x));
  });

  it("centres constant columns without dividing by zero", () => {
    const s = StandardScaler.fit(new Float32Array([4, 1, 4, 2]), 2);
    expect(Array.from(s.transform(new Float32Array([4, 1.5, 5, 1.5])))).toEqual([0, 0, 1, 0]);
  });

  it("round-trips through state()", () => {
    const s = StandardScaler.fit(new Float32Array([1, 2, 3, 4, 5, 6]), 3);
    const r = restoreScaler(JSON.parse(JSON.stringify(s.state())));
    const x = new Float32Array([7, -1, 0.5]);
    expect(r.transform(x)).toEqual(s.transform(x));
  });
});

describe("MinMaxScaler", () => {
  it("maps the training range to [0, 1] (or a given range) per column", () => {
    const s = MinMaxScaler.fit(new Float32Array([0, 10, 5, 30, 10, 20]), 2);
    expect(Array.from(s.transform(new Float32Array([0, 10, 10, 30, 5, 20])))).toEqual([0, 0, 1, 1, 0.5, 0.5]);
    const t = MinMaxScaler.fit(new Float32Array([0, 4]), 1, [-1, 1]);
    expect(Array.from(t.transform(new Float32Array([0, 2, 4])))).toEqual([-1, 0, 1]);
    expect(t.unitOf(0)).toBe(2);
  });
});

describe("scaling splits uses training statistics only", () => {
  it("validation and test data never change the scaler or the scaled training data", () => {
    fc.assert(
      fc.property(
        fc.integer(),
        fc.integer(),
        fc.constantFrom("standard" as const, "minmax" as const),
        (s1, s2, kind) => {
          const a = randomSplits(s1, 30, 10, 3);
          const other = randomSplits(s2, 30, 10, 3);
          // Same training split, completely different validation and test data.
          const b: Splits = { train: a.train, validation: other.validation, test: other.test };
          const sa = scaleFeatures(a, kind);
          const sb = scaleFeatures(b, kind);
          expect(sb.scaler?.state()).toEqual(sa.scaler?.state());
          expect(sb.train.x).toEqual(sa.train.x);
          expect(sb.validation.x).toEqual(sa.scaler?.transform(other.validation.x));
          // And the inputs are untouched.
          expect(a.train.x).toEqual(randomSplits(s1, 30, 10, 3).train.x);
        },
      ),
      { numRuns: 50 },
    );
  });

  it("a standardised training split has mean 0 and std 1; validation does not (it was shifted)", () => {
    const s = scaleFeatures(randomSplits(3, 500, 100, 2), "standard");
    const mean = (x: Float32Array, j: number) => {
      let m = 0;
      for (let i = j; i < x.length; i += 2) m += x[i];
      return m / (x.length / 2);
    };
    expect(mean(s.train.x, 0)).toBeCloseTo(0, 5);
    expect(mean(s.validation.x, 0)).toBeLessThan(-10);
  });

  it("sequence features are scaled per feature, pooled over steps", () => {
    const x = new Float32Array([0, 100, 2, 300, 4, 500, 6, 700]); // 2 samples × 2 steps × 2 features
    const ds = createDataset(x, [2, 2], new Float32Array(2), [1]);
    const s = scaleFeatures({ train: ds, validation: ds, test: ds }, "minmax");
    expect(Array.from(s.train.x)).toEqual([0, 0, 1 / 3, 1 / 3, 2 / 3, 2 / 3, 1, 1].map(Math.fround));
  });

  it("scaleTargets fits on train.y", () => {
    const sp = randomSplits(4, 200, 20, 1);
    const s = scaleTargets(sp, "standard");
    expect(s.scaler?.state()).toEqual(StandardScaler.fit(sp.train.y, 1).state());
    expect(s.train.x).toBe(sp.train.x);
  });
});
