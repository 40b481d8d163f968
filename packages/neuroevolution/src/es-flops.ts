import type { StrategyParameters } from "@arena/cmaes";
import type { ShadeVariant } from "@arena/differential-evolution";

/**
 * The own arithmetic per generation of the optimizers behind the CMA-ES, SNES, OpenAI-ES and SHADE
 * learners, counted from their packages' code by the convention of `optimizer-flops.ts`: one FLOP per
 * add, subtract, multiply, divide, square root, exp or tan on a value; random draws (and the arithmetic
 * inside a draw, e.g. `rng.normal(mean, std)`), comparisons, copies and clamping are not counted, nor
 * is O(1) scalar work per generation (learning rates, loop-invariant factors such as 1 − c_σ, which the
 * code leaves in its loops but are constants there). Every formula is the cost of one `tell`: the update
 * from the scored generation plus drawing the next one, the move `PopulationLearner` charges with it.
 * n is the parameter count (`dim`), λ the population size.
 */

/**
 * sep-CMA-ES (`@arena/cmaes`, `covariance: "diagonal"`), μ = ⌊λ/2⌋:
 * - sampling, per sample and coordinate: z = D·N(0,1) (1), x = m + σ·y (2): 3λn;
 * - y_k = (x_k − m)/σ of every sample: 2λn;
 * - ⟨y⟩_w = Σ_{i≤μ} w_i y_i: 2μn; m += σ⟨y⟩_w: 2n;
 * - whitening y/D: n; p_σ ← (1 − c_σ)p_σ + a·z (3) and ‖p_σ‖² (2): 5n; p_c: 3n;
 * - C_jj ← decay·C_jj + c1·p_c,j² + c_μ·Σ_{i≤μ} w_i y_ij²: 3μn + 6n;
 * - D = √C: n.
 * Total 5λn + 5μn + 18n.
 */
export function sepCmaFlopsPerGeneration(p: Pick<StrategyParameters, "n" | "lambda" | "mu">): number {
  const { n, lambda, mu } = p;
  return 5 * lambda * n + 5 * mu * n + 18 * n;
}

/**
 * Jacobi sweeps `symmetricEigen` takes per decomposition, measured on the covariances of full CMA-ES
 * runs (n = 50–400: 9–11 sweeps; the last finds nothing to rotate). The count is data dependent, so
 * the formula charges this typical number.
 */
export const JACOBI_SWEEPS = 10;

/**
 * One eigendecomposition of an n × n matrix by `symmetricEigen`'s cyclic Jacobi: per sweep, the
 * off-diagonal norm (2n(n−1)) and n(n−1)/2 rotations, each 16 scalar FLOPs (θ, t, c, s and the skip
 * test) plus three passes over n entries of 6 (c·a − s·b and s·a + c·b): 18n + 16. Every pair is
 * charged as rotated (an upper bound: converged pairs are skipped at 3 FLOPs). Then √ of the n
 * eigenvalues. Total {@link JACOBI_SWEEPS}·(2n(n−1) + n(n−1)/2·(18n + 16)) + n.
 */
export function jacobiEigenFlops(n: number): number {
  const pairs = (n * (n - 1)) / 2;
  return JACOBI_SWEEPS * (2 * n * (n - 1) + pairs * (18 * n + 16)) + n;
}

/**
 * Full CMA-ES (`covariance: "full"`), μ = ⌊λ/2⌋, with active weights when `p.active`:
 * - sampling, per sample: z = D·N(0,1) (n), y = B·z (2n²), x = m + σ·y (2n): λ(2n² + 3n);
 * - y_k = (x_k − m)/σ: 2λn; ⟨y⟩_w: 2μn; m += σ⟨y⟩_w: 2n;
 * - whitening C^−1/2⟨y⟩_w = B·D⁻¹·Bᵀ·y: 4n² + n; p_σ: 5n; p_c: 3n;
 * - active: each of the λ − μ negative weights is rescaled by n/‖C^−1/2 y‖²: (λ − μ)(4n² + 3n + 2);
 * - C ← decay·C + c1·p_c p_cᵀ + c_μ Σ w_i y_i y_iᵀ over the n(n+1)/2 entries of one triangle, each
 *   3 per weighted sample (λ active, else μ) plus 6: n(n+1)/2·(3·count + 6);
 * - the eigendecomposition ({@link jacobiEigenFlops}) every `eigenInterval` generations, charged
 *   amortised: its cost / eigenInterval per generation.
 * Rounded to an integer (the amortised share is a fraction).
 */
