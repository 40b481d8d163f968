/**
 * Issue 22: `train` on the WebAssembly backend with two threads (gemm split over the helper thread,
 * the Adam update split, the gradient norm summed on the helper while the caller updates) gives the
 * bits of one thread: final parameters, every checkpoint (losses, gradient norms, diagnostics). And
 * the fused norm is the plain path's: a clipping threshold no gradient reaches takes the path that
 * computes the norm first, and must record the same history (but for the FLOPs, which count clipping).
 */
import { createModel, type ModelSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { createWasmKernels, type WasmKernels } from "@arena/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { type OptimizerConfig, train } from "../src/index.ts";

/** A faces-like problem: n samples of 1024 inputs, 40 classes one-hot. */
function facesLike(seed: string, n: number) {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * 1024), 0, 1);
  const y = new Float32Array(n * 40);
  for (let i = 0; i < n; i++) y[i * 40 + (i % 40)] = 1;
  return { n, x, xShape: [1024], y, yShape: [40] };
}

const SPEC: ModelSpec = { kind: "mlp", layers: [1024, 128, 40], activation: "tanh", output: "softmax" };
const data = { train: facesLike("train", 80), validation: facesLike("validation", 24) };

function run(kernels: WasmKernels, optimizer: OptimizerConfig, clipNorm?: number) {
  const model = createModel(SPEC, new Rng("init"), { kernels });
  try {
    const r = train(model, data, {
      optimizer,
      rng: new Rng("order"),
      batchSize: 32,
      epochs: 3,
      ...(clipNorm === undefined ? {} : { clip: { norm: clipNorm } }),
    });
    return {
      status: r.status,
      history: r.history,
      params: Array.from(new Uint32Array(model.params.slice().buffer)),
    };
  } finally {
    model.dispose();
  }
}

const one = createWasmKernels({ threads: 1, memoryMiB: 64 });
const twoDefault = createWasmKernels({ threads: 2, memoryMiB: 64, threadBackoffJobs: 0 });
const twoAlways = createWasmKernels({ threads: 2, memoryMiB: 64, threadMinMacs: 0, threadBackoffJobs: 0 });

const OPTIMIZERS: [string, OptimizerConfig][] = [
  ["Adam", { kind: "adam", lr: 1e-3 }],
  ["AdamW with AMSGrad", { kind: "adamw", lr: 1e-3, weightDecay: 0.05, amsgrad: true }],
  ["Adam with coupled L2", { kind: "adam", lr: 1e-3, weightDecay: 1e-3 }],
  ["momentum", { kind: "momentum", lr: 0.01 }],
];

describe("faces-like MLP 1024-128-40 training on two kernel threads", () => {
  beforeAll(async () => {
    await Promise.all([twoDefault.startThreads(), twoAlways.startThreads()]);
  });

  for (const [label, optimizer] of OPTIMIZERS) {
    it(`${label}: the same parameters and history on 1 and 2 threads, fused norm or not`, () => {
      const reference = run(one, optimizer);
      expect(reference.status).toBe("completed");
      expect(run(twoDefault, optimizer)).toEqual(reference);
      expect(run(twoAlways, optimizer)).toEqual(reference);
      const withoutFlops = (r: ReturnType<typeof run>) => ({
        ...r,
        history: r.history.map(({ flops: _, ...cp }) => cp),
      });
      expect(withoutFlops(run(one, optimizer, 1e30))).toEqual(withoutFlops(reference));
      expect(withoutFlops(run(twoAlways, optimizer, 1e30))).toEqual(withoutFlops(reference));
    });
  }
});
