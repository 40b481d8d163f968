/**
 * tanh and the logistic sigmoid for float32 models, without a libm call: the rational minimax tanh of
 * Eigen, XLA and ONNX Runtime (MLAS), x·P(x²)/Q(x²) clamped to ±7.9053, within 2.6e-7 of Math.tanh
 * and 3–4× cheaper in V8; `sigmoidApprox(x) = ½ + ½·tanh(x/2)`. They live in @arena/tensor, whose
 * activation kernels use the same formulas, so nn's scalar activations (`activate`, GELU) and the
 * kernels agree bit for bit on the TypeScript backend. The LSTM and GRU gates do not use them: their
 * fused step kernels compute tanh and σ in float64.
 *
 * Derivatives stay the textbook ones in terms of the output (1 − y², y(1 − y)); against the
 * approximant's own derivative they are off by about 1e-6 relative, far below the gradient checks'
 * tolerance.
 */
export { sigmoidApprox, tanhApprox } from "@arena/tensor";
