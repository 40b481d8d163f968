import type { AdamCoefficients } from "./adam-update.ts";
import type { RecurrentCellKernels } from "./recurrent-cell-kernels.ts";

/**
 * The activations with kernels of their own (see `activation` / `activationGrad`): the ones that
 * dominate training time. Others (leaky ReLU, ELU, softplus, GELU) stay in nn's TypeScript loops.
 */
export type ActivationKind = "tanh" | "sigmoid" | "relu" | "linear";

/**
 * The BLAS sgemm signature, row-major: C = alpha · op(A) · op(B) + beta · C, with C m×n, op(A) m×k,
 * op(B) k×n, op(X) = X or Xᵀ by the transpose flags, each matrix `(array, offset, leading dimension)`.
 * One type for every implementation and wrapper, so they cannot drift apart.
 */
export type GemmFn = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  beta: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
) => void;

/** {@link GemmFn} over `count` items, item i of A, B and C `i · stride` elements after the first. */
export type GemmBatchedFn = (
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  alpha: number,
  a: Float32Array,
  aOff: number,
  lda: number,
  strideA: number,
  b: Float32Array,
  bOff: number,
  ldb: number,
  strideB: number,
  beta: number,
  c: Float32Array,
  cOff: number,
  ldc: number,
  strideC: number,
  count: number,
) => void;

/**
 * The kernel interface every backend implements. Callers (nn, backprop) only ever talk to this
 * interface, so a WebAssembly SIMD backend can replace the TypeScript one without touching them.
 *
 * Conventions, BLAS-style so that no call allocates:
 * - Matrices are row-major. A matrix argument is `(array, offset, ld)`: element (i, j) lives at
 *   `array[offset + i * ld + j]`, with the leading dimension `ld >= cols`. A vector is `(array, offset)`
 *   over `n` contiguous elements.
 * - Outputs are written in place into arrays the caller owns (out-parameters). Outputs may alias
 *   inputs only where a kernel says so (elementwise kernels allow `out === a` at the same offset).
 * - Reductions accumulate in float64 and return a JS number.
 * - Every kernel checks its sizes up front (O(1)) and throws a RangeError that names the bad value.
 */
export interface Kernels extends RecurrentCellKernels {
  /** Backend name, e.g. "ts" or "wasm". */
  readonly name: string;

  /**
   * General matrix multiply: C = alpha · op(A) · op(B) + beta · C, with C m×n, op(A) m×k, op(B) k×n,
   * op(X) = X or Xᵀ by the transpose flags. When `beta === 0`, C is overwritten (NaNs in C do not
   * propagate), as in BLAS.
   */
  gemm: GemmFn;

  /**
   * Strided batched gemm: for i < count, C_i = alpha · op(A_i) · op(B_i) + beta · C_i, with item i of
   * A, B and C starting `i · strideA`, `i · strideB`, `i · strideC` elements after `aOff`, `bOff`,
   * `cOff` (a stride of 0 shares an operand). Each item is computed exactly as `gemm` would compute it
   * alone (bit-identical); items of C must not overlap. For many small products in one call.
   */
  gemmBatched: GemmBatchedFn;

  /** Matrix-vector multiply: y = alpha · op(A) · x + beta · y, A m×n (op(A) is n×m when transposed). */
  gemv(
    transA: boolean,
    m: number,
    n: number,
    alpha: number,
    a: Float32Array,
    aOff: number,
    lda: number,
    x: Float32Array,
    xOff: number,
    beta: number,
    y: Float32Array,
    yOff: number,
  ): void;

