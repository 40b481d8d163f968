import { checkDim, checkMatrix, checkVector } from "../checks.ts";
import type { Kernels } from "../kernels.ts";
import { addRowBias as tsAddRowBias, colSums as tsColSums, softmaxRows as tsSoftmaxRows } from "../rows.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr, type WasmOperands } from "./wasm-operands.ts";

/**
 * addRowBias, colSums and softmaxRows of the WebAssembly backend. Memory-bound like the elementwise
 * kernels: on arrays outside the memory they run the TypeScript kernel, whose results are
 * bit-identical (softmaxRows too: its exp is fdlibm's, as V8's Math.exp).
 */
export function wasmRows(
  w: WasmExports,
  mem: WasmMemory,
  ops: WasmOperands,
): Pick<Kernels, "addRowBias" | "colSums" | "softmaxRows"> {
  return {
    addRowBias(m, n, bias, biasOff, c, cOff, ldc) {
      if (!(mem.owns(bias) && mem.owns(c))) return tsAddRowBias(m, n, bias, biasOff, c, cOff, ldc);
      checkDim("addRowBias", "m", m);
      checkDim("addRowBias", "n", n);
      checkVector("addRowBias", "bias", bias, biasOff, n);
      checkMatrix("addRowBias", "C", c, cOff, m, n, ldc);
      w.addRowBias(m, n, ptr(bias, biasOff), ptr(c, cOff), ldc);
    },
    colSums(m, n, alpha, a, aOff, lda, beta, out, outOff) {
      if (!(mem.owns(a) && mem.owns(out))) return tsColSums(m, n, alpha, a, aOff, lda, beta, out, outOff);
      checkDim("colSums", "m", m);
      checkDim("colSums", "n", n);
      checkMatrix("colSums", "A", a, aOff, m, n, lda);
      checkVector("colSums", "out", out, outOff, n);
      const mark = ops.top;
      try {
        const acc = ops.take(n * 8); // the float64 accumulators
        if (acc < 0) return tsColSums(m, n, alpha, a, aOff, lda, beta, out, outOff);
        w.colSums(m, n, alpha, ptr(a, aOff), lda, beta, ptr(out, outOff), acc);
      } finally {
        ops.top = mark;
      }
    },
    softmaxRows(m, n, x, xOff, ldx, out, outOff, ldo) {
      if (!(mem.owns(x) && mem.owns(out))) return tsSoftmaxRows(m, n, x, xOff, ldx, out, outOff, ldo);
      checkDim("softmaxRows", "m", m);
      checkDim("softmaxRows", "n", n);
      checkMatrix("softmaxRows", "X", x, xOff, m, n, ldx);
      checkMatrix("softmaxRows", "OUT", out, outOff, m, n, ldo);
      w.softmaxRows(m, n, ptr(x, xOff), ldx, ptr(out, outOff), ldo);
    },
  };
}
