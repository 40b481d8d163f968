import { lossDenominator } from "../losses.ts";
import type { Model, Samples } from "../model.ts";
import type { SequenceNet } from "./net-wiring.ts";
import type { NetWorkspace } from "./net-workspace.ts";
import { forwardRangeLoss } from "./range-loss.ts";
import { rowsPerSample } from "./validation.ts";

/**
 * The objective (mean data loss + penalty) of `count` parameter vectors (rows of `population`, each
 * `model.size` long) on the same sequences of `steps` steps, into `out`. Each candidate is copied once
 * into a buffer in the model's memory (with the WebAssembly backend every kernel of its steps then runs
 * on its weights in place) and forwarded through the same preallocated workspace `ws`, so nothing is
 * allocated per candidate.
 */
export function sequenceLossBatch(
  net: SequenceNet,
  ws: NetWorkspace,
  model: Pick<Model, "size" | "penalty">,
  population: Float32Array,
  count: number,
  data: Samples,
  steps: number,
  out: Float64Array,
): void {
  const denom = lossDenominator(net.loss, data.n * rowsPerSample(net, steps), net.outputSize);
  const batch = Math.max(1, Math.min(data.n, 256));
  const size = model.size;
  const p = ws.candidate(size);
  for (let c = 0; c < count; c++) {
    let lossSum = 0;
    const base = c * size;
    p.set(population.subarray(base, base + size));
    for (let s0 = 0; s0 < data.n; s0 += batch)
      lossSum += forwardRangeLoss(net, ws, p, 0, data, steps, s0, Math.min(batch, data.n - s0));
    out[c] = lossSum / denom + model.penalty(population, base);
  }
}
