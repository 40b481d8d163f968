import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ackley, ellipsoid, griewank, rastrigin, rosenbrock, rotated, sphere } from "../src/index.ts";

const factories = { sphere, rosenbrock, rastrigin, ackley, griewank, ellipsoid };
const dims = [2, 3, 10, 30];

/** Plain textbook definitions, written independently of the kernels, in float64. */
const reference: Record<string, (x: number[]) => number> = {
  sphere: (x) => x.reduce((s, v) => s + v * v, 0),
  rosenbrock: (x) => {
    let s = 0;
    for (let i = 0; i + 1 < x.length; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
    return s;
  },
  rastrigin: (x) => 10 * x.length + x.reduce((s, v) => s + v * v - 10 * Math.cos(2 * Math.PI * v), 0),
  ackley: (x) => {
    const n = x.length;
    const a = Math.sqrt(x.reduce((s, v) => s + v * v, 0) / n);
    const b = x.reduce((s, v) => s + Math.cos(2 * Math.PI * v), 0) / n;
    return -20 * Math.exp(-0.2 * a) - Math.exp(b) + 20 + Math.E;
  },
  ellipsoid: (x) => x.reduce((s, v, i) => s + 1e6 ** (i / (x.length - 1)) * v * v, 0),
  griewank: (x) => {
    let prod = 1;
    for (let i = 0; i < x.length; i++) prod *= Math.cos(x[i] / Math.sqrt(i + 1));
    return 1 + x.reduce((s, v) => s + v * v, 0) / 4000 - prod;
  },
};

describe("test functions", () => {
  it("are exactly 0 at their known optimum in every dimension", () => {
    for (const [name, make] of Object.entries(factories)) {
      for (const dim of dims) {
        const f = make(dim);
        expect(f.name).toBe(name);
        expect(f.dim).toBe(dim);
        expect(f.fOptimum).toBe(0);
        expect(f.evaluate(f.optimum)).toBe(0);
      }
    }
    expect(Array.from(rosenbrock(4).optimum)).toEqual([1, 1, 1, 1]);
    expect(Array.from(rastrigin(3).optimum)).toEqual([0, 0, 0]);
  });

  it("take known values at other points", () => {
    for (const dim of dims) {
      const zeros = new Float32Array(dim);
      const ones = new Float32Array(dim).fill(1);
      expect(rosenbrock(dim).evaluate(zeros)).toBe(dim - 1);
      expect(sphere(dim).evaluate(ones)).toBe(dim);
      expect(rastrigin(dim).evaluate(ones)).toBeCloseTo(dim, 12);
      // Ackley at (1, …, 1): 20 (1 − e^−0.2) + (e − e^cos 2π) = 20 (1 − e^−0.2).
      expect(ackley(dim).evaluate(ones)).toBeCloseTo(20 * (1 - Math.exp(-0.2)), 12);
    }
    // Rastrigin at 0.5: 0.25 + 10 (1 − cos π) = 20.25 per coordinate.
    expect(rastrigin(4).evaluate(new Float32Array(4).fill(0.5))).toBeCloseTo(81, 12);
    // Rosenbrock(−1, 1) = 4, the classic starting point's neighbour (100·0 + 2²).
    expect(rosenbrock(2).evaluate(new Float32Array([-1, 1]))).toBe(4);
    // Griewank at (π, 0): 1 + π²/4000 − cos(π)·cos(0) = 2 + π²/4000 (π as a float32).
    expect(griewank(2).evaluate(new Float32Array([Math.PI, 0]))).toBeCloseTo(
      2 + Math.fround(Math.PI) ** 2 / 4000,
      6,
    );
  });

  it("agree with textbook reference formulas at random points", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(factories)),
        fc.array(fc.float({ min: -30, max: 30, noNaN: true }), { minLength: 2, maxLength: 20 }),
        (name, xs) => {
          const x = Float32Array.from(xs);
          const f = factories[name as keyof typeof factories](x.length);
          const want = reference[name](Array.from(x));
          expect(Math.abs(f.evaluate(x) - want)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(want)));
        },
      ),
    );
  });

  it("evaluateBatch equals evaluate row by row, bit for bit", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(factories)),
        fc.integer({ min: 2, max: 8 }),
        fc.integer({ min: 0, max: 6 }),
        fc.integer(),
        (name, dim, n, seed) => {
          const f = factories[name as keyof typeof factories](dim);
          const xs = new Float32Array(n * dim);
          let s = seed >>> 0;
          for (let i = 0; i < xs.length; i++) {
            s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
            xs[i] = f.lower + (f.upper - f.lower) * (s / 2 ** 32);
          }
          const out = new Float64Array(n + 1).fill(-1);
          f.evaluateBatch(xs, n, out);
          for (let i = 0; i < n; i++) expect(out[i]).toBe(f.evaluate(xs.subarray(i * dim, (i + 1) * dim)));
          expect(out[n]).toBe(-1);
        },
      ),
    );
  });

  it("are never negative inside their domain", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...Object.keys(factories)),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 }),
        (name, us) => {
          const probe = factories[name as keyof typeof factories](us.length);
          const x = Float32Array.from(us, (u) => probe.lower + (probe.upper - probe.lower) * u);
          expect(probe.evaluate(x)).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });

  it("report the usual search domains", () => {
    expect([sphere(2).lower, sphere(2).upper]).toEqual([-5.12, 5.12]);
    expect([rastrigin(2).lower, rastrigin(2).upper]).toEqual([-5.12, 5.12]);
    expect([rosenbrock(2).lower, rosenbrock(2).upper]).toEqual([-5, 10]);
    expect([ackley(2).lower, ackley(2).upper]).toEqual([-32.768, 32.768]);
    expect([griewank(2).lower, griewank(2).upper]).toEqual([-600, 600]);
  });

  it("reject bad dimensions and wrong-length inputs, naming the value", () => {
    expect(() => sphere(0)).toThrow(/sphere: dim must be an integer >= 1, got 0/);
    expect(() => rosenbrock(1)).toThrow(/rosenbrock: dim must be an integer >= 2, got 1/);
    expect(() => rastrigin(2.5)).toThrow(/got 2.5/);
    expect(() => sphere(3).evaluate(new Float32Array(2))).toThrow(/x has 2 values, expected dim = 3/);
    expect(() => sphere(3).evaluateBatch(new Float32Array(5), 2, new Float64Array(2))).toThrow(
      /xs has 5 values/,
    );
    expect(() => sphere(3).evaluateBatch(new Float32Array(6), 2, new Float64Array(1))).toThrow(
      /out has 1 entries/,
    );
  });
});

