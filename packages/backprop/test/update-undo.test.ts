/**
 * Without clipping, the stepper hands the optimizer a backup and lets the step undo itself (the
 * parameters copied first, back if one ends non-finite) instead of checking the gradient before and
 * the parameters after; Adam does both inside its update kernel, on the helper thread too. A step that
 * goes wrong must still end as on the plain path, which checks first (taken here with a clipping
 * threshold no gradient reaches): the same error, step and message, the parameters untouched, and the
 * FLOPs of what ran. On every backend, one and two threads.
 */
import { createModel, DivergenceError, type MlpSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import { createWasmKernels, type Kernels, tsKernels, type WasmKernels } from "@arena/tensor";
import { beforeAll, describe, expect, it } from "vitest";
import { Adam, BackpropStepper, type GradientOptimizer, Sgd } from "../src/index.ts";
import { blobs } from "./training-fixtures.ts";

const SPEC: MlpSpec = { kind: "mlp", layers: [2, 8, 1], activation: "relu", output: "linear", loss: "mse" };
const data = { ...blobs("undo", 40), y: new Float32Array(40).fill(0.5), yShape: [1] };

/** The error of one step from fresh parameters (first-layer weights × `scale`), and what it left. */
function failedStep(kernels: Kernels, optimizer: GradientOptimizer, scale: number, plain: boolean) {
  const model = createModel(SPEC, new Rng(1), { kernels });
  const W = model.layers[0].params.W;
  for (let i = 0; i < W.length; i++) W[i] *= scale;
  const start = Array.from(model.params);
  const s = new BackpropStepper(model, data, {
    optimizer,
    batchSize: 40,
    rng: new Rng(1),
    ...(plain ? { clip: { norm: 1e30, per: "step" as const } } : {}),
  });
  let error: unknown = null;
  try {
    s.step();
  } catch (e) {
    error = e;
  }
  if (!(error instanceof DivergenceError)) throw new Error(`expected a DivergenceError, got ${error}`);
  const passFlops = model.flops({ batch: 40, backward: true }).total;
  const result = {
    message: error.message,
    step: error.step,
    flops: error.flops,
    untouched: Array.from(model.params).every((p, i) => Object.is(p, start[i])),
    steps: s.steps,
  };
  model.dispose();
  return { result, passFlops, size: model.size };
}

const one = createWasmKernels({ threads: 1, memoryMiB: 8 });
const two = createWasmKernels({ threads: 2, memoryMiB: 8, threadMinMacs: 0, threadBackoffJobs: 0 });
const BACKENDS: [string, Kernels][] = [
  ["TypeScript", tsKernels],
  ["WebAssembly, one thread", one],
  ["WebAssembly, two threads", two],
];

describe("a step that goes wrong undoes itself, as the plain path does", () => {
  beforeAll(async () => {
    await (two as WasmKernels).startThreads();
  });

  for (const [label, kernels] of BACKENDS) {
    for (const [name, make] of [
      ["Adam", (lr: number) => new Adam({ lr })],
      ["SGD", (lr: number) => new Sgd({ lr })],
    ] as const) {
      it(`${label}, ${name}: a non-finite gradient with a finite loss changes nothing`, () => {
        // First-layer weights of 1e20: outputs near 1e21 (a finite float64 loss), a weight gradient past float32.
        const fused = failedStep(kernels, make(1e-3), 1e20, false);
        const plain = failedStep(kernels, make(1e-3), 1e20, true);
        expect(fused.result.message).toMatch(/^backprop: gradient norm is (NaN|Infinity) at step 1$/);
        expect(fused.result).toEqual(plain.result);
        expect(fused.result).toMatchObject({ step: 1, flops: fused.passFlops, untouched: true, steps: 0 });
      });

      it(`${label}, ${name}: an update that overflows float32 is undone and reported`, () => {
        const optimizer = make(1e40);
        const fused = failedStep(kernels, optimizer, 1, false);
        const plain = failedStep(kernels, make(1e40), 1, true);
        expect(fused.result.message).toMatch(
          /^backprop: the update overflowed the parameters at step 1 \(gradient norm [0-9.e+-]+\)$/,
        );
        expect(fused.result.message).toBe(plain.result.message); // the same norm, to the bit
        expect(fused.result).toMatchObject({ step: 1, untouched: true, steps: 0 });
        expect(fused.result.flops).toBe(fused.passFlops + optimizer.flopsPerStep(fused.size));
      });
    }
  }
});
