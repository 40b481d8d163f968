import type { Samples } from "../model.ts";
import type { ModelMemory } from "../model-memory.ts";
import type { WindowStart } from "./bptt.ts";
import type { SequenceNet } from "./net-wiring.ts";
import type { NetWorkspace } from "./net-workspace.ts";
import type { SequenceBackwardOptions, SequenceForwardOptions } from "./sequence-options.ts";
import { gatherTargets } from "./time-major.ts";

/**
 * Argument checks of the recurrent net's public methods, each error naming the method, the argument
 * and the value, before any buffer is touched.
 */

const FORWARD_KEYS = ["initialState", "keep", "stepOffset", "totalSteps", "rng"];
const BACKWARD_KEYS = ["lastK", "stepOffset", "totalSteps"];

export function checkKeys(fn: string, opts: object, allowed: string[]): void {
  for (const key of Object.keys(opts)) {
    if (!allowed.includes(key))
      throw new RangeError(`${fn}: unknown option "${key}"; expected one of ${allowed.join(", ")}`);
  }
}

export function checkInt(fn: string, name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min)
    throw new RangeError(`${fn}: ${name} must be an integer >= ${min}, got ${v}`);
  return v;
}

/** Where a chunk of `forwardSequence` sits in x and how it starts. */
export interface ChunkArgs {
  keep: number;
  stepOffset: number;
  totalSteps: number;
  init: WindowStart;
}

/** Checks forwardSequence's arguments against x and the stored window `ws` it may continue. */
export function checkForwardChunk(
  net: SequenceNet,
  ws: NetWorkspace,
  memory: ModelMemory,
  x: Float32Array,
  n: number,
  steps: number,
  opts: SequenceForwardOptions,
): ChunkArgs {
  const fn = "RecurrentNet.forwardSequence";
  checkKeys(fn, opts, FORWARD_KEYS);
  checkInt(fn, "n", n, 1);
  checkInt(fn, "steps", steps, 1);
  const keep = checkInt(fn, "keep", opts.keep ?? 0, 0);
  const stepOffset = checkInt(fn, "stepOffset", opts.stepOffset ?? 0, 0);
  const F = net.inputSize;
  const totalSteps = opts.totalSteps ?? x.length / (n * F);
  if (!Number.isInteger(totalSteps) || totalSteps < stepOffset + steps) {
    // On a disposed model, name the disposal rather than a shape mismatch.
    memory.check("forwardSequence");
    throw new RangeError(
      `${fn}: x has ${x.length} entries, which does not hold ${n} sequences × ${stepOffset + steps} steps × ${F} features` +
        (opts.totalSteps === undefined ? "" : ` at totalSteps ${opts.totalSteps}`),
    );
  }
  if (x.length < n * totalSteps * F) {
    throw new RangeError(
      `${fn}: x has ${x.length} entries, ${n} sequences × ${totalSteps} steps × ${F} features need ${n * totalSteps * F}`,
    );
  }
  const init = opts.initialState ?? (keep > 0 ? "carry" : "zero");
  if (keep > 0 && init !== "carry")
    throw new RangeError(
      `${fn}: keep = ${keep} continues the previous window, so initialState must be "carry"`,
    );
  if (init === "carry" || keep > 0) {
    if (!ws.valid)
      throw new Error(`${fn}: initialState "carry" needs a previous forwardSequence to continue`);
    if (ws.n !== n)
      throw new RangeError(`${fn}: cannot carry the state of ${ws.n} sequences into a batch of ${n}`);
    if (keep > ws.window) throw new RangeError(`${fn}: keep = ${keep} exceeds the ${ws.window} steps stored`);
  }
  return { keep, stepOffset, totalSteps, init };
}

/** Checks backwardSequence's options; returns the steps to backpropagate through (lastK). */
export function checkBackwardOptions(ws: NetWorkspace, opts: SequenceBackwardOptions): number {
  const fn = "RecurrentNet.backwardSequence";
  checkKeys(fn, opts, BACKWARD_KEYS);
  if (!ws.valid) throw new Error(`${fn}: no forward pass to differentiate; call forwardSequence first`);
  return Math.min(checkInt(fn, "lastK", opts.lastK ?? ws.window, 1), ws.window);
}

/**
 * Checks the targets of backwardSequence against the stored chunk; returns them as the loss reads
 * them: every-step targets gathered time-major into ws.yT, final-step targets as given.
 */
export function chunkTargets(
  net: SequenceNet,
  ws: NetWorkspace,
  y: Float32Array,
  opts: SequenceBackwardOptions,
): Float32Array {
  const fn = "RecurrentNet.backwardSequence";
  const { n, steps } = ws;
  const O = net.outputSize;
  if (net.readout === "every-step") {
    const stepOffset = checkInt(fn, "stepOffset", opts.stepOffset ?? ws.stepOffset, 0);
    const totalSteps = opts.totalSteps ?? y.length / (n * O);
    if (!Number.isInteger(totalSteps) || totalSteps < stepOffset + steps || y.length < n * totalSteps * O) {
      throw new RangeError(
        `${fn}: y has ${y.length} entries, which does not hold ${n} sequences × ${stepOffset + steps} steps × ${O} outputs`,
      );
    }
    gatherTargets(ws, O, y, 0, totalSteps, stepOffset, n, steps);
    return ws.yT;
  }
  if (y.length < n * O)
    throw new RangeError(`${fn}: y has ${y.length} entries, ${n} sequences × ${O} outputs need ${n * O}`);
  return y;
}

/** Checks that `data` holds sequences the net reads; returns the steps per sample. */
export function checkSequenceSamples(fn: string, net: SequenceNet, data: Samples): number {
  const n = data.n;
  const F = net.inputSize;
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`${fn}: data.n must be an integer >= 0, got ${n}`);
  let steps: number;
  if (data.xShape !== undefined) {
    const sh = data.xShape;
    const features = sh.length === 2 ? sh[1] : sh.length === 1 ? 1 : -1;
    if (features !== F) throw new RangeError(`${fn}: xShape [${sh.join(", ")}] is not [steps, ${F}]`);
    steps = sh[0];
  } else {
    steps = n === 0 ? 1 : data.x.length / (n * F);
  }
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(
      `${fn}: x has ${data.x.length} entries, not a whole number of steps for ${n} sequences × ${F} features`,
    );
  if (data.x.length < n * steps * F)
    throw new RangeError(
      `${fn}: x has ${data.x.length} entries, ${n} × ${steps} steps × ${F} need ${n * steps * F}`,
    );
  const need = n * rowsPerSample(net, steps) * net.outputSize;
  if (data.y.length < need)
    throw new RangeError(`${fn}: y has ${data.y.length} entries, the ${net.readout} readout needs ${need}`);
  return steps;
}

/** Output rows per sample: every step's for readout "every-step", else one. */
export function rowsPerSample(net: SequenceNet, steps: number): number {
  return net.readout === "every-step" ? steps : 1;
}
