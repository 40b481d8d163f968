import type { NetWorkspace } from "./net-workspace.ts";

/**
 * Conversions between the data's layout (sample-major: sample s, step t at s·totalSteps + t) and the
 * time-major rows the layers compute on (step t of a batch of n at rows [t·n, (t+1)·n)).
 */

/**
 * Gathers the chunk's inputs into ws.xs behind `keep` kept steps: sample s, step t of the chunk →
 * row (keep + t)·n + s. x holds `totalSteps` steps of F features per sample from `xBase`.
 */
export function gatherInputs(
  ws: NetWorkspace,
  F: number,
  x: Float32Array,
  xBase: number,
  totalSteps: number,
  stepOffset: number,
  n: number,
  steps: number,
  keep: number,
): void {
  const xs = ws.xs;
  const stride = totalSteps * F;
  for (let t = 0; t < steps; t++) {
    const dst0 = (keep + t) * n * F;
    const src0 = xBase + (stepOffset + t) * F;
    for (let s = 0; s < n; s++) {
      const d = dst0 + s * F;
      const o = src0 + s * stride;
      for (let f = 0; f < F; f++) xs[d + f] = x[o + f];
    }
  }
}

/** Every-step targets of the chunk (O outputs per step), time-major into ws.yT. */
export function gatherTargets(
  ws: NetWorkspace,
  O: number,
  y: Float32Array,
  yBase: number,
  totalSteps: number,
  stepOffset: number,
  n: number,
  steps: number,
): void {
  const yT = ws.yT;
  for (let t = 0; t < steps; t++) {
    for (let s = 0; s < n; s++) {
      const src = yBase + (s * totalSteps + stepOffset + t) * O;
      const dst = (t * n + s) * O;
      for (let o = 0; o < O; o++) yT[dst + o] = y[src + o];
    }
  }
}

/**
 * The readout's outputs `a` (O per row) in the data's layout, as a view kept in ws.outView: the
 * final step's rows as they are for readout "last", every step's rows reordered sample-major.
 */
export function windowOutputs(
  ws: NetWorkspace,
  a: Float32Array,
  O: number,
  readout: "last" | "every-step",
): Float32Array {
  const { n, steps } = ws;
  if (readout === "last") {
    if (ws.outView.buffer !== a.buffer || ws.outView.length !== n * O) ws.outView = a.subarray(0, n * O);
    return ws.outView;
  }
  const out = ws.out;
  for (let t = 0; t < steps; t++) {
    for (let s = 0; s < n; s++) {
      const src = (t * n + s) * O;
      const dst = (s * steps + t) * O;
      for (let o = 0; o < O; o++) out[dst + o] = a[src + o];
    }
  }
  if (ws.outView.buffer !== out.buffer || ws.outView.length !== n * steps * O)
    ws.outView = out.subarray(0, n * steps * O);
  return ws.outView;
}
