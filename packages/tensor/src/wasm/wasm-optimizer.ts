import { type AdamCoefficients, adamUpdate, checkAdamUpdate } from "../adam-update.ts";
import { checkDim, checkVector } from "../checks.ts";
import { allFinite } from "../reductions.ts";
import type { HelperSource } from "./gemm-split.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr } from "./wasm-operands.ts";

/**
 * The caller's share of an update split with the sum of squares: the helper computes the whole sum
 * (one dependent add per element, about as long as updating 0.6 elements) and the rest of the update.
 */
const CALLER_SHARE_WITH_SUM = 0.75;

/**
 * Shortest parameter vector whose update is split over two threads (when `threadMinMacs` is not
 * lower): below it the hand-over costs about what half the update saves.
 */
export const DEFAULT_THREAD_MIN_UPDATE = 2 ** 14;

/** The optimizer-step kernels of the WebAssembly backend: adamUpdate (split over threads), allFinite. */
export interface WasmOptimizerKernels {
  adamUpdate(
    n: number,
    c: AdamCoefficients,
    params: Float32Array,
    pOff: number,
    grads: Float32Array,
    gOff: number,
    m: Float64Array,
    v: Float64Array,
    vMax: Float64Array | null,
    sOff: number,
    sumSquares?: boolean,
  ): number;
  allFinite(n: number, x: Float32Array, xOff: number): boolean;
  allocFloat64(n: number): Float64Array;
}

/**
 * adamUpdate runs in WebAssembly when the parameters, gradients and moments all live in the memory,
 * else the TypeScript reference (same bits). With a ready helper and at least `minSplit` parameters,
 * the helper updates the upper half: the update is elementwise, so any split gives the same bits.
 * allFinite is order-free, so its f32x4 lanes answer exactly as the TypeScript loop does.
 */
export function wasmOptimizerKernels(
  w: WasmExports,
  mem: WasmMemory,
  threads: HelperSource,
  minSplit: number,
): WasmOptimizerKernels {
  return {
    adamUpdate(n, c, params, pOff, grads, gOff, m, v, vMax, sOff, sumSquares = false) {
      const inside =
        mem.owns(params) &&
        mem.owns(grads) &&
        mem.owns(m) &&
        mem.owns(v) &&
        (vMax === null || mem.owns(vMax));
      if (!inside) return adamUpdate(n, c, params, pOff, grads, gOff, m, v, vMax, sOff, sumSquares);
      checkAdamUpdate(n, params, pOff, grads, gOff, m, v, vMax, sOff);
      const p = ptr(params, pOff);
      const g = ptr(grads, gOff);
      const s = sOff * 8;
      const pm = m.byteOffset + s;
      const pv = v.byteOffset + s;
      const px = vMax === null ? 0 : vMax.byteOffset + s;
      const sumN = sumSquares ? n : 0;
      const h = n >= 2 && n >= minSplit ? threads.helper() : null;
      const { beta1, beta2, eps, stepSize, invSqrtBc2, l2, shrink } = c;
      if (h === null || !h.ready)
        return w.adamUpdate(
          n,
          p,
          g,
          pm,
          pv,
          px,
          beta1,
          beta2,
          eps,
          stepSize,
          invSqrtBc2,
          l2,
          shrink,
          sumN,
          g,
        );
      // Elements [0, n0) here, [n0, n) on the helper, which first sums the squares of all n gradients.
      const n0 = Math.floor((n * (sumSquares ? CALLER_SHARE_WITH_SUM : 0.5)) / 4) * 4;
      const [p1, g1, m1, v1] = [p + n0 * 4, g + n0 * 4, pm + n0 * 8, pv + n0 * 8];
      const x1 = px === 0 ? 0 : px + n0 * 8;
      const s1 = [beta1, beta2, eps, stepSize, invSqrtBc2, l2, shrink, sumN, g];
      h.post("adamUpdate", [n - n0, p1, g1, m1, v1, x1, ...s1]);
      let sum = 0;
      try {
        w.adamUpdate(n0, p, g, pm, pv, px, beta1, beta2, eps, stepSize, invSqrtBc2, l2, shrink, 0, 0);
      } finally {
        sum = h.join();
      }
      return sum;
    },
    allFinite(n, x, xOff) {
      if (!mem.owns(x)) return allFinite(n, x, xOff);
      checkDim("allFinite", "n", n);
      checkVector("allFinite", "x", x, xOff, n);
      return w.allFinite(n, ptr(x, xOff)) === 1;
    },
    allocFloat64: (n) => mem.allocFloat64(n),
  };
}
