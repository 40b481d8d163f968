import type { NetWorkspace } from "./net-workspace.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";

/** The recurrent state between chunks: per layer, the hidden state (n × H) and, for LSTM, the cell. */
export interface RecurrentState {
  h: Float32Array[];
  c?: Float32Array[];
}

/** Copies of the state after the stored window's last step: per layer h, and c when the cells keep one. */
export function copyFinalState(
  cells: readonly RecurrentLayer[],
  ws: NetWorkspace,
  withCell: boolean,
): RecurrentState {
  const h: Float32Array[] = [];
  const c: Float32Array[] = [];
  cells.forEach((cell, l) => {
    const nh = ws.n * cell.hidden;
    const lw = ws.layers[l];
    h.push(lw.hs.slice(ws.window * nh, (ws.window + 1) * nh));
    if (cell.hasCell) c.push(lw.cs.slice(ws.window * nh, (ws.window + 1) * nh));
  });
  return withCell ? { h, c } : { h };
}

/** Throws unless `st` holds, per layer, an h (and for LSTM a c) of at least n × hidden entries. */
export function checkInitialState(cells: readonly RecurrentLayer[], st: RecurrentState, n: number): void {
  const fn = "RecurrentNet.forwardSequence";
  if (!Array.isArray(st.h) || st.h.length !== cells.length) {
    throw new RangeError(
      `${fn}: initialState.h must hold ${cells.length} arrays (one per layer), got ${Array.isArray(st.h) ? st.h.length : typeof st.h}`,
    );
  }
  cells.forEach((cell, l) => {
    const need = n * cell.hidden;
    if (!(st.h[l] instanceof Float32Array) || st.h[l].length < need) {
      throw new RangeError(
        `${fn}: initialState.h[${l}] must be a Float32Array of ${n} × ${cell.hidden} = ${need} entries`,
      );
    }
    if (
      cell.hasCell &&
      (!Array.isArray(st.c) || !(st.c[l] instanceof Float32Array) || st.c[l].length < need)
    ) {
      throw new RangeError(
        `${fn}: initialState.c[${l}] must be a Float32Array of ${need} entries (LSTM cell state)`,
      );
    }
  });
}
