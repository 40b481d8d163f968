import { type AdamCoefficients, adamUpdate, checkAdamUpdate, undoUpdate } from "../adam-update.ts";
import { checkDim, checkVector } from "../checks.ts";
import { allFinite } from "../reductions.ts";
import type { HelperSource } from "./gemm-split.ts";
import { splitBlocks } from "./split-blocks.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr } from "./wasm-operands.ts";

/**
 * The update's blocks, [start, size] in multiples of 4 elements: four, or five beside the sum of
 * squares, so that each thread gets about the same work whoever takes the sum.
 */
function updateBlocks(n: number, sumSquares: boolean): [number, number][] {
  return splitBlocks(n, sumSquares ? 5 : 4, 4);
}

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
    backup?: Float32Array | null,
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
    adamUpdate(n, c, params, pOff, grads, gOff, m, v, vMax, sOff, sumSquares = false, backup = null) {
      const inside =
        mem.owns(params) &&
        mem.owns(grads) &&
        mem.owns(m) &&
        mem.owns(v) &&
        (vMax === null || mem.owns(vMax)) &&
        (backup === null || mem.owns(backup));
      if (!inside) return adamUpdate(n, c, params, pOff, grads, gOff, m, v, vMax, sOff, sumSquares, backup);
      checkAdamUpdate(n, params, pOff, grads, gOff, m, v, vMax, sOff, backup);
      const p = ptr(params, pOff);
      const g = ptr(grads, gOff);
      const s = sOff * 8;
      const pm = m.byteOffset + s;
      const pv = v.byteOffset + s;
      const px = vMax === null ? 0 : vMax.byteOffset + s;
      const sumN = sumSquares ? n : 0;
      const pb = backup === null ? 0 : ptr(backup, pOff);
      const h = n >= 2 && n >= minSplit ? threads.helper() : null;
      const { beta1, beta2, eps, stepSize, invSqrtBc2, l2, shrink } = c;
      if (h === null || !h.wanted()) {
        const r = w.adamUpdate(
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
          pb,
        );
        return backup !== null && Number.isNaN(r) ? undoUpdate(n, params, pOff, backup) : r;
      }
      // Parts both threads claim (HelperThread.share): the whole sum of squares first, when asked
      // for (one dependent add per element, about as long as updating 0.6 elements), then the
      // update in blocks of whole f64x2 pairs.
      const rest = [beta1, beta2, eps, stepSize, invSqrtBc2, l2, shrink];
      const parts: number[][] = sumSquares ? [[0, p, g, pm, pv, px, ...rest, n, g, 0]] : [];
      for (const [i, ni] of updateBlocks(n, sumSquares)) {
        const xi = px === 0 ? 0 : px + i * 8;
        const bi = pb === 0 ? 0 : pb + i * 4;
        parts.push([ni, p + i * 4, g + i * 4, pm + i * 8, pv + i * 8, xi, ...rest, 0, 0, bi]);
      }
      const results = h.share("adamUpdate", parts, (a) =>
        w.adamUpdate(
          a[0],
          a[1],
          a[2],
          a[3],
          a[4],
          a[5],
          a[6],
          a[7],
          a[8],
          a[9],
          a[10],
          a[11],
          a[12],
          a[13],
          a[14],
          a[15],
        ),
      );
      // An update part is NaN when one of its parameters went wrong: the whole step is undone.
      if (backup !== null && results.some(Number.isNaN)) return undoUpdate(n, params, pOff, backup);
      return sumSquares ? results[0] : 0;
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
