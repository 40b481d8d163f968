import type { UniformSource } from "@arena/rng";
import { lossDenominator, outputLoss } from "../losses.ts";
import type { SequenceLayerWorkspace } from "./layer-workspace.ts";
import type { SequenceNet } from "./net-wiring.ts";
import type { NetWorkspace } from "./net-workspace.ts";
import type { RecurrentLayer } from "./recurrent-layer.ts";
import { checkInitialState, type RecurrentState } from "./state.ts";
import { gatherInputs } from "./time-major.ts";

/**
 * Backpropagation through time over a stored window of steps: the forward pass that fills the window
 * (from a zero, carried or given state, behind `keep` steps kept from the previous window for
 * truncated BPTT(k1, k2)), and the backward pass through its last K steps, layer by layer from the
 * readout down. Each cell contributes only its one-step forward and backward (rnn.ts, lstm.ts,
 * gru.ts); the loops over time and layers are here.
 */

/** Where a window's first step starts from. */
export type WindowStart = "zero" | "carry" | RecurrentState;

/**
 * Forwards `steps` new steps of n sequences into `ws` behind `keep` kept steps: sets up each layer's
 * starting state, gathers the chunk's inputs time-major, runs the layers bottom-up and the readout.
 * x holds `totalSteps` steps per sample from `xBase`; weights are read from `p` at `base`.
 */
export function forwardWindow(
  net: SequenceNet,
  ws: NetWorkspace,
  p: Float32Array,
  base: number,
  x: Float32Array,
  xBase: number,
  totalSteps: number,
  stepOffset: number,
  n: number,
  steps: number,
  keep: number,
  init: WindowStart,
  rng: UniformSource | null,
): void {
  const tw = keep + steps;
  ws.ensure(n, tw);
  const src = ws.window - keep;
  const inter = rng !== null && ws.interDropout;
  if (keep > 0 && inter !== ws.interDropped) {
    throw new RangeError(
      `RecurrentNet.forwardSequence: keep = ${keep} continues a window forwarded ${ws.interDropped ? "with" : "without"} dropout, so this chunk must be ${ws.interDropped ? "a training pass (give rng)" : "an inference pass (no rng)"} too`,
    );
  }
  if (typeof init === "object") checkInitialState(net.cells, init, n);
  startWindow(net.cells, ws, n, keep, src, init);
  const F = net.inputSize;
  if (keep > 0) ws.xs.copyWithin(0, src * n * F, (src + keep) * n * F);
  gatherInputs(ws, F, x, xBase, totalSteps, stepOffset, n, steps, keep);
  let inp = ws.xs;
  let inOff = keep * n * F;
  net.cells.forEach((cell, l) => {
    const lw = ws.layers[l];
    if (inter && l > 0) inp = dropBetweenLayers(net, ws, l, inp, inOff, n, steps, keep, src, rng);
    layerForward(cell, p, base, lw, n, keep, steps, inp, inOff);
    inp = lw.hs;
    inOff = (keep + 1) * n * cell.hidden;
  });
  ws.interDropped = inter;
  const topH = net.cells[net.cells.length - 1].hidden;
  if (net.readout === "every-step") net.head.forward(p, base, ws.head, inp, inOff, steps * n, rng);
  else net.head.forward(p, base, ws.head, inp, tw * n * topH, n, rng);
  ws.n = n;
  ws.window = tw;
  ws.first = keep;
  ws.steps = steps;
  ws.valid = true;
}

/**
 * Each layer's state before the window: the `keep` steps from window position `src` of the previous
 * window moved to the front (with what their backward needs), or the previous final state (carry),
 * zeros, or a given state.
 */