describe("rotated test functions", () => {
  it("keep the optimum and its value, and preserve distances (Q is orthogonal)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer(),
        fc.array(fc.float({ min: -5, max: 5, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (dim, seed, xs) => {
          const g = rotated(sphere(dim), new Rng(seed));
          expect(g.name).toBe("rotated-sphere");
          expect(g.evaluate(g.optimum)).toBe(0);
          // A rotation about 0 leaves ‖x‖² unchanged, up to the float32 rounding of the turned point.
          const x = Float32Array.from(xs.slice(0, dim));
          const want = sphere(dim).evaluate(x);
          expect(Math.abs(g.evaluate(x) - want)).toBeLessThanOrEqual(1e-6 * Math.max(1e-6, want));
        },
      ),
    );
    const r = rotated(rosenbrock(5), new Rng(3));
    expect(Array.from(r.optimum)).toEqual([1, 1, 1, 1, 1]);
    expect(r.evaluate(r.optimum)).toBe(0);
  });

  it("make a separable function non-separable, the same way for the same seed", () => {
    const x = Float32Array.from([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const plain = ellipsoid(10).evaluate(x);
    const a = rotated(ellipsoid(10), new Rng(1));
    const b = rotated(ellipsoid(10), new Rng(1));
    const c = rotated(ellipsoid(10), new Rng(2));
    expect(plain).toBe(1);
    // e1 turned spreads over every axis, so the large weights see it.
    expect(a.evaluate(x)).toBeGreaterThan(1000);
    expect(b.evaluate(x)).toBe(a.evaluate(x));
    expect(c.evaluate(x)).not.toBe(a.evaluate(x));
    const out = new Float64Array(2);
    const two = Float32Array.from([...x, ...x.map((v) => -v)]);
    a.evaluateBatch(two, 2, out);
    expect(Array.from(out)).toEqual([a.evaluate(x), a.evaluate(two.subarray(10))]);
  });
});
