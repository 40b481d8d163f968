import { activation, activationGrad } from "./activation.ts";
import { adamUpdate } from "./adam-update.ts";
import { crossEntropyParts } from "./cross-entropy-parts.ts";
import { add, axpy, clamp, copy, fill, map, mul, scale, sub } from "./elementwise.ts";
import { gemm } from "./gemm.ts";
import { gemmBatched } from "./gemm-batched.ts";
import { gemv } from "./gemv.ts";
import { gruBackward, gruForward } from "./gru-cell.ts";
import type { Kernels } from "./kernels.ts";
import { lstmBackward, lstmForward } from "./lstm-cell.ts";
import { allFinite, dot, norm2, sum } from "./reductions.ts";
import { addRowBias, argmaxRows, colSums, softmaxRows } from "./rows.ts";
import { softmaxCrossEntropy } from "./softmax-cross-entropy.ts";
import { transpose } from "./transpose.ts";

/**
 * The TypeScript backend, the reference (active where WebAssembly SIMD is missing, or when chosen; the
 * default is the WebAssembly one, see `backend.ts`): a blocked, register-tiled gemm (see `gemm.ts`)
 * and tight loops for everything else. Any other backend must give the same results within the
 * tolerances the property tests state (`test/`), and throw the same errors (`checks.ts`).
 *
 * @example
 * ```ts
 * import { tsKernels } from "@arena/tensor";
 * const x = Float32Array.of(3, 4);
 * console.log(tsKernels.norm2(2, x, 0)); // 5
 * ```
 */
export const tsKernels: Kernels = {
  name: "ts",
  gemm,
  gemmBatched,
  gemv,
  add,
  sub,
  mul,
  scale,
  axpy,
  fill,
  copy,
  clamp,
  map,
  activation,
  activationGrad,
  lstmForward,
  lstmBackward,
  gruForward,
  gruBackward,
  addRowBias,
  colSums,
  softmaxRows,
  crossEntropyParts,
  softmaxCrossEntropy,
  argmaxRows,
  transpose,
  sum,
  dot,
  norm2,
  allFinite,
  adamUpdate,
  alloc: (n) => new Float32Array(n),
  allocFloat64: (n) => new Float64Array(n),
  free: () => {},
};