export function fullCmaFlopsPerGeneration(
  p: Pick<StrategyParameters, "n" | "lambda" | "mu" | "active" | "eigenInterval">,
): number {
  const { n, lambda, mu } = p;
  const sampling = lambda * (2 * n * n + 3 * n);
  const mean = 2 * lambda * n + 2 * mu * n + 2 * n;
  const paths = 4 * n * n + n + 5 * n + 3 * n;
  const active = p.active ? (lambda - mu) * (4 * n * n + 3 * n + 2) : 0;
  const count = p.active ? lambda : mu;
  const covariance = ((n * (n + 1)) / 2) * (3 * count + 6);
  return Math.round(sampling + mean + paths + active + covariance + jacobiEigenFlops(n) / p.eigenInterval);
}

/**
 * SNES (`@arena/evolution-strategies`): sampling x = μ + σ⊙s: 2λn; the two natural gradients, per
 * sample and coordinate, Σ u_k s (2) and Σ u_k (s² − 1) (4): 6λn; μ += η_μ σ ∇_μ (3) and
 * σ *= exp(η_σ/2 ∇_σ) (3): 6n. Total 8λn + 6n.
 */
export function snesFlopsPerGeneration(population: number, dim: number): number {
  return 8 * population * dim + 6 * dim;
}

/**
 * Adam as `@arena/evolution-strategies` writes it, per coordinate: m ← β1 m + (1 − β1) g (3, 1 − β1 a
 * constant), v ← β2 v + (1 − β2) g² (4), θ −= a·m / (√v + ε) (5): 12. (Backprop's Adam counts 13: it
 * divides by the bias corrections per element; this one folds them into the scalar a.)
 */
export const ES_ADAM_FLOPS_PER_COORDINATE = 12;

/**
 * OpenAI-ES: sampling x = μ + σ·ε: 2λn, and the mirrored rows' −ε: λn/2; centred ranks r/(λ − 1) −
 * 0.5: 2λ; the gradient Σ F_i ε_i: 2λn; g = g·1/(λσ) + weightDecay·μ: 3n (computed whatever the decay,
 * also 0, as the code does); Adam: {@link ES_ADAM_FLOPS_PER_COORDINATE}·n. Total 4.5λn + 2λ + 15n
 * (λ is even).
 */
export function openAiEsFlopsPerGeneration(population: number, dim: number): number {
  const lambda = population;
  return (9 * lambda * dim) / 2 + 2 * lambda + (3 + ES_ADAM_FLOPS_PER_COORDINATE) * dim;
}

/**
 * SHADE and L-SHADE (`@arena/differential-evolution`), per individual of the population N:
 * - the mutant x + F(x_pbest − x) + F(x_r1 − x_r2), per coordinate: 6n (binomial crossover compares
 *   draws only; the midpoint repair of a coordinate past a bound is rare and not counted);
 * - drawing F = M_F + 0.1·tan(π(u − 0.5)): 5 (one try; a redraw for F ≤ 0 is rare); pbest's
 *   round(p·N): 1, and SHADE's p_i range min(2/N, 0.2): 1 more;
 * - parameter adaptation, charged as if every trial succeeded (an upper bound; few FLOPs): Δf (1), the
 *   weight Δf/ΣΔf (2), the Lehmer mean of F (5), the mean of CR (SHADE 2; L-SHADE's Lehmer mean 5).
 * Total N·(6n + 17) for SHADE, N·(6n + 19) for L-SHADE.
 */
export function shadeFlopsPerGeneration(population: number, dim: number, variant: ShadeVariant): number {
  const perIndividual = variant === "shade" ? 5 + 2 + 1 + 2 + 5 + 2 : 5 + 1 + 1 + 2 + 5 + 5;
  return population * (6 * dim + perIndividual);
}
