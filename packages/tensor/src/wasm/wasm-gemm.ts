import { checkGemm } from "../gemm.ts";
import { checkGemmBatched, gemmEachItem } from "../gemm-batched.ts";
import type { GemmBatchedFn, GemmFn } from "../kernels.ts";
import { tsKernels } from "../ts-kernels.ts";
import type { GemmSplit } from "./gemm-split.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmOperands } from "./wasm-operands.ts";

/**
 * The WebAssembly backend's gemm and gemmBatched: operands in the memory are used in place, others
 * are copied into the per-call region (and C back); when they do not fit there, gemm runs the
 * TypeScript gemm and gemmBatched runs one WebAssembly gemm per item. `split` runs the module's
 * kernels on one or two threads.
 */
export class WasmGemm {
  constructor(
    private readonly split: GemmSplit,
    private readonly mem: WasmMemory,
    private readonly ops: WasmOperands,
  ) {}

  readonly gemm: GemmFn = (
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    b,
    bOff,
    ldb,
    beta,
    c,
    cOff,
    ldc,
  ) => {
    checkGemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, c, cOff, ldc);
    const ar = transA ? k : m;
    const ac = transA ? m : k;
    const br = transB ? n : k;
    const bc = transB ? k : n;
    if (m === 0 || n === 0) return;
    const reads = k > 0 && alpha !== 0;
    const ops = this.ops;
    const mark = ops.top;
    try {
      const pa = reads ? ops.operand(a, aOff, ar, ac, lda) : 0;
      const pb = reads && pa >= 0 ? ops.operand(b, bOff, br, bc, ldb) : 0;
      const pc = pa >= 0 && pb >= 0 ? ops.operand(c, cOff, m, n, ldc) : -1;
      if (pc < 0) {
        // Too large for the per-call scratch: the TypeScript gemm is slower but just as correct.
        tsKernels.gemm(transA, transB, m, n, k, alpha, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
        return;
      }
      this.split.gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
      if (!this.mem.owns(c)) ops.copyMatrixOut(pc, m, n, ldc, c, cOff);
    } finally {
      ops.top = mark;
    }
  };

  // Three layers only because each passes all twenty arguments on: check, fall back, run in wasm.
  readonly gemmBatched: GemmBatchedFn = (
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    strideA,
    b,
    bOff,
    ldb,
    strideB,
    beta,
    c,
    cOff,
    ldc,
    strideC,
    count,
  ) => {
    checkGemmBatched(
      transA,
      transB,
      m,
      n,
      k,
      a,
      aOff,
      lda,
      strideA,
      b,
      bOff,
      ldb,
      strideB,
      c,
      cOff,
      ldc,
      strideC,
      count,
    );
    if (m === 0 || n === 0 || count === 0) return;
    this.batchedOrEachItem(
      transA,
      transB,
      m,
      n,
      k,
      alpha,
      a,
      aOff,
      lda,
      strideA,
      b,
      bOff,
      ldb,
      strideB,
      beta,
      c,
      cOff,
      ldc,
      strideC,
      count,
    );
  };

  /** The checked, non-empty batch in one WebAssembly call, or one gemm per item when it does not fit. */
  private readonly batchedOrEachItem: GemmBatchedFn = (
    transA,
    transB,
    m,
    n,
    k,
    alpha,
    a,
    aOff,
    lda,
    strideA,
    b,
    bOff,
    ldb,
    strideB,
    beta,
    c,
    cOff,
    ldc,
    strideC,
    count,
  ) => {
    const ops = this.ops;
    const mark = ops.top;
    try {
      if (
        this.batchedInWasm(
          transA,
          transB,
          m,
          n,
          k,
          alpha,
          a,
          aOff,
          lda,
          strideA,
          b,
          bOff,
          ldb,
          strideB,
          beta,
          c,
          cOff,
          ldc,
          strideC,
          count,
        )
      )
        return;
      // Too large for the per-call scratch: one gemm per item, each with the whole region again.
      ops.top = mark;
      gemmEachItem(
        this.gemm,
        transA,
        transB,
        m,
        n,
        k,
        alpha,
        a,
        aOff,
        lda,
        strideA,
        b,
        bOff,
        ldb,
        strideB,
        beta,
        c,
        cOff,
        ldc,
        strideC,
        count,
      );
    } finally {
      ops.top = mark;
    }
  };

  /** Runs the batch in WebAssembly, copying operands into per-call scratch; false when they do not fit. */
  private batchedInWasm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    a: Float32Array,
    aOff: number,
    lda: number,
    strideA: number,
    b: Float32Array,
    bOff: number,
    ldb: number,
    strideB: number,
    beta: number,
    c: Float32Array,
    cOff: number,
    ldc: number,
    strideC: number,
    count: number,
  ): boolean {
    const ops = this.ops;
    const reads = k > 0 && alpha !== 0;
    const more = count - 1;
    const pa = reads ? ops.operand(a, aOff, transA ? k : m, transA ? m : k, lda, more * strideA) : 0;
    const pb =
      reads && pa >= 0 ? ops.operand(b, bOff, transB ? n : k, transB ? k : n, ldb, more * strideB) : 0;
    const pc = pa >= 0 && pb >= 0 ? ops.operand(c, cOff, m, n, ldc, more * strideC) : -1;
    if (pc < 0) return false;
    const { split, mem } = this;
    split.gemmBatched(
      transA,
      transB,
      m,
      n,
      k,
      alpha,
      pa,
      lda,
      strideA,
      pb,
      ldb,
      strideB,
      beta,
      pc,
      ldc,
      strideC,
      count,
    );
    // The whole span, gaps included: the gaps hold what was copied in, unchanged.
    if (!mem.owns(c)) ops.copyOut(pc, (m - 1) * ldc + n + more * strideC, c, cOff);
    return true;
  }
}
