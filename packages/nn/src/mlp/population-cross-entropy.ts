import type { Kernels } from "@arena/tensor";

/**
 * Softmax cross-entropy summed per candidate for `MlpPopulationLoss`, from a group's logits laid out
 * sample-major (row r of candidate c at r·gc·O + c·O). The per-logit work (an exp and a product each,
 * in JavaScript 40% of the batched pass on digits) is one `crossEntropyParts` call per group, in
 * WebAssembly two rows per f64x2 step, which returns each row's max, Σ exp(z − max) and Σ y·z with
 * the bits of the JavaScript loop (`Math.exp`); what is left is the arithmetic of `groupedLossSums`,
 * sumY·(max + log Σ) − Σ y·z per sample, added to the candidate's sum sample by sample. The sums are
 * the same bits as before, so `lossBatch` still agrees with `loss` up to the order of its additions.
 */
export class PopulationCrossEntropy {
  private parts = new Float64Array(0);
  private sumY = new Float64Array(0);
  private y: Float32Array = new Float32Array(0);
  private yOff = 0;

  constructor(
    private readonly k: Kernels,
    /** Outputs (classes) per sample. */
    private readonly O: number,
  ) {}

  /** The targets of rows [s0, s0 + rows) of `y` (n × O), and each row's Σ y. */
  setTargets(y: Float32Array, s0: number, rows: number): void {
    const O = this.O;
    this.y = y;
    this.yOff = s0 * O;
    if (this.sumY.length < rows) this.sumY = new Float64Array(rows);
    for (let r = 0; r < rows; r++) {
      const yr = this.yOff + r * O;
      let sumY = 0;
      for (let j = 0; j < O; j++) sumY += y[yr + j];
      this.sumY[r] = sumY;
    }
  }

  /**
   * Adds candidate c's summed cross-entropy over the rows to acc[accOff + c], for the `gc` candidates
   * whose logits `z` holds (rows × gc·O, sample-major: target row r serves gc rows of z).
   */
  addSums(z: Float32Array, gc: number, rows: number, acc: Float64Array, accOff: number): void {
    const O = this.O;
    if (this.parts.length < 3 * rows * gc) this.parts = new Float64Array(3 * rows * gc);
    const parts = this.parts;
    this.k.crossEntropyParts(rows * gc, O, z, 0, O, this.y, this.yOff, O, gc, parts, 0);
    const sumY = this.sumY;
    for (let r = 0; r < rows; r++) {
      for (let g = 0; g < gc; g++) {
        const p = 3 * (r * gc + g);
        acc[accOff + g] += sumY[r] * (parts[p] + Math.log(parts[p + 1])) - parts[p + 2];
      }
    }
  }
}
