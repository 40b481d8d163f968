import type { Model } from "@arena/nn";
import type { Rng } from "@arena/rng";
import * as z from "zod";

/**
 * How candidate weight vectors are drawn: the initial population of the GA and the PSO, and every
 * sample of random search.
 *
 * - `initializer`: a fresh draw of the model's own initialiser (`model.initialize(rng, row)`: Glorot,
 *   He, orthogonal recurrent blocks…), so every candidate has the scale the architecture was designed
 *   for; the biases, which initialisers set to a constant (0, or 1 for LSTM forget gates), get
 *   U(−1/√fanIn, 1/√fanIn) noise around that constant (PyTorch's default bias initialisation for
 *   `nn.Linear` and its recurrent layers), where fanIn counts every input of the unit (input and
 *   recurrent). Without it a bias would hold the same value in every particle, and PSO could never
 *   move it (both attraction terms, p − x and l − x, would be 0).
 * - `normal`: the model's initial weights plus N(0, std²) noise on every parameter.
 * - `uniform`: the model's initial weights plus U(−range, range) noise on every parameter.
 *
 * Every draw is clamped into the learner's box ±bounds.
 */
export const InitScheme = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z
        .literal("initializer")
        .describe("a fresh draw of the model's own initialiser, biases with U(−1/√fanIn, 1/√fanIn) noise"),
    }),
    z.strictObject({
      kind: z.literal("normal").describe("the model's initial weights plus N(0, std²) noise"),
      std: z.number().positive().describe("standard deviation of the noise"),
    }),
    z.strictObject({
      kind: z.literal("uniform").describe("the model's initial weights plus U(−range, range) noise"),
      range: z.number().positive().describe("half-width of the noise"),
    }),
  ])
  .describe("how candidates are drawn, by kind: initializer, normal or uniform");
export type InitScheme = z.input<typeof InitScheme>;

/** Clamps every entry into [−bounds, bounds] (NaN is left alone: it ranks worst anyway). */
export function clampSymmetric(x: Float32Array, bounds: number): void {
  const lo = -bounds;
  for (let d = 0; d < x.length; d++) {
    const v = x[d];
    if (v < lo) x[d] = lo;
    else if (v > bounds) x[d] = bounds;
  }
}

/**
 * The bias tensors of a model (its unregularised tensors) with the bound 1/√fanIn of their noise, as
 * (offset, length) pairs and one bound per pair. fanIn of a layer is the sum of the first dimension of
 * its weight tensors: `in` for a dense layer, `in + hidden` for a recurrent one.
 */
export function biasRanges(model: Model): { ranges: Int32Array; bounds: Float64Array } {
  const ranges: number[] = [];
  const bounds: number[] = [];
  for (const layer of model.layers) {
    let fanIn = 0;
    for (const t of layer.tensors) if (t.regularized) fanIn += t.shape[0];
    for (const t of layer.tensors) {
      if (t.regularized || fanIn === 0) continue;
      ranges.push(t.offset, t.length);
      bounds.push(1 / Math.sqrt(fanIn));
    }
  }
  return { ranges: Int32Array.from(ranges), bounds: Float64Array.from(bounds) };
}

/**
 * Draws candidates by an {@link InitScheme} for one model: around `initial` where the scheme says so,
 * clamped into [−bounds, bounds]. The model's own parameters are never touched.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { createModel } from "@arena/nn";
 * import { CandidateSampler } from "@arena/neuroevolution";
 * const model = createModel({ kind: "mlp", layers: [2, 2, 1], activation: "tanh", output: "sigmoid" }, new Rng(1));
 * const sampler = new CandidateSampler({ kind: "normal", std: 0.1 }, model, model.params, 10);
 * const row = new Float32Array(model.size);
 * sampler.draw(new Rng(2), row);
 * console.log(row); // the initial weights, each moved by about ±0.1
 * ```
 */
export class CandidateSampler {
  private readonly biases: { ranges: Int32Array; bounds: Float64Array };

  constructor(
    readonly scheme: InitScheme,
    private readonly model: Model,
    private readonly initial: Float32Array,
    readonly bounds: number,
  ) {
    if (initial.length !== model.size) {
      throw new RangeError(
        `CandidateSampler: initial has ${initial.length} entries, the model has ${model.size}`,
      );
    }
    this.biases = biasRanges(model);
  }

  /** Draws one candidate into `out` (length `model.size`). */
  draw(rng: Rng, out: Float32Array): void {
    const { scheme, initial } = this;
    const n = out.length;
    switch (scheme.kind) {
      case "initializer": {
        this.model.initialize(rng, out);
        const { ranges, bounds } = this.biases;
        for (let r = 0; r < bounds.length; r++) {
          const off = ranges[2 * r];
          const end = off + ranges[2 * r + 1];
          const b = bounds[r];
          for (let d = off; d < end; d++) out[d] += b * (2 * rng.float() - 1);
        }
        break;
      }
      case "normal": {
        const s = scheme.std;
        for (let d = 0; d < n; d++) out[d] = initial[d] + s * rng.normal(0, 1);
        break;
      }
      case "uniform": {
        const r = scheme.range;
        for (let d = 0; d < n; d++) out[d] = initial[d] + r * (2 * rng.float() - 1);
        break;
      }
    }
    clampSymmetric(out, this.bounds);
  }

  /**
   * Fills the `count` rows of `pop` (count × size): row 0 holds the initial weights themselves
   * (clamped), so the population always contains the point every learner of a repetition starts
   * from; the others are drawn.
   */
  fill(rng: Rng, pop: Float32Array, count: number): void {
    const dim = this.model.size;
    pop.set(this.initial, 0);
    clampSymmetric(pop.subarray(0, dim), this.bounds);
    for (let i = 1; i < count; i++) this.draw(rng, pop.subarray(i * dim, (i + 1) * dim));
  }
}

/** The `count` rows of a `count × dim` matrix, as views (no copy). */
export function rowsOf(xs: Float32Array, count: number, dim: number): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let i = 0; i < count; i++) rows.push(xs.subarray(i * dim, (i + 1) * dim));
  return rows;
}
