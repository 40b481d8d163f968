import { ACTIVATION_KINDS, checkActivationKind } from "../activation.ts";
import { checkDim, checkVector } from "../checks.ts";
import type { Kernels } from "../kernels.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr, type WasmOperands } from "./wasm-operands.ts";

/**
 * Floats per chunk when activations on arrays outside the memory are staged through the per-call
 * region (64 KiB per operand: small against the top quarter of even a 2 MiB memory).
 */
const ACT_CHUNK = 16384;

/**
 * activation and activationGrad of the WebAssembly backend. Evaluated in float32 lanes they differ
 * from the TypeScript kernels by a few ulps, so unlike the other memory-bound kernels they never fall
 * back to TypeScript: arrays outside the memory are staged through the per-call region in chunks, and
 * a model's results never depend on whether `alloc` had room.
 */
export function wasmActivation(
  w: WasmExports,
  mem: WasmMemory,
  ops: WasmOperands,
): Pick<Kernels, "activation" | "activationGrad"> {
  return {
    activation(kind, n, x, xOff, out, outOff) {
      checkActivationKind("activation", kind);
      checkDim("activation", "n", n);
      checkVector("activation", "x", x, xOff, n);
      checkVector("activation", "out", out, outOff, n);
      const code = ACTIVATION_KINDS.indexOf(kind);
      if (mem.owns(x) && mem.owns(out)) {
        w.activation(code, n, ptr(x, xOff), ptr(out, outOff));
        return;
      }
      const mark = ops.top;
      try {
        const px = ops.take(Math.min(n, ACT_CHUNK) * 4);
        for (let i = 0; i < n; i += ACT_CHUNK) {
          const len = Math.min(ACT_CHUNK, n - i);
          ops.copyIn(x, xOff + i, len, px);
          w.activation(code, len, px, px);
          ops.copyOut(px, len, out, outOff + i);
        }
      } finally {
        ops.top = mark;
      }
    },
    activationGrad(kind, n, y, yOff, dy, dyOff, dx, dxOff) {
      checkActivationKind("activationGrad", kind);
      checkDim("activationGrad", "n", n);
      checkVector("activationGrad", "y", y, yOff, n);
      checkVector("activationGrad", "dy", dy, dyOff, n);
      checkVector("activationGrad", "dx", dx, dxOff, n);
      const code = ACTIVATION_KINDS.indexOf(kind);
      if (mem.owns(y) && mem.owns(dy) && mem.owns(dx)) {
        w.activationGrad(code, n, ptr(y, yOff), ptr(dy, dyOff), ptr(dx, dxOff));
        return;
      }
      const mark = ops.top;
      try {
        const chunk = Math.min(n, ACT_CHUNK);
        const py = ops.take(chunk * 4);
        const pg = ops.take(chunk * 4);
        for (let i = 0; i < n; i += ACT_CHUNK) {
          const len = Math.min(ACT_CHUNK, n - i);
          ops.copyIn(y, yOff + i, len, py);
          ops.copyIn(dy, dyOff + i, len, pg);
          w.activationGrad(code, len, py, pg, pg);
          ops.copyOut(pg, len, dx, dxOff + i);
        }
      } finally {
        ops.top = mark;
      }
    },
  };
}
