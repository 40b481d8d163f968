import { Mlp, RecurrentNet, type RecurrentSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { BackpropStepper, gradNorm, type ResolvedBptt, type ResolvedClip, Sgd } from "../src/index.ts";
import { blobs, maxRelDiff, randomSequences } from "./training-fixtures.ts";

const spec: RecurrentSpec = { kind: "lstm", input: 2, hidden: 4, output: 2, readout: "every-step" };
const data = randomSequences("clip", 4, 9, 2, 2, "every-step");

/** One SGD(lr 1) step; returns the parameter change and the model's gradient afterwards. */
function update(bptt: ResolvedBptt | null, clip: ResolvedClip | null) {
  const net = new RecurrentNet(spec, new Rng(5));
  const before = Float32Array.from(net.params);
  new BackpropStepper(net, data, {
    optimizer: new Sgd({ lr: 1 }),
    batchSize: 4,
    rng: new Rng(1),
    bptt,
    clip,
  }).step();
  const delta = Float32Array.from(net.params, (p, i) => before[i] - p);
  return { delta, grads: Float32Array.from(net.grads) };
}

describe("gradient clipping in the training step", () => {
  const seq: ResolvedBptt = { k1: 3, k2: 9, update: "sequence" };
  const raw = update(seq, null);
  const cap = gradNorm(raw.grads) / 4;

  it("per step: the update is the summed gradient rescaled to the cap, same direction", () => {
    const r = update(seq, { norm: cap, per: "step" });
    expect(gradNorm(r.delta)).toBeCloseTo(cap, 5);
    const scaled = Float32Array.from(raw.grads, (g) => (g * cap) / gradNorm(raw.grads));
    expect(maxRelDiff(r.delta, scaled)).toBeLessThan(1e-5);
    // the model keeps the unclipped gradient for diagnostics
    expect(r.grads).toEqual(raw.grads);
  });

  it("per chunk: each chunk is clipped before the sum, which changes the update (norm at most the cap)", () => {
    const r = update(seq, { norm: cap, per: "chunk" });
    expect(gradNorm(r.delta)).toBeLessThanOrEqual(cap * (1 + 1e-6));
    const perStep = update(seq, { norm: cap, per: "step" });
    expect(maxRelDiff(r.delta, perStep.delta)).toBeGreaterThan(1e-3);
  });

  it("with one update per chunk, per chunk and per step are the same thing", () => {
    const chunked: ResolvedBptt = { k1: 3, k2: 9, update: "chunk" };
    const a = update(chunked, { norm: 0.01, per: "chunk" });
    const b = update(chunked, { norm: 0.01, per: "step" });
    expect(a.delta).toEqual(b.delta);
  });

  it("value clipping clamps every entry of the update, then a norm cap applies", () => {
    const net = new Mlp(
      { kind: "mlp", layers: [2, 5, 3], activation: "tanh", output: "softmax" },
      new Rng(2),
    );
    const d = blobs(3, 12);
    const before = Float32Array.from(net.params);
    new BackpropStepper(net, d, {
      optimizer: new Sgd({ lr: 1 }),
      batchSize: 12,
      rng: new Rng(1),
      clip: { value: 0.01, norm: 0.05, per: "step" },
    }).step();
    const delta = Float32Array.from(net.params, (p, i) => before[i] - p);
    const clamped = Float32Array.from(net.grads, (g) => Math.max(-0.01, Math.min(0.01, g)));
    const n = gradNorm(clamped);
    const expected = n > 0.05 ? Float32Array.from(clamped, (g) => (g * 0.05) / n) : clamped;
    expect(maxRelDiff(delta, expected)).toBeLessThan(1e-5);
    expect(Math.max(...Array.from(delta, Math.abs))).toBeLessThanOrEqual(0.01 + 1e-7);
  });
});
