import { Rng } from "@arena/rng";
import type { Kernels } from "@arena/tensor";

/** Random inputs and targets for a gradient check: x ~ N(0, 1); targets to suit the loss. */
export function randomData(
  seed: number | string,
  n: number,
  features: number,
  outputs: number,
  target: "one-hot" | "binary" | "real",
): { n: number; x: Float32Array; y: Float32Array } {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * features), 0, 1);
  const y = new Float32Array(n * outputs);
  for (let i = 0; i < n; i++) {
    if (target === "one-hot") y[i * outputs + rng.int(0, outputs)] = 1;
    else
      for (let j = 0; j < outputs; j++)
        y[i * outputs + j] = target === "binary" ? rng.int(0, 2) : rng.normal(0, 1);
  }
  return { n, x, y };
}

/** Sequence data: x n × steps × features, y n × outputs (last) or n × steps × outputs (every step). */
export function randomSequences(
  seed: number | string,
  n: number,
  steps: number,
  features: number,
  outputs: number,
  readout: "last" | "every-step",
): { n: number; x: Float32Array; y: Float32Array; xShape: number[] } {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * steps * features), 0, 1);
  const y = rng.fillNormal(new Float32Array(n * (readout === "last" ? 1 : steps) * outputs), 0, 1);
  return { n, x, y, xShape: [steps, features] };
}

/**
 * A Kernels wrapper that counts FLOPs by the usual conventions (gemm 2·m·n·k, addRowBias and colSums
 * one per entry, dot and axpy 2 per entry; gemmBatched as count gemms), per kernel name; gruForward's
 * fused bias add counts as addRowBias.
 */
export function countingKernels(k: Kernels): {
  kernels: Kernels;
  counts: Record<string, number>;
  reset(): void;
} {
  const counts: Record<string, number> = {};
  const add = (name: string, v: number) => {
    counts[name] = (counts[name] ?? 0) + v;
  };
  const kernels: Kernels = {
    ...k,
    name: `${k.name}+count`,
    gemm(ta, tb, m, n, kk, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc) {
      add("gemm", 2 * m * n * kk);
      k.gemm(ta, tb, m, n, kk, alpha, a, ao, lda, b, bo, ldb, beta, c, co, ldc);
    },
    gemmBatched(ta, tb, m, n, kk, alpha, a, ao, lda, sa, b, bo, ldb, sb, beta, c, co, ldc, sc, count) {
      add("gemm", 2 * m * n * kk * count);
      k.gemmBatched(ta, tb, m, n, kk, alpha, a, ao, lda, sa, b, bo, ldb, sb, beta, c, co, ldc, sc, count);
    },
    addRowBias(m, n, bias, bo, c, co, ldc) {
      add("addRowBias", m * n);
      k.addRowBias(m, n, bias, bo, c, co, ldc);
    },
    // The GRU's recurrent candidate bias (h·U_n + b_hn) is added inside its fused step kernel.
    gruForward(n, h, x, xo, rec, ro, bhn, bo, hPrev, po, gates, go, hn, no, out, oo) {
      add("addRowBias", n * h);
      k.gruForward(n, h, x, xo, rec, ro, bhn, bo, hPrev, po, gates, go, hn, no, out, oo);
    },
    colSums(m, n, alpha, a, ao, lda, beta, out, oo) {
      add("colSums", m * n);
      k.colSums(m, n, alpha, a, ao, lda, beta, out, oo);
    },
    dot(n, a, ao, b, bo) {
      add("dot", 2 * n);
      return k.dot(n, a, ao, b, bo);
    },
    axpy(n, alpha, x, xo, y, yo) {
      add("axpy", 2 * n);
      k.axpy(n, alpha, x, xo, y, yo);
    },
  };
  return {
    kernels,
    counts,
    reset() {
      for (const key of Object.keys(counts)) delete counts[key];
    },
  };
}
