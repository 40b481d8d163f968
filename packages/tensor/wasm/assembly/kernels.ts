// AssemblyScript source of Arena's WebAssembly SIMD kernels (compiled by `pnpm build:wasm`, see
// ../build.ts). Every pointer is a byte address in the imported memory; every size, offset and
// leading dimension is in float32 elements. The JavaScript side (src/wasm/) checks sizes, resolves
// Float32Arrays to pointers and owns the memory layout; nothing here allocates.
//
// This is the entry file: only what it exports becomes an export of the module. The kernels live in
// one file per idea (gemm*, elementwise, rows, cross-entropy-parts, activation, the recurrent cells lstm-cell
// and gru-cell).

export { activation, activationGrad } from "./activation";
export { adamUpdate } from "./adam";
export { allFinite } from "./all-finite";
export { crossEntropyParts } from "./cross-entropy-parts";
export { axpyScale, binary } from "./elementwise";
export { gemm, gemmBatched } from "./gemm";
export { KC, MC, NC, SCRATCH_BYTES } from "./gemm-blocking";
export { gruBackward, gruForward } from "./gru-cell";
export { lstmBackward, lstmForward } from "./lstm-cell";
export { addRowBias, colSums, softmaxRows } from "./rows";
export { softmaxCrossEntropy } from "./softmax-cross-entropy";
