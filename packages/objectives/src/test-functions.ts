import { type RngLike, toRng } from "@arena/rng";
import type { Objective } from "./objective.ts";
import type { Vector } from "./precision.ts";
import { randomRotation } from "./random-rotation.ts";

/**
 * A standard benchmark function with a known optimum, usable as an {@link Objective} in any dimension
 * and either precision: values are computed in float64 from the inputs, Float64Array or Float32Array.
 */
export interface TestFunction extends Objective<Vector> {
  /** Short name, e.g. `"rastrigin"`. */
  readonly name: string;
  /** The global minimiser x* (length `dim`). */
  readonly optimum: Float64Array;
  /** f(x*), 0 for every function here. */
  readonly fOptimum: number;
  /** The usual search domain, the same in every dimension: x_i in [lower, upper]. */
  readonly lower: number;
  readonly upper: number;
  evaluate(x: Vector): number;
  evaluateBatch(xs: Vector, n: number, out: Float64Array): void;
}

/** f over the `dim` values of `xs` starting at `off`. */
type Kernel = (xs: Vector, off: number, dim: number) => number;

function makeTestFunction(
  name: string,
  dim: number,
  minDim: number,
  optimumValue: number,
  lower: number,
  upper: number,
  kernel: Kernel,
): TestFunction {
  if (!Number.isInteger(dim) || dim < minDim) {
    throw new RangeError(`${name}: dim must be an integer >= ${minDim}, got ${dim}`);
  }
  return {
    name,
    dim,
    optimum: new Float64Array(dim).fill(optimumValue),
    fOptimum: 0,
    lower,
    upper,
    evaluate(x: Vector): number {
      if (x.length !== dim) throw new RangeError(`${name}: x has ${x.length} values, expected dim = ${dim}`);
      return kernel(x, 0, dim);
    },
    evaluateBatch(xs: Vector, n: number, out: Float64Array): void {
      if (!Number.isInteger(n) || n < 0)
        throw new RangeError(`${name}.evaluateBatch: n must be an integer >= 0, got ${n}`);
      if (xs.length < n * dim) {
        throw new RangeError(
          `${name}.evaluateBatch: xs has ${xs.length} values, expected ${n} rows x ${dim}`,
        );
      }
      if (out.length < n)
        throw new RangeError(`${name}.evaluateBatch: out has ${out.length} entries, expected >= ${n}`);
      for (let i = 0; i < n; i++) out[i] = kernel(xs, i * dim, dim);
    },
  };
}

const TWO_PI = 2 * Math.PI;

/**
 * Sphere, f(x) = Σ x_i², minimum 0 at x = 0; domain [-5.12, 5.12] (De Jong 1975, F1). Unimodal and
 * separable: the sanity check every optimizer must pass.
 *
 * @example
 * ```ts
 * import { sphere } from "@arena/objectives";
 * const f = sphere(3);
 * console.log(f.evaluate(new Float64Array([1, 2, 3]))); // 14
 * ```
 */
export function sphere(dim: number): TestFunction {
  return makeTestFunction("sphere", dim, 1, 0, -5.12, 5.12, (xs, off, n) => {
    let s = 0;
    for (let i = off; i < off + n; i++) s += xs[i] * xs[i];
    return s;
  });
}

/**
 * Rosenbrock, f(x) = Σ_{i<d} 100 (x_{i+1} − x_i²)² + (1 − x_i)², minimum 0 at x = (1, …, 1); domain
 * [-5, 10] (Rosenbrock 1960; domain as in Surjanovic & Bingham's Virtual Library of Simulation
 * Experiments). A curved narrow valley; f(0, …, 0) = dim − 1. Needs dim >= 2.
 */
export function rosenbrock(dim: number): TestFunction {
  return makeTestFunction("rosenbrock", dim, 2, 1, -5, 10, (xs, off, n) => {
    let s = 0;
    for (let i = off; i < off + n - 1; i++) {
      const a = xs[i + 1] - xs[i] * xs[i];
      const b = 1 - xs[i];
      s += 100 * a * a + b * b;
    }
    return s;
  });
}

/**
 * Rastrigin, f(x) = 10 d + Σ (x_i² − 10 cos 2π x_i), minimum 0 at x = 0; domain [-5.12, 5.12]
 * (Rastrigin 1974; Mühlenbein et al. 1991). A regular grid of about 11^d local minima on a sphere.
 * Summed as Σ (x_i² + 10 (1 − cos 2π x_i)) so that f(0) is exactly 0.
 */
export function rastrigin(dim: number): TestFunction {
  return makeTestFunction("rastrigin", dim, 1, 0, -5.12, 5.12, (xs, off, n) => {
    let s = 0;
    for (let i = off; i < off + n; i++) s += xs[i] * xs[i] + 10 * (1 - Math.cos(TWO_PI * xs[i]));
    return s;
  });
}

