import type { Kernels } from "@arena/tensor";
import { type Activation, activationForwardKernel } from "../activations.ts";
import type { DenseStack } from "../dense.ts";
import { groupedLossSums, type Loss, type OutputActivation, outputForward } from "../losses.ts";
import type { Samples } from "../model.ts";
import type { ModelMemory } from "../model-memory.ts";
import { PopulationCrossEntropy } from "./population-cross-entropy.ts";

/** Floats per buffer that `lossBatch` allows itself before it splits a population into groups. */
const POPULATION_BUFFER = 1 << 17;
/**
 * Floats of packed first-layer weights up to which every candidate's are packed once per call and
 * shared by all batches of rows; a larger population is packed group by group, per batch of rows.
 */
const PACK_ONCE = 1 << 20;

/**
 * An MLP's population loss: the summed data loss of many parameter vectors (rows of a population
 * matrix) on the same data, candidates batched together. The first layer of a group of candidates is
 * one gemm of [x | 1] against their packed [W; b]; each later layer is one strided batched gemm (each
 * candidate's block times its own weights, read in place from the population) into a shared buffer,
 * then one bias pass and one activation pass for the whole group. Groups are sized so a layer's output
 * stays around half a megabyte (cache-sized). The packed first layer is shared by all batches of rows
 * when it fits in 4 MB. Softmax cross-entropy goes through {@link PopulationCrossEntropy} (one
 * `expSumRows` call per group); the other losses sum in one pass in memory order. Every buffer is
 * kept between calls.
 */
export class MlpPopulationLoss {
  private packedW: Float32Array = new Float32Array(0);
  private packedB: Float32Array = new Float32Array(0);
  private xAug: Float32Array = new Float32Array(0);
  private popA: Float32Array = new Float32Array(0);
  private popB: Float32Array = new Float32Array(0);
  private popAcc = new Float64Array(0);
  private readonly crossEntropy: PopulationCrossEntropy | null;

  constructor(
    private readonly k: Kernels,
    private readonly stack: DenseStack,
    private readonly memory: ModelMemory,
    /** Length of one parameter vector (a population row). */
    private readonly size: number,
    private readonly loss: Loss,
    private readonly outputActivation: OutputActivation,
  ) {
    this.crossEntropy = loss === "cross-entropy" ? new PopulationCrossEntropy(k, stack.outSize) : null;
  }

  /**
   * Summed data loss of each of `count` ≥ 1 candidates over `data` (checked by the caller); entry c
   * of the result (a reused buffer, valid until the next call) is candidate c's.
   */
  lossSums(population: Float32Array, count: number, data: Samples): Float64Array {
    const N = data.n;
    const layers = this.stack.layers;
    let widest = 1;
    for (const d of layers) widest = Math.max(widest, d.outSize);
    const B = Math.max(1, Math.min(N, 1024));
    const group = Math.max(1, Math.min(count, Math.floor(POPULATION_BUFFER / (B * widest))));
    const d0 = layers[0];
    const packedOnce = count * (d0.inSize + 1) * d0.outSize <= PACK_ONCE;
    this.ensure(B, packedOnce ? count : group, group, widest, count);
    if (packedOnce) this.packFirstLayer(population, 0, count, count);
    const acc = this.popAcc;
    acc.fill(0, 0, count);
    for (let s0 = 0; s0 < N; s0 += B) {
      const rows = Math.min(B, N - s0);
      this.packInputs(data.x, s0, rows);
      this.crossEntropy?.setTargets(data.y, s0, rows);
      for (let c0 = 0; c0 < count; c0 += group) {
        const gc = Math.min(group, count - c0);
        if (packedOnce) {
          this.firstLayer(c0, count, gc, rows);
        } else {
          this.packFirstLayer(population, c0, gc, gc);
          this.firstLayer(0, gc, gc, rows);
        }
        this.groupLoss(population, c0, gc, data, s0, rows, acc);
      }
    }
    return acc;
  }

  /** [x | 1] of rows [s0, s0 + rows): the first layer's bias rides in its gemm as the weight of a constant input. */
  private packInputs(x: Float32Array, s0: number, rows: number): void {
    const inSize = this.stack.layers[0].inSize;
    const xa = this.xAug;
    for (let r = 0; r < rows; r++) {
      const src = (s0 + r) * inSize;
      const dst = r * (inSize + 1);
      for (let i = 0; i < inSize; i++) xa[dst + i] = x[src + i];
      xa[dst + inSize] = 1;
    }
  }