function startWindow(
  cells: readonly RecurrentLayer[],
  ws: NetWorkspace,
  n: number,
  keep: number,
  src: number,
  init: WindowStart,
): void {
  cells.forEach((cell, l) => {
    const lw = ws.layers[l];
    const nh = n * cell.hidden;
    if (keep > 0) {
      const ngh = n * cell.gates * cell.hidden;
      lw.hs.copyWithin(0, src * nh, (src + keep + 1) * nh);
      if (cell.hasCell) lw.cs.copyWithin(0, src * nh, (src + keep + 1) * nh);
      if (cell.gates > 1) lw.gatesBuf.copyWithin(0, src * ngh, (src + keep) * ngh);
      if (lw.auxWidth > 0) lw.aux.copyWithin(0, src * n * lw.auxWidth, (src + keep) * n * lw.auxWidth);
    } else if (init === "carry") {
      lw.hs.copyWithin(0, ws.window * nh, (ws.window + 1) * nh);
      if (cell.hasCell) lw.cs.copyWithin(0, ws.window * nh, (ws.window + 1) * nh);
    } else if (init === "zero") {
      lw.hs.fill(0, 0, nh);
      if (cell.hasCell) lw.cs.fill(0, 0, nh);
    } else {
      lw.hs.set(init.h[l].subarray(0, nh), 0);
      if (cell.hasCell) lw.cs.set(init.c![l].subarray(0, nh), 0);
    }
  });
}

/**
 * Inverted dropout on the lower layer's outputs as layer l's inputs (the non-recurrent connections,
 * Zaremba et al. 2014), a fresh mask for every step and sequence; kept steps keep their masks, so
 * their backward matches their forward. Returns the masked input (same offsets as `inp`).
 */
function dropBetweenLayers(
  net: SequenceNet,
  ws: NetWorkspace,
  l: number,
  inp: Float32Array,
  inOff: number,
  n: number,
  steps: number,
  keep: number,
  src: number,
  rng: UniformSource,
): Float32Array {
  const nh = n * net.cells[l - 1].hidden;
  const mask = ws.dropMask[l];
  const dropped = ws.dropIn[l];
  if (keep > 0) {
    mask.copyWithin(nh, (src + 1) * nh, (src + keep + 1) * nh);
    dropped.copyWithin(nh, (src + 1) * nh, (src + keep + 1) * nh);
  }
  const keepP = 1 - net.dropout;
  const scale = 1 / keepP;
  const end = inOff + steps * nh;
  for (let i = inOff; i < end; i++) mask[i] = rng.float() < keepP ? scale : 0;
  net.kernels.mul(steps * nh, inp, inOff, mask, inOff, dropped, inOff);
  return dropped;
}

/**
 * One layer over `steps` new steps stored at window positions [t0, t0 + steps), from the state in
 * slot t0. `inp` holds the steps' inputs, (steps·n) × inSize from `inOff`.
 */
function layerForward(
  cell: RecurrentLayer,
  p: Float32Array,
  base: number,
  ws: SequenceLayerWorkspace,
  n: number,
  t0: number,
  steps: number,
  inp: Float32Array,
  inOff: number,
): void {
  const gh = cell.gates * cell.hidden;
  const rows = steps * n;
  // Input projection of every new step at once (Z = X·W + b), so each step adds only h·U.
  cell.k.gemm(
    false,
    false,
    rows,
    gh,
    cell.inSize,
    1,
    inp,
    inOff,
    cell.inSize,
    p,
    base + cell.wOff,
    gh,
    0,
    ws.z,
    0,
    gh,
  );
  cell.k.addRowBias(rows, gh, p, base + cell.bOff, ws.z, 0, gh);
  for (let s = 0; s < steps; s++) cell.stepForward(p, base, ws, n, t0 + s, s * n * gh);
}

/**
 * Backward over the last K steps of the stored window against `targets` (time-major for every-step
 * readouts): the loss's gradient, the readout, then each layer through time from the top down.
 * Accumulates into `g` (weights read from `p`, base 0) and returns the mean data loss.
 */
export function backwardWindow(
  net: SequenceNet,
  ws: NetWorkspace,
  p: Float32Array,
  g: Float32Array,
  targets: Float32Array,
  K: number,
): number {
  const { n, window: tw, first, steps } = ws;
  const O = net.outputSize;
  const every = net.readout === "every-step";
  const rows = every ? steps * n : n;
  const hw = ws.head;
  const last = net.head.layers.length - 1;
  const denom = lossDenominator(net.loss, rows, O);
  const sum = outputLoss(
    net.kernels,
    net.loss,
    net.outputActivation,
    rows,
    O,
    hw.z[last],
    0,
    O,
    hw.a[last],
    0,
    O,
    targets,
    0,
    O,
    hw.dOut,
    0,
    O,
    1 / denom,
  );
  const L = net.cells.length;
  // The readout's gradient enters the top layer at every new step, or at the final one only.
  const injStart = every ? first : tw - 1;
  net.head.backward(p, 0, g, hw, rows, ws.layers[L - 1].dIn, injStart * n * net.cells[L - 1].hidden);
  backwardThroughLayers(net, ws, p, g, tw - K, injStart);
  return sum / denom;
}

