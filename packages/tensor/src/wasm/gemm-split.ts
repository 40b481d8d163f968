import type { HelperThread } from "./helper-thread.ts";
import { splitBlocks } from "./split-blocks.ts";
import type { WasmExports } from "./wasm-module.ts";

/** Smallest m·n·k (summed over a batch) that is split over two threads, when none is given. */
export const DEFAULT_THREAD_MIN_MACS = 2 ** 21;

/**
 * Parts a split product is cut into: two, since each part repacks the operand the parts share (all
 * of A for blocks of columns), which costs a tenth of a part's time at n = 256 (four parts made
 * 256–512 products 10–15% slower). A batch is cut into four runs of items, which share nothing.
 */
const GEMM_PARTS = 2;
const BATCH_PARTS = 4;

/** Where the helper thread comes from: started on first use, so small workloads never start it. */
export interface HelperSource {
  /** The helper, starting it on the first call; null when this backend runs on one thread. */
  helper(): HelperThread | null;
}

/**
 * Runs the module's gemm and gemmBatched on pointers, on one thread or shared with the helper. A
 * split cuts C into parts (blocks of columns or rows of one gemm, or items of a batch) that both
 * threads claim in turn (see HelperThread.share), and each part calls the same kernel on a
 * sub-matrix: the kernel rounds every element of C the same way whatever the shape around it (per kc
 * block, in k order; see wasm/assembly/gemm.ts and the test wasm-gemm-batch-invariant), so the
 * result is bit-identical to one thread's, whichever thread ran which part.
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
    return h?.wanted() ? h : null;
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
    // Blocks on the micro-kernel's tile (8 columns, 4 rows), so only the last block has edges: C
    // splits when it has more than one tile of columns or of rows.
    const h = n > 8 || m > 4 ? this.helperFor(m * n * k) : null;
    if (h === null) {
      this.w.gemm(tA, tB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc, this.scratch);
      return;
    }
    const byCols = splitBlocks(n, GEMM_PARTS, 8);
    const byRows = splitBlocks(m, GEMM_PARTS, 4);
    const hs = this.helperScratch;
    const parts =
      byCols.length > 1 && (n >= m || byRows.length === 1)
        ? byCols.map(([j, nj]) => {
            const pbj = pb + (transB ? j * ldb : j) * 4;
            return [tA, tB, m, nj, k, alpha, pa, lda, pbj, ldb, beta, pc + j * 4, ldc, hs];
          })
        : byRows.map(([i, mi]) => {
            const pai = pa + (transA ? i : i * lda) * 4;
            return [tA, tB, mi, n, k, alpha, pai, lda, pb, ldb, beta, pc + i * ldc * 4, ldc, hs];
          });
    h.share("gemm", parts, (p) => this.runGemm(p));
  }

  /** One part of a shared gemm on this thread, with this thread's scratch. */
  private runGemm(p: readonly number[]): number {
    this.w.gemm(
      p[0],
      p[1],
      p[2],
      p[3],
      p[4],
      p[5],
      p[6],
      p[7],
      p[8],
      p[9],
      p[10],
      p[11],
      p[12],
      this.scratch,
    );
    return 0;
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
    if (h === null) {
      if (count === 1) this.gemm(transA, transB, m, n, k, alpha, pa, lda, pb, ldb, beta, pc, ldc);
      else {
        const s = this.scratch;
        const w = this.w;
        w.gemmBatched(
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
      }
      return;
    }
    // Each part is a run of whole items, each one gemm as on one thread.
    const hs = this.helperScratch;
    const parts = splitBlocks(count, BATCH_PARTS, 1).map(([i, ci]) => {
      const [ai, bi, cc] = [pa + i * strideA * 4, pb + i * strideB * 4, pc + i * strideC * 4];
      return [tA, tB, m, n, k, alpha, ai, lda, strideA, bi, ldb, strideB, beta, cc, ldc, strideC, ci, hs];
    });
    h.share("gemmBatched", parts, (p) => {
      const w = this.w;
      const s = this.scratch;
      w.gemmBatched(
        p[0],
        p[1],
        p[2],
        p[3],
        p[4],
        p[5],
        p[6],
        p[7],
        p[8],
        p[9],
        p[10],
        p[11],
        p[12],
        p[13],
        p[14],
        p[15],
        p[16],
        s,
      );
      return 0;
    });
  }
}
