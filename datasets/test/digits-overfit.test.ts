import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { argmaxRows, type Dataset, getProblem } from "../src/index.ts";

/**
 * A minimal reference MLP (64-32-10, tanh, softmax, cross-entropy, full-batch Adam), written out here so
 * this package's data can be checked for the overfitting behaviour the harness relies on without
 * depending on nn.
 */
class TinyMlp {
  readonly d: number;
  readonly h: number;
  readonly k: number;
  readonly w: Float64Array; // [W1 (h×d), b1 (h), W2 (k×h), b2 (k)]
  private readonly m: Float64Array;
  private readonly v: Float64Array;
  private t = 0;

  constructor(d: number, h: number, k: number, rng: Rng) {
    this.d = d;
    this.h = h;
    this.k = k;
    this.w = new Float64Array(h * d + h + k * h + k);
    for (let i = 0; i < h * d; i++) this.w[i] = rng.normal(0, 1 / Math.sqrt(d));
    for (let i = 0; i < k * h; i++) this.w[h * d + h + i] = rng.normal(0, 1 / Math.sqrt(h));
    this.m = new Float64Array(this.w.length);
    this.v = new Float64Array(this.w.length);
  }

  /** Mean cross-entropy and accuracy on ds; with `grad`, accumulates the mean gradient into it. */
  evaluate(ds: Dataset, grad?: Float64Array): { loss: number; accuracy: number } {
    const { d, h, k, w } = this;
    const b1 = h * d;
    const w2 = b1 + h;
    const b2 = w2 + k * h;
    const a = new Float64Array(h);
    const p = new Float64Array(k);
    let loss = 0;
    let correct = 0;
    for (let s = 0; s < ds.n; s++) {
      for (let j = 0; j < h; j++) {
        let z = w[b1 + j];
        for (let i = 0; i < d; i++) z += w[j * d + i] * ds.x[s * d + i];
        a[j] = Math.tanh(z);
      }
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) {
        let z = w[b2 + c];
        for (let j = 0; j < h; j++) z += w[w2 + c * h + j] * a[j];
        p[c] = z;
        max = Math.max(max, z);
      }
      let sum = 0;
      for (let c = 0; c < k; c++) sum += p[c] = Math.exp(p[c] - max);
      const label = ds.y.subarray(s * k, (s + 1) * k).indexOf(1);
      for (let c = 0; c < k; c++) p[c] /= sum;
      loss -= Math.log(p[label] + 1e-300);
      if (argmaxRows(p, k)[0] === label) correct++;
      if (!grad) continue;
      for (let c = 0; c < k; c++) {
        const g = (p[c] - (c === label ? 1 : 0)) / ds.n;
        grad[b2 + c] += g;
        for (let j = 0; j < h; j++) grad[w2 + c * h + j] += g * a[j];
      }
      for (let j = 0; j < h; j++) {
        let g = 0;
        for (let c = 0; c < k; c++) g += (p[c] - (c === label ? 1 : 0)) * w[w2 + c * h + j];
        g *= (1 - a[j] * a[j]) / ds.n;
        grad[b1 + j] += g;
        for (let i = 0; i < d; i++) grad[j * d + i] += g * ds.x[s * d + i];
      }
    }
    return { loss: loss / ds.n, accuracy: correct / ds.n };
  }

  /** One full-batch Adam step (Kingma & Ba 2015, default betas). */
  step(ds: Dataset, lr: number): void {
    const g = new Float64Array(this.w.length);
    this.evaluate(ds, g);
    this.t++;
    for (let i = 0; i < g.length; i++) {
      this.m[i] = 0.9 * this.m[i] + 0.1 * g[i];
      this.v[i] = 0.999 * this.v[i] + 0.001 * g[i] * g[i];
      const mh = this.m[i] / (1 - 0.9 ** this.t);
      const vh = this.v[i] / (1 - 0.999 ** this.t);
      this.w[i] -= (lr * mh) / (Math.sqrt(vh) + 1e-8);
    }
  }
}

describe("digits with 100 training samples", () => {
  it("overfits an MLP visibly: training is learned perfectly, validation lags and its loss turns up", () => {
    const p = getProblem("digits").load(new Rng(3), { trainSize: 100 });
    expect(p.train.n).toBe(100);
    const net = new TinyMlp(64, 32, 10, new Rng(4));
    let bestVal = Number.POSITIVE_INFINITY;
    for (let epoch = 0; epoch < 300; epoch++) {
      net.step(p.train, 0.01);
      if (epoch % 10 === 9) bestVal = Math.min(bestVal, net.evaluate(p.validation).loss);
    }
    const train = net.evaluate(p.train);
    const val = net.evaluate(p.validation);
    expect(train.accuracy).toBe(1);
    expect(train.loss).toBeLessThan(0.02);
    expect(val.accuracy).toBeLessThan(0.93);
    expect(train.accuracy - val.accuracy).toBeGreaterThan(0.07);
    expect(val.loss).toBeGreaterThan(5 * train.loss);
    expect(val.loss).toBeGreaterThan(bestVal); // past the best validation point: overfitting
  });
});
