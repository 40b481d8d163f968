import { createModel, type Model } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { biasRanges, CandidateSampler } from "../src/index.ts";

function draws(model: Model, sampler: CandidateSampler, count: number, seed: number): Float32Array[] {
  const rng = new Rng(seed);
  const out: Float32Array[] = [];
  for (let i = 0; i < count; i++) {
    const row = new Float32Array(model.size);
    sampler.draw(rng, row);
    out.push(row);
  }
  return out;
}

function meanStd(values: number[]): { mean: number; std: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const v = values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length;
  return { mean, std: Math.sqrt(v) };
}

describe("CandidateSampler", () => {
  const mlp = createModel(
    { kind: "mlp", layers: [9, 16, 4], activation: "tanh", output: "softmax" },
    new Rng(1),
  );

  it("finds the bias tensors and their fan-in (dense: in; LSTM: in + hidden)", () => {
    const b = biasRanges(mlp);
    expect(Array.from(b.ranges)).toEqual([9 * 16, 16, 9 * 16 + 16 + 16 * 4, 4]);
    expect(Array.from(b.bounds)).toEqual([1 / 3, 1 / 4]);
    const lstm = createModel({ kind: "lstm", input: 3, hidden: 6, output: 2, readout: "last" }, new Rng(1));
    expect(biasRanges(lstm).bounds[0]).toBeCloseTo(1 / Math.sqrt(9), 12);
  });

  it("initializer: weights have the initialiser's variance, biases U(−1/√fanIn, 1/√fanIn)", () => {
    const s = new CandidateSampler({ kind: "initializer" }, mlp, mlp.params, 10);
    const rows = draws(mlp, s, 400, 2);
    // Glorot uniform for dense0: Var = 2 / (9 + 16)
    const w: number[] = [];
    const b0: number[] = [];
    for (const r of rows) {
      for (let i = 0; i < 9 * 16; i += 7) w.push(r[i]);
      for (let i = 144; i < 160; i++) b0.push(r[i]);
    }
    expect(meanStd(w).std).toBeCloseTo(Math.sqrt(2 / 25), 2);
    const b = meanStd(b0);
    expect(Math.abs(b.mean)).toBeLessThan(0.02);
    expect(b.std).toBeCloseTo(1 / 3 / Math.sqrt(3), 2);
    expect(Math.max(...b0.map(Math.abs))).toBeLessThanOrEqual(1 / 3);
  });

  it("initializer keeps the LSTM forget-gate bias as the centre of the bias noise", () => {
    const lstm = createModel({ kind: "lstm", input: 2, hidden: 4, output: 1, readout: "last" }, new Rng(3));
    const layer = lstm.layers[0];
    const bias = layer.tensors.find((t) => t.name === "b");
    if (!bias) throw new Error("LSTM layer without a bias tensor");
    // The model's own constant biases (forget gate 1, others 0) are what a fresh initialisation gives.
    const constant = lstm
      .initialize(new Rng(4), new Float32Array(lstm.size))
      .slice(bias.offset, bias.offset + bias.length);
    const s = new CandidateSampler({ kind: "initializer" }, lstm, lstm.params, 10);
    const sums = new Float64Array(bias.length);
    const rows = draws(lstm, s, 300, 5);
    for (const r of rows) for (let i = 0; i < bias.length; i++) sums[i] += r[bias.offset + i];
    const bound = 1 / Math.sqrt(2 + 4);
    for (let i = 0; i < bias.length; i++) {
      expect(Math.abs(sums[i] / rows.length - constant[i])).toBeLessThan(0.06);
      for (const r of rows)
        expect(Math.abs(r[bias.offset + i] - constant[i])).toBeLessThanOrEqual(bound + 1e-6);
    }
    expect(constant.some((v) => v === 1)).toBe(true);
  });

  it("normal and uniform: noise of the given scale around the initial weights", () => {
    const initial = mlp.params;
    const n = draws(mlp, new CandidateSampler({ kind: "normal", std: 0.3 }, mlp, initial, 10), 200, 6);
    const u = draws(mlp, new CandidateSampler({ kind: "uniform", range: 0.5 }, mlp, initial, 10), 200, 7);
    const dn: number[] = [];
    const du: number[] = [];
    for (const r of n) for (let i = 0; i < mlp.size; i += 5) dn.push(r[i] - initial[i]);
    for (const r of u) for (let i = 0; i < mlp.size; i += 5) du.push(r[i] - initial[i]);
    expect(meanStd(dn).std).toBeCloseTo(0.3, 2);
    expect(Math.abs(meanStd(dn).mean)).toBeLessThan(0.01);
    expect(meanStd(du).std).toBeCloseTo(0.5 / Math.sqrt(3), 2);
    expect(Math.max(...du.map(Math.abs))).toBeLessThanOrEqual(0.5 + 1e-6);
  });

  it("clamps into ±bounds and puts the initial weights in row 0 of a population", () => {
    const s = new CandidateSampler({ kind: "uniform", range: 5 }, mlp, mlp.params, 0.25);
    const pop = new Float32Array(6 * mlp.size);
    s.fill(new Rng(8), pop, 6);
    for (const v of pop) expect(Math.abs(v)).toBeLessThanOrEqual(0.25);
    const wide = new CandidateSampler({ kind: "initializer" }, mlp, mlp.params, 10);
    wide.fill(new Rng(8), pop, 6);
    expect(Array.from(pop.subarray(0, mlp.size))).toEqual(Array.from(mlp.params));
    expect(Array.from(pop.subarray(mlp.size, 2 * mlp.size))).not.toEqual(Array.from(mlp.params));
  });
});
