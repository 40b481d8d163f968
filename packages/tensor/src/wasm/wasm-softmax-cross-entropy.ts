import type { Kernels } from "../kernels.ts";
import {
  checkSoftmaxCrossEntropy,
  softmaxCrossEntropy as tsSoftmaxCrossEntropy,
} from "../softmax-cross-entropy.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr, type WasmOperands } from "./wasm-operands.ts";

/**
 * softmaxCrossEntropy of the WebAssembly backend: on logits (and gradient) in the memory, targets
 * copied in when they live outside it; otherwise, or when the copy does not fit, the TypeScript
 * kernel, whose results are the same bits.
 */
export function wasmSoftmaxCrossEntropy(
  w: WasmExports,
  mem: WasmMemory,
  ops: WasmOperands,
): Pick<Kernels, "softmaxCrossEntropy"> {
  return {
    softmaxCrossEntropy(m, n, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz, scale) {
      const fallback = () => tsSoftmaxCrossEntropy(m, n, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz, scale);
      if (!mem.owns(z) || (dz !== null && !mem.owns(dz))) return fallback();
      checkSoftmaxCrossEntropy(m, n, z, zOff, ldz, y, yOff, ldy, dz, dzOff, lddz);
      if (m === 0 || n === 0) return fallback();
      const mark = ops.top;
      try {
        const py = ops.operand(y, yOff, m, n, ldy);
        if (py < 0) return fallback();
        const pdz = dz === null ? 0 : ptr(dz, dzOff);
        return w.softmaxCrossEntropy(m, n, ptr(z, zOff), ldz, py, ldy, pdz, lddz, scale);
      } finally {
        ops.top = mark;
      }
    },
  };
}
