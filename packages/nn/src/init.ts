import type { Rng } from "@arena/rng";
import type { Activation } from "./activations.ts";
import type { OutputActivation } from "./losses.ts";

/**
 * Weight initialisers. Every draw comes from the `Rng` passed in, so a seed fixes the weights bit for bit.
 *
 * - Glorot (Xavier): Var = 2 / (fanIn + fanOut) (Glorot & Bengio 2010); uniform limit √(6/(fanIn+fanOut)).
 * - He (Kaiming): Var = 2 / fanIn, for ReLU-like units (He et al. 2015); uniform limit √(6/fanIn).
 * - LeCun: Var = 1 / fanIn (LeCun et al. 1998, "Efficient BackProp"); uniform limit √(3/fanIn).
 * - Orthogonal: a Haar-random orthogonal matrix (Saxe, McClelland & Ganguli 2014), for recurrent
 *   weights, so that repeated multiplication by it neither shrinks nor grows the state.
 * Normal variants draw N(0, Var) without truncation. Biases start at zero (LSTM forget gates at 1).
 */
export const INITIALIZERS = [
  "glorot-uniform",
  "glorot-normal",
  "he-uniform",
  "he-normal",
  "lecun-uniform",
  "lecun-normal",
] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** Initialisers allowed for recurrent (hidden-to-hidden) weights: the above plus orthogonal. */
export const RECURRENT_INITIALIZERS = [...INITIALIZERS, "orthogonal"] as const;
export type RecurrentInitializer = (typeof RECURRENT_INITIALIZERS)[number];

/** The default for a layer feeding `activation`: He for ReLU-like units, Glorot uniform otherwise. */
export function defaultInitializer(activation: Activation | OutputActivation): Initializer {
  return activation === "relu" || activation === "leaky-relu" || activation === "elu" || activation === "gelu"
    ? "he-normal"
    : "glorot-uniform";
}

/** The variance an initialiser targets for the given fans. */
export function initVariance(kind: Initializer, fanIn: number, fanOut: number): number {
  if (kind.startsWith("glorot")) return 2 / (fanIn + fanOut);
  if (kind.startsWith("he")) return 2 / fanIn;
  return 1 / fanIn;
}

/**
 * Fills `count` entries of `arr` from `off` with draws of the initialiser for the given fans.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { initWeights } from "@arena/nn";
 * const w = new Float32Array(64 * 32);
 * initWeights("glorot-uniform", new Rng(1), w, 0, w.length, 64, 32);
 * ```
 */
export function initWeights(
  kind: Initializer,
  rng: Rng,
  arr: Float32Array,
  off: number,
  count: number,
  fanIn: number,
  fanOut: number,
): void {
  const v = initVariance(kind, fanIn, fanOut);
  if (kind.endsWith("uniform")) {
    // Uniform(−L, L) has variance L²/3.
    const lim = Math.sqrt(3 * v);
    for (let i = 0; i < count; i++) arr[off + i] = rng.uniform(-lim, lim);
  } else {
    const std = Math.sqrt(v);
    for (let i = 0; i < count; i++) arr[off + i] = rng.normal(0, std);
  }
}

/**
 * Writes a Haar-random n×n orthogonal matrix into arr at (off, ld): the Q of the QR factorisation of a
 * standard Gaussian matrix with R's diagonal made positive (Mezzadri 2007). Gram–Schmidt gives that
 * positive-diagonal factor directly; each column is orthogonalised twice ("twice is enough",
 * Giraud et al. 2005) so Q is orthogonal to float64 precision before rounding to float32.
 */
export function initOrthogonal(rng: Rng, arr: Float32Array, off: number, ld: number, n: number): void {
  const q = new Float64Array(n * n); // column-major: column j at q[j*n ..]
  for (let i = 0; i < q.length; i++) q[i] = rng.normal(0, 1);
  for (let j = 0; j < n; j++) {
    const cj = j * n;
    for (let pass = 0; pass < 2; pass++) {
      for (let p = 0; p < j; p++) {
        const cp = p * n;
        let d = 0;
        for (let i = 0; i < n; i++) d += q[cp + i] * q[cj + i];
        for (let i = 0; i < n; i++) q[cj + i] -= d * q[cp + i];
      }
    }
    let s = 0;
    for (let i = 0; i < n; i++) s += q[cj + i] * q[cj + i];
    const inv = 1 / Math.sqrt(s);
    for (let i = 0; i < n; i++) q[cj + i] *= inv;
  }
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) arr[off + i * ld + j] = q[j * n + i];
}