/** BPTT of every layer over window steps [ts, window), top down, through the dropout between them. */
function backwardThroughLayers(
  net: SequenceNet,
  ws: NetWorkspace,
  p: Float32Array,
  g: Float32Array,
  ts: number,
  injStart: number,
): void {
  const { n, window: tw } = ws;
  const L = net.cells.length;
  for (let l = L - 1; l >= 0; l--) {
    const cell = net.cells[l];
    const lw = ws.layers[l];
    const below = l > 0 ? ws.layers[l - 1] : null;
    const belowH = l > 0 ? net.cells[l - 1].hidden : net.inputSize;
    const dropped = below !== null && ws.interDropped;
    const inp = below === null ? ws.xs : dropped ? ws.dropIn[l] : below.hs;
    const inOff = below === null ? ts * n * belowH : (ts + 1) * n * belowH;
    const dInput = below === null ? null : below.dIn;
    layerBackward(
      cell,
      p,
      0,
      g,
      lw,
      n,
      ts,
      tw,
      l === L - 1 ? injStart : ts,
      inp,
      inOff,
      dInput,
      ts * n * belowH,
    );
    // Through the dropout between the layers: dL/dh_below = mask ⊙ dL/d(input).
    if (dropped) {
      const nh = n * belowH;
      net.kernels.mul((tw - ts) * nh, below.dIn, ts * nh, ws.dropMask[l], (ts + 1) * nh, below.dIn, ts * nh);
    }
    lw.normCount = tw - ts;
  }
}

/**
 * One layer through time over window steps [ts, tw). The gradient injected into h_t from above (the
 * readout or the layer above) is `ws.dIn` at step t for t ≥ injStart; no gradient flows into the
 * window from before ts (truncation). Accumulates ∂W, ∂U, ∂b into `g`, records ‖∂L/∂h_t‖ per step
 * in `ws.norms`, and writes ∂L/∂input for the window into `dInput` at `dInOff` when given. `inp` at
 * `inOff` is the window's input, (tw − ts)·n × inSize.
 */
function layerBackward(
  cell: RecurrentLayer,
  p: Float32Array,
  base: number,
  g: Float32Array,
  ws: SequenceLayerWorkspace,
  n: number,
  ts: number,
  tw: number,
  injStart: number,
  inp: Float32Array,
  inOff: number,
  dInput: Float32Array | null,
  dInOff: number,
): void {
  const k = cell.k;
  const H = cell.hidden;
  const F = cell.inSize;
  const gh = cell.gates * H;
  const nh = n * H;
  ws.dhNext.fill(0, 0, nh);
  if (cell.hasCell) ws.dcNext.fill(0, 0, nh);
  for (let t = tw - 1; t >= ts; t--) {
    // dL/dh_t = injected from above + carried back from step t + 1.
    if (t >= injStart) k.add(nh, ws.dhNext, 0, ws.dIn, t * nh, ws.dh, 0);
    else k.copy(nh, ws.dhNext, 0, ws.dh, 0);
    ws.norms[t - ts] = k.norm2(nh, ws.dh, 0);
    cell.stepBackward(p, base, ws, n, t, (t - ts) * n * gh, t > ts);
  }
  // Weight gradients once over the whole window: one gemm each instead of one per step.
  const rows = (tw - ts) * n;
  const dzr = ws.dzRec ?? ws.z;
  k.gemm(true, false, F, gh, rows, 1, inp, inOff, F, ws.z, 0, gh, 1, g, cell.wOff, gh);
  k.gemm(true, false, H, gh, rows, 1, ws.hs, ts * nh, H, dzr, 0, gh, 1, g, cell.uOff, gh);
  k.colSums(rows, gh, 1, ws.z, 0, gh, 1, g, cell.bOff);
  cell.extraBiasGradient(g, ws, rows);
  if (dInput !== null)
    k.gemm(false, true, rows, F, gh, 1, ws.z, 0, gh, p, base + cell.wOff, gh, 0, dInput, dInOff, F);
}
