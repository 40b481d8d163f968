/**
 * nn routes tanh, sigmoid, relu and linear through the backend's activation kernels. On the TypeScript
 * backend those are the same float64 formulas as nn's own loops, so the results must be bit-identical;
 * on the WebAssembly backend (float32 SIMD lanes) they agree within a few float32 ulps. The other kinds
 * stay in nn's loops on every backend.
 */

import { tsKernels, wasmKernels } from "@arena/tensor";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTIVATIONS,
  activationBackwardFlat,
  activationBackwardKernel,
  activationForwardFlat,
  activationForwardKernel,
} from "../src/index.ts";

const valuesArb = fc.float32Array({ minLength: 1, maxLength: 67, min: -10, max: 10, noNaN: true });

function run(
  kernel: boolean,
  k: typeof tsKernels,
  kind: (typeof ACTIVATIONS)[number],
  z: Float32Array,
  dy: Float32Array,
) {
  const n = z.length;
  const y = new Float32Array(n);
  const dz = new Float32Array(n);
  if (kernel) {
    activationForwardKernel(k, kind, n, z, 0, y, 0);
    activationBackwardKernel(k, kind, n, z, 0, y, 0, dy, 0, dz, 0);
  } else {
    activationForwardFlat(kind, n, z, 0, y, 0);
    activationBackwardFlat(kind, n, z, 0, y, 0, dy, 0, dz, 0);
  }
  return { y, dz };
}

describe("activations through the kernels", () => {
  it.each(ACTIVATIONS)("%s: the TypeScript backend equals nn's loops bit for bit", (kind) => {
    fc.assert(
      fc.property(valuesArb, (z) => {
        const dy = z.map((v, i) => Math.fround(Math.cos(v + i)));
        const a = run(true, tsKernels, kind, z, dy);
        const b = run(false, tsKernels, kind, z, dy);
        expect(Array.from(a.y)).toEqual(Array.from(b.y));
        expect(Array.from(a.dz)).toEqual(Array.from(b.dz));
      }),
    );
  });

  it.each(ACTIVATIONS)(
    "%s: the WebAssembly backend agrees with nn's loops within a few float32 ulps",
    (kind) => {
      const w = wasmKernels();
      fc.assert(
        fc.property(valuesArb, (z) => {
          const dy = z.map((v, i) => Math.fround(Math.cos(v + i)));
          const a = run(true, w, kind, z, dy);
          const b = run(false, w, kind, z, dy);
          for (let i = 0; i < z.length; i++) {
            // tanh and sigmoid are within 2e-7 of each other absolutely (few ulps of 1 or ½); relu
            // and linear are exact. f′ ≤ 1 and moves by at most 2·|Δy|, so dz is within 1e-6·|dy|.
            expect(Math.abs(a.y[i] - b.y[i])).toBeLessThanOrEqual(1e-6);
            expect(Math.abs(a.dz[i] - b.dz[i])).toBeLessThanOrEqual(1e-6 * Math.abs(dy[i]));
          }
        }),
      );
    },
  );
});