  /** out[i] = a[i] + b[i] for i < n. */
  add(
    n: number,
    a: Float32Array,
    aOff: number,
    b: Float32Array,
    bOff: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /** out[i] = a[i] - b[i]. */
  sub(
    n: number,
    a: Float32Array,
    aOff: number,
    b: Float32Array,
    bOff: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /** out[i] = a[i] * b[i] (Hadamard product). */
  mul(
    n: number,
    a: Float32Array,
    aOff: number,
    b: Float32Array,
    bOff: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /** x[i] *= alpha, in place. */
  scale(n: number, alpha: number, x: Float32Array, xOff: number): void;
  /** y[i] += alpha * x[i] (BLAS axpy). */
  axpy(n: number, alpha: number, x: Float32Array, xOff: number, y: Float32Array, yOff: number): void;
  /** x[i] = value. */
  fill(n: number, value: number, x: Float32Array, xOff: number): void;
  /** dst[i] = src[i]. Overlapping ranges are not allowed. */
  copy(n: number, src: Float32Array, srcOff: number, dst: Float32Array, dstOff: number): void;
  /** out[i] = min(max(x[i], lo), hi). */
  clamp(
    n: number,
    lo: number,
    hi: number,
    x: Float32Array,
    xOff: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /** out[i] = f(x[i]). Generic and slower than a named kernel: the callback runs per element. */
  map(
    n: number,
    f: (v: number) => number,
    x: Float32Array,
    xOff: number,
    out: Float32Array,
    outOff: number,
  ): void;

  /**
   * out[i] = f(x[i]) for n contiguous entries; `out` may alias `x` at the same offset. tanh is the
   * float32-accurate rational approximation of Eigen/XLA (within 2.6e-7 of Math.tanh; see
   * `activation.ts`), sigmoid is ½ + ½·tanh(x/2) with it, relu is max(x, 0) (NaN stays NaN), linear
   * copies. Backends agree within a few float32 ulps (the TypeScript one evaluates in float64, the
   * WebAssembly one in float32 SIMD lanes).
   */
  activation(
    kind: ActivationKind,
    n: number,
    x: Float32Array,
    xOff: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /**
   * dx[i] = dy[i] · f′, with f′ computed from the forward OUTPUT y[i] = f(x[i]): tanh 1 − y²,
   * sigmoid y·(1 − y), relu [y > 0], linear 1 (so x need not be kept). `dx` may alias `dy` or `y` at
   * the same offset.
   */
  activationGrad(
    kind: ActivationKind,
    n: number,
    y: Float32Array,
    yOff: number,
    dy: Float32Array,
    dyOff: number,
    dx: Float32Array,
    dxOff: number,
  ): void;

  /** Adds the n-vector `bias` to each of the m rows of C (m×n): C[i, j] += bias[j]. */
  addRowBias(
    m: number,
    n: number,
    bias: Float32Array,
    biasOff: number,
    c: Float32Array,
    cOff: number,
    ldc: number,
  ): void;
  /**
   * Column sums of A (m×n), as bias gradients need: out[j] = alpha · Σ_i A[i, j] + beta · out[j].
   * With beta = 1 the sums accumulate into `out`.
   */
  colSums(
    m: number,
    n: number,
    alpha: number,
    a: Float32Array,
    aOff: number,
    lda: number,
    beta: number,
    out: Float32Array,
    outOff: number,
  ): void;
  /** Row-wise softmax of X (m×n) into OUT (m×n), max-subtracted so large logits do not overflow. May alias. */
  softmaxRows(
    m: number,
    n: number,
    x: Float32Array,
    xOff: number,
    ldx: number,
    out: Float32Array,
    outOff: number,
    ldo: number,
  ): void;
  /**
   * The parts of softmax cross-entropy per row, for rows that share targets: row i of X (m×n) goes
   * with row ⌊i / repeat⌋ of Y; out[outOff + 3i] = the row's maximum (by `>` from −∞, so NaN is
   * skipped), out[outOff + 3i + 1] = Σ_j exp(x_ij − max), out[outOff + 3i + 2] = Σ_j y_j·x_ij, in
   * float64 with j in order; a row's loss is sumY·(max + log Σ) − Σ y·x. Every backend returns the
   * bits of that loop written with JavaScript's `Math.exp` (see `cross-entropy-parts.ts`).
   */
  crossEntropyParts(
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
  ): void;
  /**
   * Softmax cross-entropy of the rows of logits Z (m×n) against targets Y: returns Σ_i sumY_i·lse_i −
   * Σ_j y_ij·z_ij (lse_i = max_i + log Σ_j exp(z_ij − max_i)), and when `dz` is given writes
   * DZ = scale·(exp(Z − lse)·sumY − Y); DZ may be Z. Every backend returns the bits of that loop
   * written with JavaScript's `Math.exp` and `Math.log` (see `softmax-cross-entropy.ts`).
   */
  softmaxCrossEntropy(
    m: number,
    n: number,
    z: Float32Array,
    zOff: number,
    ldz: number,
    y: Float32Array,
    yOff: number,
    ldy: number,
    dz: Float32Array | null,
    dzOff: number,
    lddz: number,
    scale: number,
  ): number;
  /** out[i] = index of the largest entry in row i of X (m×n); the first one on ties. */
  argmaxRows(
    m: number,
    n: number,
    x: Float32Array,
    xOff: number,
    ldx: number,
    out: Int32Array,
    outOff: number,
  ): void;
  /** OUT (n×m) = Aᵀ for A m×n. Must not alias. */
  transpose(
    m: number,
    n: number,
    a: Float32Array,
    aOff: number,
    lda: number,
    out: Float32Array,
    outOff: number,
    ldo: number,
  ): void;

  /** Σ x[i], accumulated in float64. */
  sum(n: number, x: Float32Array, xOff: number): number;
  /** Σ a[i]·b[i], accumulated in float64. */
  dot(n: number, a: Float32Array, aOff: number, b: Float32Array, bOff: number): number;
  /** sqrt(Σ x[i]²), accumulated in float64 (no overflow for float32 inputs). */
  norm2(n: number, x: Float32Array, xOff: number): number;
  /** True when every x[i] is finite (no NaN, no ±Infinity). */
  allFinite(n: number, x: Float32Array, xOff: number): boolean;

  /**
   * Optional: the Adam family's parameter update (see `adam-update.ts`), in place on n parameters with
   * the moments m, v and the AMSGrad maximum vMax (or null) from `sOff`. Every backend gives the bits
   * of the TypeScript reference; the WebAssembly one runs in f64x2 lanes when every array lives in its
   * memory (parameters from `alloc`, moments from `allocFloat64`), on two threads for long vectors.
   * With `sumSquares` it also returns Σ grads[i]² in index order in one float64 accumulator (else 0):
   * the WebAssembly backend computes that sum on its helper thread while the caller updates. With
   * `backup` (indexed as params) the step undoes itself when an updated parameter is not finite: the
   * parameters are copied back from it and the result is NaN (the moments keep the failed step).
   */
  adamUpdate?(
    n: number,
    c: AdamCoefficients,
    params: Float32Array,
    pOff: number,
    grads: Float32Array,
    gOff: number,
    m: Float64Array,
    v: Float64Array,
    vMax: Float64Array | null,
    sOff: number,
    sumSquares?: boolean,
    backup?: Float32Array | null,
  ): number;

  /**
   * Optional: a zero-filled array of n elements where this backend's kernels run fastest (the
   * WebAssembly backend: a view into its memory, so calls need no copies). Long-lived arrays (a
   * model's parameters, gradients, workspaces) should come from here and go back through `free`.
   * Never fails for lack of backend memory: it may return an ordinary Float32Array instead.
   */
  alloc?(n: number): Float32Array;
  /** Optional: as `alloc`, for float64 state (an optimizer's moments) that kernels such as `adamUpdate` read. */
  allocFloat64?(n: number): Float64Array;
  /** Optional, paired with `alloc`: gives an array from `alloc` or `allocFloat64` back; a no-op for other arrays. */
  free?(arr: Float32Array | Float64Array): void;
}
