import { checkDim, checkMatrix, checkVector } from "./checks.ts";
import { rowMax } from "./rows.ts";

/**
 * The parts of each row's softmax cross-entropy, sumY·(max + log Σ exp(x − max)) − Σ y·x, for rows
 * that share targets: row i of X (m×n) goes with row ⌊i / repeat⌋ of Y, and
 * - out[outOff + 3i] = the row's maximum (by `>` from −∞, so NaN entries are skipped),
 * - out[outOff + 3i + 1] = Σ_j exp(x_ij − max),
 * - out[outOff + 3i + 2] = Σ_j y_j·x_ij,
 * each in float64 with j in order. The caller takes the log, so that it stays JavaScript's
 * `Math.log`. This TypeScript kernel is that loop with `Math.exp`; the WebAssembly one evaluates the
 * same fdlibm exp that V8's `Math.exp` is, two rows at a time, and returns the same bits
 * (`test/cross-entropy-parts.test.ts`). For a population's logits (repeat = candidates per sample).
 */
export function crossEntropyParts(
  m: number,
  n: number,
  x: Float32Array,
  xOff: number,
  ldx: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  repeat: number,
  out: Float64Array,
  outOff: number,
): void {
  checkCrossEntropyParts(m, n, x, xOff, ldx, y, yOff, ldy, repeat, out, outOff);
  for (let i = 0; i < m; i++) {
    const xr = xOff + i * ldx;
    const yr = yOff + Math.floor(i / repeat) * ldy;
    const max = rowMax(x, xr, n);
    let s = 0;
    let yx = 0;
    for (let j = 0; j < n; j++) {
      s += Math.exp(x[xr + j] - max);
      yx += y[yr + j] * x[xr + j];
    }
    out[outOff + 3 * i] = max;
    out[outOff + 3 * i + 1] = s;
    out[outOff + 3 * i + 2] = yx;
  }
}

/** The size checks of {@link crossEntropyParts}, shared by every backend. */
export function checkCrossEntropyParts(
  m: number,
  n: number,
  x: Float32Array,
  xOff: number,
  ldx: number,
  y: Float32Array,
  yOff: number,
  ldy: number,
  repeat: number,
  out: Float64Array,
  outOff: number,
): void {
  const fn = "crossEntropyParts";
  checkDim(fn, "m", m);
  checkDim(fn, "n", n);
  if (!Number.isInteger(repeat) || repeat < 1)
    throw new RangeError(`${fn}: repeat must be an integer >= 1, got ${repeat}`);
  checkMatrix(fn, "X", x, xOff, m, n, ldx);
  checkMatrix(fn, "Y", y, yOff, Math.ceil(m / repeat), n, ldy);
  checkVector(fn, "out", out, outOff, 3 * m);
}
