import { type RngLike, toRng } from "@arena/rng";
import type { Kernels } from "@arena/tensor";
import { type Activation, activationBackwardKernel, activationFlops } from "../activations.ts";
import type { DenseFlops, DenseStack, DenseWorkspace } from "../dense.ts";
import { type Initializer, initWeights } from "../init.ts";
import type { LayerInfo } from "../layout.ts";

/**
 * Gradient estimators for MLPs that do without backprop's weight transport: the error is sent down
 * through fixed random matrices B instead of the transposed forward weights Wᵀ.
 *
 * - `"fa"`, feedback alignment (Lillicrap, Cownden, Tweed & Akerman 2016, Nat. Commun. 7:13276): the
 *   chain of backprop with B_l in place of W_l when the error crosses layer l:
 *   δa_{l−1} = δz_l · B_lᵀ, δz_{l−1} = δa_{l−1} ⊙ f′(z_{l−1}). B_l has W_l's shape (in_l × out_l), so the
 *   pass is `DenseStack.backward` run with a vector in the parameter layout whose W blocks hold the B_l:
 *   the very code and FLOPs of backprop.
 * - `"dfa"`, direct feedback alignment (Nøkland 2016, NeurIPS): each hidden layer l receives the output
 *   error e = ∂L/∂z_out (rows × O) straight from the top: δz_l = (e · B_lᵀ) ⊙ f′(z_l), B_l out_l × O
 *   (Nøkland's B_l, which maps the O errors onto the out_l units). No chain through the layers above, so
 *   each hidden layer costs a gemm with O columns instead of one with out_{l+1}: cheaper when the
 *   output is narrow and there are two or more hidden layers.
 *
 * In both, every weight gradient is then inputᵀ · δz as in backprop (`DenseStack.layerGradient`), and
 * the output layer's gradient is exact. With one hidden layer FA and DFA are the same algorithm (B_1 of
 * FA and B_0 of DFA are both hidden × O, drawn alike), and so give the same updates.
 *
 * **Scale of B.** Each B is drawn from the model's own initialiser (`spec.init`) with the fans of a
 * forward weight of its shape: FA's B_l exactly as W_l; DFA's B_l as a weight from layer l's units
 * straight into the O outputs (fanIn out_l, fanOut O). So a backward signal through B has the magnitude
 * it would have through a freshly initialised W, and for the last hidden layer DFA's B has the very
 * distribution of the W it replaces. Lillicrap et al. and Nøkland draw uniform or Gaussian B of a scale
 * comparable to the forward weights; the papers tune it, here it follows the init so no extra knob is
 * needed (adaptive optimizers such as Adam are insensitive to it anyway).
 */
export const FEEDBACK_KINDS = ["fa", "dfa"] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Where one layer's feedback matrix lives in `MlpFeedback.weights` (row-major rows × cols). */
export interface FeedbackBlock {
  /** −1 when the layer takes no feedback matrix (FA's first layer, DFA's output layer). */
  readonly offset: number;
  readonly rows: number;
  readonly cols: number;
}

/** The fixed random feedback matrices of one MLP, made by `Mlp.createFeedback`. */
export interface MlpFeedback {
  readonly kind: FeedbackKind;
  /**
   * The B matrices. FA: a vector in the model's parameter layout, B_l in W_l's place for l ≥ 1 (the
   * rest unused). DFA: the B_l (out_l × O) of the hidden layers one after the other. The entries may be
   * overwritten (e.g. with W to recover backprop); they are read at every backward pass.
   */
  readonly weights: Float32Array;
  /** One block per dense layer. */
  readonly blocks: readonly FeedbackBlock[];
}

const NO_BLOCK: FeedbackBlock = { offset: -1, rows: 0, cols: 0 };

/** Throws unless `kind` is one of {@link FEEDBACK_KINDS}. */
export function checkFeedbackKind(fn: string, kind: unknown): asserts kind is FeedbackKind {
  if (!(FEEDBACK_KINDS as readonly unknown[]).includes(kind))
    throw new RangeError(`${fn}: feedback must be "fa" or "dfa", got ${JSON.stringify(kind)}`);
}

/** The blocks of a feedback of `kind` for `stack`, and the length of its weight vector. */
export function feedbackLayout(
  stack: DenseStack,
  kind: FeedbackKind,
): { blocks: FeedbackBlock[]; size: number } {
  const layers = stack.layers;
  const last = layers.length - 1;
  if (kind === "fa") {
    // The parameter layout (W0 b0 W1 b1 …), so that DenseStack.backward reads B_l where it reads W_l.
    const size = layers[last].bOff + layers[last].outSize;
    const blocks = layers.map((d, l) =>
      l === 0 ? NO_BLOCK : { offset: d.wOff, rows: d.inSize, cols: d.outSize },
    );
    return { blocks, size };
  }
  const O = stack.outSize;
  let size = 0;
  const blocks = layers.map((d, l) => {
    if (l === last) return NO_BLOCK;
    const b = { offset: size, rows: d.outSize, cols: O };
    size += d.outSize * O;
    return b;
  });
  return { blocks, size };
}

