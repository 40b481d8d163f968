import type { HelperThread } from "./helper-thread.ts";
import type { WasmExports } from "./wasm-module.ts";

/** Smallest m·n·k (summed over a batch) that is split over two threads, when none is given. */
export const DEFAULT_THREAD_MIN_MACS = 2 ** 21;

/** Where the helper thread comes from: started on first use, so small workloads never start it. */
export interface HelperSource {
  /** The helper, starting it on the first call; null when this backend runs on one thread. */
  helper(): HelperThread | null;
}

/**
 * Runs the module's gemm and gemmBatched on pointers, on one thread or split over two. A split gives
 * each thread a contiguous block of C (columns or rows of one gemm, or items of a batch), and each
 * block calls the same kernel on a sub-matrix: the kernel rounds every element of C the same way
 * whatever the shape around it (per kc block, in k order; see wasm/assembly/gemm.ts and the test
 * wasm-gemm-batch-invariant), so the result is bit-identical to one thread's.
 */
export class GemmSplit {
  constructor(
    private readonly w: WasmExports,
    private readonly threads: HelperSource,
    private readonly minMacs: number,
    /** Byte address of the caller's packing scratch; the helper has its own. */
    private readonly scratch: number,
    private readonly helperScratch: number,
  ) {}

  /** The helper when `macs` multiply-adds are worth splitting and it is ready, else null. */
  private helperFor(macs: number): HelperThread | null {
    if (macs < this.minMacs) return null;
    const h = this.threads.helper();
    return h?.ready ? h : null;
  }

  /** `w.gemm` on pointers (sizes checked, m, n > 0), split by the larger of C's dimensions. */
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    pa: number,
    lda: number,
    pb: number,
    ldb: number,
    beta: number,
    pc: number,
    ldc: number,
  ): void {
    const tA = +transA;
    const tB = +transB;
    // Split points on the micro-kernel's tile (8 columns, 4 rows), so only the last block has edges.
    const n0 = Math.ceil(n / 16) * 8;
    const m0 = Math.ceil(m / 8) * 4;
    const h = n0 < n || m0 < m ? this.helperFor(m * n * k) : null;
    if (h === null) {
      this.w.gemm(tA, tB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, this.scratch);
    } else if (n0 < n && (n >= m || m0 >= m)) {
      // Columns [0, n0) here, [n0, n) there.
      const pb1 = pb + (transB ? n0 * ldb : n0) * 4;
      const hs = this.helperScratch;
      h.post("gemm", [tA, tB, m, n - n0, k, alpha, pa, lda, pb1, ldb, beta, pc + n0 * 4, ldc, hs]);
      this.joinAfter(h, () =>
        this.w.gemm(tA, tB, m, n0, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, this.scratch),
      );
    } else {
      // Rows [0, m0) here, [m0, m) there.
      const pa1 = pa + (transA ? m0 : m0 * lda) * 4;
      const pc1 = pc + m0 * ldc * 4;
      h.post("gemm", [tA, tB, m - m0, n, k, alpha, pa1, lda, pb, ldb, beta, pc1, ldc, this.helperScratch]);
      this.joinAfter(h, () =>
        this.w.gemm(tA, tB, m0, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, this.scratch),
      );
    }
  }

  /** `w.gemmBatched` on pointers (sizes checked, non-empty), split by items when there are two or more. */
  gemmBatched(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    alpha: number,
    pa: number,
    lda: number,
    strideA: number,
    pb: number,
    ldb: number,
    strideB: number,
    beta: number,
    pc: number,
    ldc: number,
    strideC: number,
    count: number,
  ): void {
    const tA = +transA;
    const tB = +transB;
    const h = count >= 2 ? this.helperFor(m * n * k * count) : null;
    const s = this.scratch;
    if (h === null) {
      if (count === 1) this.gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
      else
        this.w.gemmBatched(
          tA,
          tB,
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
          s,
        );
      return;
    }
    // Items [0, c0) here, [c0, count) there: each item is one whole gemm, as on one thread.
    const c0 = Math.ceil(count / 2);
    const [a1, b1, cc1] = [pa + c0 * strideA * 4, pb + c0 * strideB * 4, pc + c0 * strideC * 4];
    const hs = this.helperScratch;
    h.post("gemmBatched", [
      tA,
      tB,
      m,
      n,
      k,
      alpha,
      a1,
      lda,
      strideA,
      b1,
      ldb,
      strideB,
      beta,
      cc1,
      ldc,
      strideC,
      count - c0,
      hs,
    ]);
    this.joinAfter(h, () =>
      this.w.gemmBatched(
        tA,
        tB,
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
        c0,
        s,
      ),
    );
  }

  /** Runs the caller's share, then waits for the helper's, even when the caller's share threw. */
  private joinAfter(h: HelperThread, own: () => void): void {
    try {
      own();
    } finally {
      h.join();
    }
  }
}
