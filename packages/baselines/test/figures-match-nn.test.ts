import { getProblem, type Problem } from "@arena/datasets";
import { countCorrect, createModel, sumSquaredError } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { applyLinear, fitBaseline, ridgeSystem, solveRidge } from "../src/index.ts";

const SPLITS = ["train", "validation", "test"] as const;

/** The linear baseline's own map, refitted from its reported settings. */
function linearMap(problem: Problem, settings: Readonly<Record<string, number | string>>) {
  const { train } = problem;
  const d = train.x.length / train.n;
  const m = train.y.length / train.n;
  const sys = ridgeSystem(train.x, train.y, train.n, d, m, settings.solver as "primal" | "dual");
  const map = solveRidge(sys, Number(settings.lambda));
  if (map === null) throw new Error("the reported λ does not solve");
  return map;
}

/** A one-layer MLP (d → m) holding W and b, evaluated by nn itself. */
function nnLinear(
  d: number,
  m: number,
  output: "linear" | "softmax",
  W: ArrayLike<number>,
  b: ArrayLike<number>,
) {
  const net = createModel({ kind: "mlp", layers: [d, m], activation: "tanh", output }, null);
  const dense = net.layers[0];
  const names = Object.keys(dense.params);
  expect(names.sort()).toEqual(["W", "b"]);
  dense.params.W.set(W);
  dense.params.b.set(b);
  return net;
}

describe("figures are nn's figures", () => {
  it("regression: linear RMSE and loss equal √(sumSquaredError / entries) and nn's evaluate of the same affine map", () => {
    const p = getProblem("diabetes").load(new Rng("x"));
    const r = fitBaseline("linear", p);
    const map = linearMap(p, r.settings);
    const net = nnLinear(map.d, map.m, "linear", map.weights, map.bias);
    for (const split of SPLITS) {
      const ds = p[split];
      const pred = applyLinear(map, ds.x, ds.n);
      const sse = sumSquaredError(ds.n, pred, 0, ds.y, 0);
      expect(r[split].metric).toBe(Math.sqrt(sse / ds.n));
      expect(r[split].loss).toBe(sse / ds.n);
      // nn holds W in float32, so its outputs differ in the 7th digit.
      const ev = net.evaluate(ds);
      expect(ev.metric).toBe("rmse");
      expect(ev.value).toBeCloseTo(r[split].metric, 5);
      expect(ev.loss).toBeCloseTo(r[split].loss, 5);
    }
    net.dispose();
  });

  it("classification: ridge accuracy equals countCorrect / n and nn's accuracy of the same map under softmax", () => {
    const p = getProblem("iris").load(new Rng("x"));
    const r = fitBaseline("linear", p);
    const map = linearMap(p, r.settings);
    const net = nnLinear(map.d, map.m, "softmax", map.weights, map.bias);
    for (const split of SPLITS) {
      const ds = p[split];
      const pred = applyLinear(map, ds.x, ds.n);
      expect(r[split].metric).toBe(countCorrect(ds.n, 3, pred, 0, ds.y, 0) / ds.n);
      expect(net.evaluate(ds).value).toBe(r[split].metric); // softmax keeps the argmax
      expect(r[split].loss).toBeNaN(); // least squares gives no class probabilities
    }
    net.dispose();
  });

  it("majority: accuracy and cross-entropy equal nn's evaluate of a net that outputs the smoothed train frequencies", () => {
    const p = getProblem("wine").load(new Rng("x"));
    const r = fitBaseline("majority", p);
    const counts = [0, 0, 0];
    const labels = p.train.y;
    for (let i = 0; i < p.train.n; i++) counts[[0, 1, 2].find((j) => labels[i * 3 + j] === 1) ?? 0]++;
    // Zero weights and biases log p: softmax gives p for every sample.
    const logP = counts.map((c) => Math.log((c + 1) / (p.train.n + 3)));
    const net = nnLinear(13, 3, "softmax", new Float32Array(13 * 3), logP);
    for (const split of SPLITS) {
      const ev = net.evaluate(p[split]);
      expect(ev.value).toBe(r[split].metric);
      expect(ev.loss).toBeCloseTo(r[split].loss, 6);
    }
    net.dispose();
  });
});
