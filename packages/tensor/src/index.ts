export {
  ACTIVATION_KINDS,
  isActivationKind,
  sigmoidApprox,
  tanhApprox,
} from "./activation.ts";
export { type AdamCoefficients, adamUpdate } from "./adam-update.ts";
export {
  configureWasmKernels,
  DEFAULT_KERNELS,
  getKernels,
  type KernelsName,
  setKernels,
  useKernels,
  wasmKernels,
} from "./backend.ts";
export { checkDim, checkMatrix, checkVector } from "./checks.ts";
export { GEMM_BLOCKING } from "./gemm-blocking.ts";
export type { ActivationKind, GemmBatchedFn, GemmFn, Kernels } from "./kernels.ts";
export { at, fromArray, type MatmulOptions, type Matrix, matmul, matrix, toRows, view } from "./matrix.ts";
export {
  addRowBias,
  argmaxRows,
  colSums,
  type MatvecOptions,
  matvec,
  softmaxRows,
  transpose,
} from "./matrix-ops.ts";
export type { RecurrentCellKernels } from "./recurrent-cell-kernels.ts";
export { shapeSize } from "./shape-size.ts";
export { tsKernels } from "./ts-kernels.ts";
export { DEFAULT_THREAD_MIN_MACS } from "./wasm/gemm-split.ts";
export { DEFAULT_THREAD_BACKOFF_JOBS } from "./wasm/helper-thread.ts";
export type { ThreadCount } from "./wasm/thread-count.ts";
export {
  createWasmKernels,
  DEFAULT_WASM_MEMORY_MIB,
  type WasmKernels,
  type WasmKernelsOptions,
  wasmKernelsAvailable,
} from "./wasm/wasm-kernels.ts";
