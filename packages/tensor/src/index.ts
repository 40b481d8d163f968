export { getKernels, setKernels } from "./backend.ts";
export { checkDim, checkMatrix, checkVector } from "./checks.ts";
export type { Kernels } from "./kernels.ts";
export { at, fromArray, type Matrix, type MatmulOptions, matmul, matrix, toRows, view } from "./matrix.ts";
export { tsKernels } from "./ts-kernels.ts";
