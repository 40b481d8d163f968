import { KERNELS_WASM_BASE64 } from "./kernels-wasm-bytes.ts";
import { KERNELS_WASM_SHARED_BASE64 } from "./kernels-wasm-shared-bytes.ts";

/** Exports of the compiled module (see wasm/assembly/kernels.ts); pointers are byte addresses. */
export interface WasmExports {
  SCRATCH_BYTES: WebAssembly.Global;
  gemm(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    b: number,
    ldb: number,
    beta: number,
    c: number,
    ldc: number,
    scratch: number,
  ): void;
  gemmBatched(
    transA: number,
    transB: number,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: number,
    lda: number,
    strideA: number,
    b: number,
    ldb: number,
    strideB: number,
    beta: number,
    c: number,
    ldc: number,
    strideC: number,
    count: number,
    scratch: number,
  ): void;
  binary(op: number, n: number, a: number, b: number, out: number): void;
  adamUpdate(
    n: number,
    p: number,
    g: number,
    m: number,
    v: number,
    vMax: number,
    beta1: number,
    beta2: number,
    eps: number,
    stepSize: number,
    invSqrtBc2: number,
    l2: number,
    shrink: number,
    sumN: number,
    sumX: number,
    backup: number,
  ): number;
  allFinite(n: number, x: number): number;
  axpyScale(n: number, alpha: number, x: number, y: number): void;
  addRowBias(m: number, n: number, bias: number, c: number, ldc: number): void;
  colSums(
    m: number,
    n: number,
    alpha: number,
    a: number,
    lda: number,
    beta: number,
    out: number,
    acc: number,
  ): void;
  softmaxRows(m: number, n: number, x: number, ldx: number, out: number, ldo: number): void;
  crossEntropyParts(
    m: number,
    n: number,
    x: number,
    ldx: number,
    y: number,
    ldy: number,
    repeat: number,
    out: number,
  ): void;
  softmaxCrossEntropy(
    m: number,
    n: number,
    z: number,
    ldz: number,
    y: number,
    ldy: number,
    dz: number,
    lddz: number,
    scale: number,
  ): number;
  activation(kind: number, n: number, x: number, out: number): void;
  activationGrad(kind: number, n: number, y: number, dy: number, dx: number): void;
  lstmForward(
    n: number,
    H: number,
    z: number,
    cPrev: number,
    gates: number,
    c: number,
    tc: number,
    h: number,
  ): void;
  lstmBackward(
    n: number,
    H: number,
    gates: number,
    cPrev: number,
    tc: number,
    dh: number,
    dc: number,
    dz: number,
  ): void;
  gruForward(
    n: number,
    H: number,
    x: number,
    rec: number,
    bhn: number,
    hPrev: number,
    gates: number,
    hn: number,
    h: number,
  ): void;
  gruBackward(
    n: number,
    H: number,
    gates: number,
    hPrev: number,
    hn: number,
    dh: number,
    dz: number,
    dzRec: number,
    dhPrev: number,
  ): void;
}

/** Decodes embedded module bytes (Buffer in Node, atob elsewhere). */
function wasmBytes(base64 = KERNELS_WASM_BASE64): Uint8Array<ArrayBuffer> {
  const g = globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } };
  if (g.Buffer) return new Uint8Array(g.Buffer.from(base64, "base64"));
  const bin = atob(base64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// Compiled once per process; every backend instance instantiates it with its own memory.
let compiled: WebAssembly.Module | null = null;

function compiledModule(): WebAssembly.Module {
  if (compiled === null) compiled = new WebAssembly.Module(wasmBytes());
  return compiled;
}

/**
 * True when this engine has WebAssembly with 128-bit SIMD and may compile the module synchronously
 * (Node, workers; a browser's main thread refuses synchronous compiles of this size).
 */
export function wasmKernelsAvailable(): boolean {
  try {
    compiledModule();
    return true;
  } catch {
    return false;
  }
}

let compiledShared: WebAssembly.Module | null = null;

/** The build of the same source that imports a shared memory (see wasm/build.ts, SHARED_FLAGS). */
export function compiledSharedModule(): WebAssembly.Module {
  if (compiledShared === null) compiledShared = new WebAssembly.Module(wasmBytes(KERNELS_WASM_SHARED_BASE64));
  return compiledShared;
}

/**
 * A new instance of the kernels module on `memory` (imported, so the JavaScript side owns it); a
 * shared memory needs the shared build, `shared` = true.
 */
export function instantiateKernels(memory: WebAssembly.Memory, shared = false): WasmExports {
  const instance = new WebAssembly.Instance(shared ? compiledSharedModule() : compiledModule(), {
    env: {
      memory,
      abort: () => {
        throw new Error("wasm kernels: abort");
      },
    },
  });
  return instance.exports as unknown as WasmExports;
}
