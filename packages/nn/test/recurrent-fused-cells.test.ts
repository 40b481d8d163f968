/**
 * LSTM and GRU steps run through the backend's fused cell kernels (lstmForward/lstmBackward,
 * gruForward/gruBackward): finite-difference gradient checks at batch 1 (the single-row gemm path of
 * the WebAssembly backend) and batch 3, on both backends, with an odd hidden size (the kernels' scalar
 * tail after the f64x2 pairs); and the two backends agreeing on a few training steps (they differ only
 * in gemm's summation, the cells being bit-identical).
 */
import { Rng } from "@arena/rng";
import { type Kernels, tsKernels, wasmKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { checkModelGradient, RecurrentNet, type RecurrentSpec } from "../src/index.ts";
import { randomSequences } from "./fixtures.ts";

const T = 10;
const BACKENDS: [string, () => Kernels][] = [
  ["ts", () => tsKernels],
  ["wasm", wasmKernels],
];

describe("fused LSTM and GRU cells", () => {
  for (const kind of ["lstm", "gru"] as const) {
    for (const [name, kernels] of BACKENDS) {
      for (const n of [1, 3]) {
        it(`${kind} on ${name}, batch ${n}: BPTT gradients match finite differences`, () => {
          const spec: RecurrentSpec = { kind, input: 2, hidden: 5, output: 2, readout: "every-step" };
          const net = new RecurrentNet(spec, new Rng(`fused-${kind}-${n}`), { kernels: kernels() });
          const data = randomSequences(`fused-${kind}-${n}`, n, T, 2, 2, "every-step");
          const r = checkModelGradient(net, data);
          expect(r.failures).toEqual([]);
          expect(r.checked).toBe(net.size);
        });
      }
    }

    it(`${kind}: the TypeScript and WebAssembly backends agree over training steps at batch 1 and 3`, () => {
      for (const n of [1, 3]) {
        const spec: RecurrentSpec = { kind, input: 1, hidden: 32, output: 1, readout: "every-step" };
        const data = randomSequences(`agree-${kind}-${n}`, n, 20, 1, 1, "every-step");
        const train = (k: Kernels) => {
          const net = new RecurrentNet(spec, new Rng(`agree-${kind}`), { kernels: k });
          const losses: number[] = [];
          for (let s = 0; s < 5; s++) {
            net.zeroGrads();
            net.forward(data.x, n);
            losses.push(net.backward(data.y));
            for (let i = 0; i < net.size; i++) net.params[i] -= 0.1 * net.grads[i];
          }
          return { losses, params: Float32Array.from(net.params) };
        };
        const a = train(tsKernels);
        const b = train(wasmKernels());
        for (let s = 0; s < a.losses.length; s++)
          expect(Math.abs(a.losses[s] - b.losses[s])).toBeLessThanOrEqual(1e-5 * Math.abs(a.losses[s]));
        let worst = 0;
        for (let i = 0; i < a.params.length; i++)
          worst = Math.max(worst, Math.abs(a.params[i] - b.params[i]));
        expect(worst).toBeLessThan(1e-5);
      }
    });
  }
});