  /**
   * Grows the buffers for batches of B rows, `packed` candidates' first layers, groups of `group`
   * candidates, `count` candidates.
   */
  private ensure(B: number, packed: number, group: number, widest: number, count: number): void {
    const d0 = this.stack.layers[0];
    const in1 = d0.inSize + 1;
    const mem = this.memory;
    if (this.packedW.length < in1 * packed * d0.outSize)
      this.packedW = mem.resize(this.packedW, in1 * packed * d0.outSize);
    if (this.xAug.length < B * in1) this.xAug = mem.resize(this.xAug, B * in1);
    if (this.packedB.length < group * widest) this.packedB = mem.resize(this.packedB, group * widest);
    if (this.popA.length < B * group * widest) {
      this.popA = mem.resize(this.popA, B * group * widest);
      this.popB = mem.resize(this.popB, B * group * widest);
    }
    if (this.popAcc.length < count) this.popAcc = new Float64Array(count);
  }

  /**
   * The first layer's pre-activations of a group of gc candidates into popA (rows × gc·h0): [x | 1]
   * times their [W; b], candidates [first, first + gc) of the `packed` side by side in packedW.
   */
  private firstLayer(first: number, packed: number, gc: number, rows: number): void {
    const d0 = this.stack.layers[0];
    const h0 = d0.outSize;
    const in1 = d0.inSize + 1;
    const ld = gc * h0;
    this.k.gemm(
      false,
      false,
      rows,
      ld,
      in1,
      1,
      this.xAug,
      0,
      in1,
      this.packedW,
      first * h0,
      packed * h0,
      0,
      this.popA,
      0,
      ld,
    );
  }

  /**
   * Adds the summed loss of candidates [c0, c0 + gc) on rows [s0, s0 + rows) into acc[c0…], from
   * their first layer's pre-activations in popA.
   */
  private groupLoss(
    pop: Float32Array,
    c0: number,
    gc: number,
    data: Samples,
    s0: number,
    rows: number,
    acc: Float64Array,
  ): void {
    const k = this.k;
    const layers = this.stack.layers;
    let cur = this.popA;
    let next = this.popB;
    for (let l = 1; l < layers.length; l++) {
      this.laterLayer(pop, c0, gc, rows, l, cur, next);
      const t = cur;
      cur = next;
      next = t;
    }
    const O = this.stack.outSize;
    const ld = gc * O;
    const outAct = this.outputActivation;
    if (this.crossEntropy !== null) {
      this.crossEntropy.addSums(cur, gc, rows, acc, c0);
      return;
    }
    if (this.loss === "mse") {
      if (outAct === "softmax") {
        for (let c = 0; c < gc; c++) outputForward(k, outAct, rows, O, cur, c * O, ld, cur, c * O, ld);
      } else {
        activationForwardKernel(k, outAct, rows * ld, cur, 0, cur, 0);
      }
    }
    groupedLossSums(this.loss, rows, O, gc, cur, data.y, s0 * O, acc, c0);
  }

  /**
   * Packs [W; b] of candidates [c0, c0 + gc) side by side into a matrix of `packed` candidates:
   * (in + 1) × (packed·h0). b follows W in the layout, so row `in` of a candidate's block is its bias.
   */
  private packFirstLayer(pop: Float32Array, c0: number, gc: number, packed: number): void {
    const d0 = this.stack.layers[0];
    const h0 = d0.outSize;
    const in0 = d0.inSize;
    const ldw = packed * h0;
    const W = this.packedW;
    for (let c = 0; c < gc; c++) {
      const src0 = (c0 + c) * this.size + d0.wOff;
      for (let i = 0; i <= in0; i++) {
        const src = src0 + i * h0;
        const dst = i * ldw + c * h0;
        for (let j = 0; j < h0; j++) W[dst + j] = pop[src + j];
      }
    }
  }

  /** Layer l ≥ 1 of the group: the previous layer's activation in place in `cur`, then W and b into `next`. */
  private laterLayer(
    pop: Float32Array,
    c0: number,
    gc: number,
    rows: number,
    l: number,
    cur: Float32Array,
    next: Float32Array,
  ): void {
    const k = this.k;
    const size = this.size;
    const prev = this.stack.layers[l - 1];
    activationForwardKernel(k, prev.activation as Activation, rows * gc * prev.outSize, cur, 0, cur, 0);
    const d = this.stack.layers[l];
    const ldi = gc * d.inSize;
    const ldo = gc * d.outSize;
    // Candidate c's block of `cur` times its own weights (a row of the population): one batched call.
    k.gemmBatched(
      false,
      false,
      rows,
      d.outSize,
      d.inSize,
      1,
      cur,
      0,
      ldi,
      d.inSize,
      pop,
      c0 * size + d.wOff,
      d.outSize,
      size,
      0,
      next,
      0,
      ldo,
      d.outSize,
      gc,
    );
    const pb = this.packedB;
    for (let c = 0; c < gc; c++) {
      const bsrc = (c0 + c) * size + d.bOff;
      for (let j = 0; j < d.outSize; j++) pb[c * d.outSize + j] = pop[bsrc + j];
    }
    k.addRowBias(rows, ldo, pb, 0, next, 0, ldo);
  }
}
