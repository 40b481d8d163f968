import { checkCrossEntropyParts, crossEntropyParts as tsCrossEntropyParts } from "../cross-entropy-parts.ts";
import type { Kernels } from "../kernels.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr, type WasmOperands } from "./wasm-operands.ts";

/**
 * crossEntropyParts of the WebAssembly backend: the targets are copied in when they live outside the
 * memory (they are small: one row per `repeat` rows of X), the parts land in per-call scratch and are
 * copied out. On logits outside the memory, or when the scratch does not fit, it runs the TypeScript
 * kernel, whose results are the same bits.
 */
export function wasmCrossEntropyParts(
  w: WasmExports,
  mem: WasmMemory,
  ops: WasmOperands,
): Pick<Kernels, "crossEntropyParts"> {
  // The memory never grows (its maximum is its initial size), so one float64 view serves every call.
  const f64 = new Float64Array(mem.buffer);
  return {
    crossEntropyParts(m, n, x, xOff, ldx, y, yOff, ldy, repeat, out, outOff) {
      const fallback = () => tsCrossEntropyParts(m, n, x, xOff, ldx, y, yOff, ldy, repeat, out, outOff);
      if (!mem.owns(x)) return fallback();
      checkCrossEntropyParts(m, n, x, xOff, ldx, y, yOff, ldy, repeat, out, outOff);
      if (m === 0 || n === 0) return fallback();
      const mark = ops.top;
      try {
        const p = ops.take(m * 24);
        const py = p < 0 ? -1 : ops.operand(y, yOff, Math.ceil(m / repeat), n, ldy);
        if (py < 0) return fallback();
        w.crossEntropyParts(m, n, ptr(x, xOff), ldx, py, ldy, repeat, p);
        out.set(f64.subarray(p / 8, p / 8 + 3 * m), outOff);
      } finally {
        ops.top = mark;
      }
    },
  };
}