/**
 * Ackley, f(x) = −20 exp(−0.2 √(Σ x_i² / d)) − exp(Σ cos(2π x_i) / d) + 20 + e, minimum 0 at x = 0;
 * domain [-32.768, 32.768] (Ackley 1987; a = 20, b = 0.2, c = 2π as in Bäck 1996). Nearly flat far out,
 * a deep hole at the centre. Evaluated as 20 (1 − exp(…)) + (e − exp(…)), both terms >= 0, so f(0) is
 * exactly 0 and f is never negative.
 */
export function ackley(dim: number): TestFunction {
  return makeTestFunction("ackley", dim, 1, 0, -32.768, 32.768, (xs, off, n) => {
    let sq = 0;
    let cs = 0;
    for (let i = off; i < off + n; i++) {
      sq += xs[i] * xs[i];
      cs += Math.cos(TWO_PI * xs[i]);
    }
    return 20 * (1 - Math.exp(-0.2 * Math.sqrt(sq / n))) + (Math.E - Math.exp(cs / n));
  });
}

/**
 * Griewank, f(x) = 1 + Σ x_i² / 4000 − Π cos(x_i / √i) (i from 1), minimum 0 at x = 0; domain
 * [-600, 600] (Griewank 1981). Many regularly spaced local minima whose depth fades with dimension.
 */
export function griewank(dim: number): TestFunction {
  return makeTestFunction("griewank", dim, 1, 0, -600, 600, (xs, off, n) => {
    let sq = 0;
    let prod = 1;
    for (let i = 0; i < n; i++) {
      const x = xs[off + i];
      sq += x * x;
      prod *= Math.cos(x / Math.sqrt(i + 1));
    }
    return sq / 4000 + (1 - prod);
  });
}

/**
 * Ellipsoid (the high-conditioned elliptic function of CEC 2005, BBOB f2 without its oscillation),
 * f(x) = Σ_i 10^(6·i/(dim − 1)) x_i², minimum 0 at x = 0; domain [-100, 100]. Unimodal, separable and
 * conditioned 10^6: an optimizer that searches along the axes exploits the separability, which
 * {@link rotated} takes away.
 *
 * @example
 * ```ts
 * import { ellipsoid } from "@arena/objectives";
 * console.log(ellipsoid(2).evaluate(new Float64Array([1, 1]))); // 1 + 1e6
 * ```
 */
export function ellipsoid(dim: number): TestFunction {
  const weights = new Float64Array(Math.max(0, Math.floor(dim)));
  for (let i = 0; i < weights.length; i++) weights[i] = dim > 1 ? 10 ** ((6 * i) / (dim - 1)) : 1;
  return makeTestFunction("ellipsoid", dim, 1, 0, -100, 100, (xs, off, n) => {
    let s = 0;
    for (let i = 0; i < n; i++) s += weights[i] * xs[off + i] * xs[off + i];
    return s;
  });
}

/**
 * `f` turned by a random rotation about its optimum: g(x) = f(x* + Q·(x − x*)), with Q orthogonal and
 * drawn from `rng` (an Rng or a seed) by {@link randomRotation} (Gram–Schmidt on Gaussian columns, which
 * makes Q uniformly distributed over the orthogonal group). Same minimum, same value there, same domain; a separable function becomes
 * non-separable (Salomon 1996), so an optimizer that does as well on g as on f is rotation-invariant.
 * Each evaluation costs a dim × dim matrix-vector product on top of f. The turned point is handed to f
 * in the input's precision (rounded to float32 for a Float32Array input).
 *
 * @example
 * ```ts
 * import { ellipsoid, rotated } from "@arena/objectives";
 * const g = rotated(ellipsoid(10), 1);
 * console.log(g.name, g.evaluate(new Float64Array(10))); // rotated-ellipsoid 0
 * ```
 */
export function rotated(f: TestFunction, rngLike: RngLike): TestFunction {
  const dim = f.dim;
  const q = randomRotation(dim, toRng(rngLike, "rotated")); // column-major: column j at q[j·dim …]
  const opt = f.optimum;
  const y32 = new Float32Array(dim);
  const y64 = new Float64Array(dim);
  /** y = x* + Q·(x − x*) for the row of `xs` at `off`, stored in the precision of `xs`. */
  const turn = (xs: Vector, off: number): Vector => {
    const y = xs instanceof Float32Array ? y32 : y64;
    for (let i = 0; i < dim; i++) {
      let s = 0;
      for (let j = 0; j < dim; j++) s += q[j * dim + i] * (xs[off + j] - opt[j]);
      y[i] = opt[i] + s;
    }
    return y;
  };
  const g = makeTestFunction(`rotated-${f.name}`, dim, 1, 0, f.lower, f.upper, (xs, off) =>
    f.evaluate(turn(xs, off)),
  );
  // The rotation is about x*, so the minimiser is f's own.
  return { ...g, optimum: opt.slice() };
}
