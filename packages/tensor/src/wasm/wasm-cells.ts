import { checkGruBackward, checkGruForward, gruBackward, gruForward } from "../gru-cell.ts";
import type { Kernels } from "../kernels.ts";
import { checkLstmBackward, checkLstmForward, lstmBackward, lstmForward } from "../lstm-cell.ts";
import type { WasmMemory } from "./wasm-memory.ts";
import type { WasmExports } from "./wasm-module.ts";
import { ptr } from "./wasm-operands.ts";

type CellKernels = Pick<Kernels, "lstmForward" | "lstmBackward" | "gruForward" | "gruBackward">;

/**
 * True when every operand is a view into the memory `buf` (the GRU kernels have seven, the LSTM ones
 * six: g then repeats a). Fixed arity, so the check allocates nothing.
 */
function inside(
  buf: ArrayBuffer,
  a: Float32Array,
  b: Float32Array,
  c: Float32Array,
  d: Float32Array,
  e: Float32Array,
  f: Float32Array,
  g: Float32Array = a,
): boolean {
  return (
    a.buffer === buf &&
    b.buffer === buf &&
    c.buffer === buf &&
    d.buffer === buf &&
    e.buffer === buf &&
    f.buffer === buf &&
    (g === a || g.buffer === buf)
  );
}

/**
 * The recurrent cells' fused step kernels of the WebAssembly backend (wasm/assembly/lstm-cell.ts,
 * gru-cell.ts): one call per step instead of a JavaScript loop. They compute in float64 exactly as
 * the TypeScript kernels do, so on arrays outside the memory they simply run those (a copy would
 * cost what the call saves), with the same bits either way.
 */
export function wasmCells(w: WasmExports, mem: WasmMemory): CellKernels {
  const m = mem.buffer;
  return {
    lstmForward(n, H, z, zOff, cPrev, cPrevOff, gates, gatesOff, c, cOff, tanhC, tanhCOff, h, hOff) {
      if (!inside(m, z, cPrev, gates, c, tanhC, h))
        return lstmForward(
          n,
          H,
          z,
          zOff,
          cPrev,
          cPrevOff,
          gates,
          gatesOff,
          c,
          cOff,
          tanhC,
          tanhCOff,
          h,
          hOff,
        );
      checkLstmForward(n, H, z, zOff, cPrev, cPrevOff, gates, gatesOff, c, cOff, tanhC, tanhCOff, h, hOff);
      w.lstmForward(
        n,
        H,
        ptr(z, zOff),
        ptr(cPrev, cPrevOff),
        ptr(gates, gatesOff),
        ptr(c, cOff),
        ptr(tanhC, tanhCOff),
        ptr(h, hOff),
      );
    },
    lstmBackward(n, H, gates, gatesOff, cPrev, cPrevOff, tanhC, tanhCOff, dh, dhOff, dc, dcOff, dz, dzOff) {
      if (!inside(m, gates, cPrev, tanhC, dh, dc, dz))
        return lstmBackward(
          n,
          H,
          gates,
          gatesOff,
          cPrev,
          cPrevOff,
          tanhC,
          tanhCOff,
          dh,
          dhOff,
          dc,
          dcOff,
          dz,
          dzOff,
        );
      checkLstmBackward(
        n,
        H,
        gates,
        gatesOff,
        cPrev,
        cPrevOff,
        tanhC,
        tanhCOff,
        dh,
        dhOff,
        dc,
        dcOff,
        dz,
        dzOff,
      );
      w.lstmBackward(
        n,
        H,
        ptr(gates, gatesOff),
        ptr(cPrev, cPrevOff),
        ptr(tanhC, tanhCOff),
        ptr(dh, dhOff),
        ptr(dc, dcOff),
        ptr(dz, dzOff),
      );
    },
    gruForward(
      n,
      H,
      x,
      xOff,
      rec,
      recOff,
      bhn,
      bhnOff,
      hPrev,
      hPrevOff,
      gates,
      gatesOff,
      hn,
      hnOff,
      h,
      hOff,
    ) {
      if (!inside(m, x, rec, bhn, hPrev, gates, hn, h))
        return gruForward(
          n,
          H,
          x,
          xOff,
          rec,
          recOff,
          bhn,
          bhnOff,
          hPrev,
          hPrevOff,
          gates,
          gatesOff,
          hn,
          hnOff,
          h,
          hOff,
        );
      checkGruForward(
        n,
        H,
        x,
        xOff,
        rec,
        recOff,
        bhn,
        bhnOff,
        hPrev,
        hPrevOff,
        gates,
        gatesOff,
        hn,
        hnOff,
        h,
        hOff,
      );
      w.gruForward(
        n,
        H,
        ptr(x, xOff),
        ptr(rec, recOff),
        ptr(bhn, bhnOff),
        ptr(hPrev, hPrevOff),
        ptr(gates, gatesOff),
        ptr(hn, hnOff),
        ptr(h, hOff),
      );
    },
    gruBackward(
      n,
      H,
      gates,
      gatesOff,
      hPrev,
      hPrevOff,
      hn,
      hnOff,
      dh,
      dhOff,
      dz,
      dzOff,
      dzRec,
      dzRecOff,
      dhPrev,
      dhPrevOff,
    ) {
      if (!inside(m, gates, hPrev, hn, dh, dz, dzRec, dhPrev))
        return gruBackward(
          n,
          H,
          gates,
          gatesOff,
          hPrev,
          hPrevOff,
          hn,
          hnOff,
          dh,
          dhOff,
          dz,
          dzOff,
          dzRec,
          dzRecOff,
          dhPrev,
          dhPrevOff,
        );
      checkGruBackward(
        n,
        H,
        gates,
        gatesOff,
        hPrev,
        hPrevOff,
        hn,
        hnOff,
        dh,
        dhOff,
        dz,
        dzOff,
        dzRec,
        dzRecOff,
        dhPrev,
        dhPrevOff,
      );
      w.gruBackward(
        n,
        H,
        ptr(gates, gatesOff),
        ptr(hPrev, hPrevOff),
        ptr(hn, hnOff),
        ptr(dh, dhOff),
        ptr(dz, dzOff),
        ptr(dzRec, dzRecOff),
        ptr(dhPrev, dhPrevOff),
      );
    },
  };
}
