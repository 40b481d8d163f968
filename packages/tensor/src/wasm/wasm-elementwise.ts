import { checkDim, checkVector } from "../checks.ts";
import type { Kernels } from "../kernels.ts";
import { tsKernels } from "../ts-kernels.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr } from "./wasm-operands.ts";

/**
 * add, sub, mul, scale and axpy of the WebAssembly backend. Memory-bound: a copy would cost what the
 * kernel saves, so on arrays outside the memory they run the TypeScript kernel, whose results are
 * bit-identical.
 */
export function wasmElementwise(
  w: WasmExports,
  mem: WasmMemory,
): Pick<Kernels, "add" | "sub" | "mul" | "scale" | "axpy"> {
  const binary = (op: number, name: "add" | "sub" | "mul"): Kernels["add"] => {
    const fallback = tsKernels[name];
    return (n, a, aOff, b, bOff, out, outOff) => {
      if (!(mem.owns(a) && mem.owns(b) && mem.owns(out))) return fallback(n, a, aOff, b, bOff, out, outOff);
      checkDim(name, "n", n);
      checkVector(name, "a", a, aOff, n);
      checkVector(name, "b", b, bOff, n);
      checkVector(name, "out", out, outOff, n);
      w.binary(op, n, ptr(a, aOff), ptr(b, bOff), ptr(out, outOff));
    };
  };
  return {
    add: binary(0, "add"),
    sub: binary(1, "sub"),
    mul: binary(2, "mul"),
    scale(n, alpha, x, xOff) {
      if (!mem.owns(x)) return tsKernels.scale(n, alpha, x, xOff);
      checkDim("scale", "n", n);
      checkVector("scale", "x", x, xOff, n);
      w.axpyScale(n, alpha, 0, ptr(x, xOff));
    },
    axpy(n, alpha, x, xOff, y, yOff) {
      if (!(mem.owns(x) && mem.owns(y))) return tsKernels.axpy(n, alpha, x, xOff, y, yOff);
      checkDim("axpy", "n", n);
      checkVector("axpy", "x", x, xOff, n);
      checkVector("axpy", "y", y, yOff, n);
      w.axpyScale(n, alpha, ptr(x, xOff), ptr(y, yOff));
    },
  };
}
