import { getKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { activate } from "../src/activations.ts";
import {
  checkGradient,
  type Loss,
  lossDenominator,
  type OutputActivation,
  outputForward,
  outputLoss,
} from "../src/index.ts";

const kernels = getKernels();

/** The loss written the plain way in float64, as the reference. */
function referenceLoss(
  loss: Loss,
  out: OutputActivation,
  rows: number,
  cols: number,
  z: ArrayLike<number>,
  y: ArrayLike<number>,
): number {
  let total = 0;
  for (let r = 0; r < rows; r++) {
    const zr = Array.from({ length: cols }, (_, j) => z[r * cols + j]);
    const yr = Array.from({ length: cols }, (_, j) => y[r * cols + j]);
    let a: number[];
    if (out === "softmax") {
      const e = zr.map((v) => Math.exp(v));
      const s = e.reduce((p, q) => p + q, 0);
      a = e.map((v) => v / s);
    } else {
      a = zr.map((v) => activate(out, v));
    }
    for (let j = 0; j < cols; j++) {
      if (loss === "mse") total += (a[j] - yr[j]) ** 2;
      else if (loss === "cross-entropy") total -= yr[j] * Math.log(a[j]);
      else total -= yr[j] * Math.log(a[j]) + (1 - yr[j]) * Math.log(1 - a[j]);
    }
  }
  return total / lossDenominator(loss, rows, cols);
}

const CASES: [Loss, OutputActivation][] = [
  ["cross-entropy", "softmax"],
  ["bce", "sigmoid"],
  ["mse", "linear"],
  ["mse", "sigmoid"],
  ["mse", "tanh"],
  ["mse", "softmax"],
  ["mse", "relu"],
];

function mean(
  loss: Loss,
  out: OutputActivation,
  rows: number,
  cols: number,
  z: Float32Array,
  y: Float32Array,
  dz: Float32Array | null,
): number {
  const a = new Float32Array(z.length);
  outputForward(kernels, out, rows, cols, z, 0, cols, a, 0, cols);
  const d = lossDenominator(loss, rows, cols);
  return (
    outputLoss(kernels, loss, out, rows, cols, z, 0, cols, a, 0, cols, y, 0, cols, dz, 0, cols, 1 / d) / d
  );
}

describe("losses", () => {
  const rows = 4;
  const cols = 3;
  const z = Float32Array.from([0.3, -1.2, 2.0, 0.7, 0.1, -0.4, -2.1, 1.5, 0.9, 0.05, -0.6, 1.1]);
  const oneHot = Float32Array.from([0, 0, 1, 1, 0, 0, 0, 1, 0, 0, 0, 1]);
  const soft = Float32Array.from([0.2, 0.3, 0.5, 0.9, 0.05, 0.05, 0.1, 0.8, 0.1, 0.3, 0.3, 0.4]);

  it.each(CASES)("%s with %s output matches the float64 reference", (loss, out) => {
    const y = loss === "mse" ? Float32Array.from(z, (v) => v * 0.5 - 0.1) : loss === "bce" ? oneHot : soft;
    expect(mean(loss, out, rows, cols, z, y, null)).toBeCloseTo(
      referenceLoss(loss, out, rows, cols, z, y),
      6,
    );
  });

  it.each(CASES)(
    "%s with %s output: gradient w.r.t. the logits passes the finite-difference check",
    (loss, out) => {
      const y = loss === "mse" ? Float32Array.from(z, (v) => v * 0.5 - 0.1) : loss === "bce" ? oneHot : soft;
      const zz = Float32Array.from(z);
      const dz = new Float32Array(z.length);
      mean(loss, out, rows, cols, zz, y, dz);
      const r = checkGradient(() => mean(loss, out, rows, cols, zz, y, null), zz, dz);
      expect(r.failures).toEqual([]);
      expect(r.relativeError).toBeLessThan(1e-3);
    },
  );

  it("softmax cross-entropy is stable for huge logits (log-sum-exp)", () => {
    const big = Float32Array.from([1000, 0, -1000, 3e4, 3e4 - 1, 0]);
    const y = Float32Array.from([1, 0, 0, 0, 1, 0]);
    const dz = new Float32Array(6);
    const l = mean("cross-entropy", "softmax", 2, 3, big, y, dz);
    // row 0: ≈ 0; row 1: log(1 + e) - 0 + ... = lse - z_1 = log(e^1 + 1 + ~0) ≈ 1.3133
    expect(l).toBeCloseTo((0 + Math.log(Math.E + 1)) / 2, 5);
    for (const v of dz) expect(Number.isFinite(v)).toBe(true);
  });

  it("binary cross-entropy on logits is stable for huge logits", () => {
    const z2 = Float32Array.from([100, -100, 100]);
    const y = Float32Array.from([1, 0, 0]);
    const dz = new Float32Array(3);
    const l = mean("bce", "sigmoid", 3, 1, z2, y, dz);
    expect(l).toBeCloseTo(100 / 3, 5);
    expect(Array.from(dz).map((v) => Math.round(v * 3 * 1e6) / 1e6)).toEqual([0, 0, 1]);
  });

  it("cross-entropy gradient is (p − y)/rows for one-hot targets", () => {
    const dz = new Float32Array(z.length);
    mean("cross-entropy", "softmax", rows, cols, z, oneHot, dz);
    const p = new Float32Array(z.length);
    outputForward(kernels, "softmax", rows, cols, z, 0, cols, p, 0, cols);
    for (let i = 0; i < z.length; i++) expect(dz[i]).toBeCloseTo((p[i] - oneHot[i]) / rows, 7);
  });
});