/**
 * Draws every B of `fb` from `rng`, layer by layer from the first, with initialiser `init` and the
 * fans of a forward weight of the block's shape (see the scale note above).
 */
export function drawFeedback(fb: MlpFeedback, init: Initializer, rng: RngLike): void {
  const r = toRng(rng, "drawFeedback");
  for (const b of fb.blocks)
    if (b.offset >= 0) initWeights(init, r, fb.weights, b.offset, b.rows * b.cols, b.rows, b.cols);
}

/**
 * The estimator's gradient of the pending training pass: `ws.dOut` holds the output error; the
 * weight and bias gradients are accumulated into `g` (parameter layout).
 */
export function feedbackBackward(
  stack: DenseStack,
  fb: MlpFeedback,
  g: Float32Array,
  ws: DenseWorkspace,
  rows: number,
): void {
  if (fb.kind === "fa") stack.backward(fb.weights, 0, g, ws, rows, null, 0);
  else dfaBackward(stack, fb, g, ws, rows);
}

/** DFA: the output layer from e as in backprop; each hidden layer from e · B_lᵀ, no chain. */
function dfaBackward(
  stack: DenseStack,
  fb: MlpFeedback,
  g: Float32Array,
  ws: DenseWorkspace,
  rows: number,
): void {
  const k = stack.k;
  const last = stack.layers.length - 1;
  const O = stack.outSize;
  const e = ws.dOut;
  stack.layerGradient(last, ws, rows, e, g);
  const dz = ws.d1;
  for (let l = 0; l < last; l++) {
    const d = stack.layers[l];
    const n = rows * d.outSize;
    // δa_l = e · B_lᵀ: the same gemm backprop does with W_{l+1} when layer l+1 is the output layer.
    k.gemm(
      false,
      true,
      rows,
      d.outSize,
      O,
      1,
      e,
      0,
      O,
      fb.weights,
      fb.blocks[l].offset,
      O,
      0,
      dz,
      0,
      d.outSize,
    );
    // A unit dropped on its way up had no effect, so it gets no error (as backprop's mask does).
    if (ws.trained && stack.dropsInput(l + 1)) k.mul(n, dz, 0, ws.mask[l + 1]!, 0, dz, 0);
    activationBackwardKernel(k, d.activation as Activation, n, ws.z[l], 0, ws.a[l], 0, dz, 0, dz, 0);
    stack.layerGradient(l, ws, rows, dz, g);
  }
}

/**
 * FLOPs per dense layer of a pass with feedback over `rows` rows. FA: exactly backprop's
 * (`DenseStack.flops`: the same gemms, with B for W). DFA, backward of hidden layer l:
 * 2·rows·out_l·O (e · B_lᵀ) + 2·rows·in_l·out_l (dW) matmul, rows·out_l bias, its own activation
 * derivative (2 per entry) and dropout mask; the output layer only its dW and db. Forward as backprop.
 */
export function feedbackFlops(
  stack: DenseStack,
  kind: FeedbackKind,
  rows: number,
  train: boolean,
): DenseFlops[] {
  const flops = stack.flops(rows, false, train);
  if (kind === "fa") return flops;
  const last = stack.layers.length - 1;
  const O = stack.outSize;
  return flops.map((f, l) => {
    const d = stack.layers[l];
    const dW = 2 * rows * d.inSize * d.outSize;
    const bias = rows * d.outSize;
    if (l === last) return { ...f, backward: { matmul: dW, bias, elementwise: 0 } };
    const act = activationFlops(d.activation as Activation).backward * rows * d.outSize;
    const drop = train && stack.dropsInput(l + 1) ? rows * d.outSize : 0;
    return { ...f, backward: { matmul: dW + 2 * rows * d.outSize * O, bias, elementwise: act + drop } };
  });
}

/**
 * Per layer, the angle in degrees between two gradient vectors in the parameter layout (each layer's
 * whole block, W and b): 0 when parallel, 90 when orthogonal, NaN when either block is zero.
 */
export function gradientAngles(
  k: Kernels,
  layers: readonly LayerInfo[],
  a: Float32Array,
  b: Float32Array,
): number[] {
  return layers.map((l) => {
    const na = k.norm2(l.size, a, l.offset);
    const nb = k.norm2(l.size, b, l.offset);
    if (na === 0 || nb === 0) return Number.NaN;
    const cos = k.dot(l.size, a, l.offset, b, l.offset) / (na * nb);
    // Rounding can push |cos| a hair past 1 for parallel vectors.
    return (Math.acos(Math.min(1, Math.max(-1, cos))) * 180) / Math.PI;
  });
}
