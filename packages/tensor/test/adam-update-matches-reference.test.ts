/**
 * Issue 22: the Adam family's update kernel gives the bits of the optimizer's TypeScript loop (copied
 * here from @arena/backprop as it was before the kernel) on every backend: the TypeScript kernel, the
 * WebAssembly one on arrays in its memory (f64x2 lanes) and outside it, on one thread and split over
 * two (with and without the gradient's sum of squares, which the helper computes in index order), and
 * with a backup undoes a step that leaves a parameter non-finite, on every backend alike.
 * allFinite in WebAssembly answers as the TypeScript loop for any placement of NaN and ±Infinity.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type AdamCoefficients,
  createWasmKernels,
  type Kernels,
  tsKernels,
  type WasmKernels,
} from "../src/index.ts";
import { pseudoRandom } from "./reference.ts";

/** The loop of backprop's AdamFamily.update before the kernel existed, verbatim but for the names. */
function referenceUpdate(
  params: Float32Array,
  grads: Float32Array,
  m: Float64Array,
  v: Float64Array,
  vMax: Float64Array | null,
  c: AdamCoefficients,
): number {
  const { beta1: b1, beta2: b2, eps, stepSize, invSqrtBc2, l2, shrink } = c;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  let sum = 0;
  for (let i = 0; i < grads.length; i++) sum += grads[i] * grads[i];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    const g = l2 !== 0 ? grads[i] + l2 * p : grads[i];
    const mi = b1 * m[i] + c1 * g;
    let vi = b2 * v[i] + c2 * (g * g);
    m[i] = mi;
    v[i] = vi;
    if (vMax !== null) {
      if (vMax[i] > vi) vi = vMax[i];
      else vMax[i] = vi;
    }
    const step = (stepSize * mi) / (Math.sqrt(vi) * invSqrtBc2 + eps);
    params[i] = (shrink !== 1 ? p * shrink : p) - step;
  }
  return sum;
}

interface Case {
  n: number;
  seed: number;
  amsgrad: boolean;
  l2: number;
  shrink: number;
  t: number;
  specials: number[];
}

const caseArb: fc.Arbitrary<Case> = fc.record({
  n: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 1000, max: 5000 })),
  seed: fc.nat(10_000),
  amsgrad: fc.boolean(),
  l2: fc.constantFrom(0, 1e-2),
  shrink: fc.constantFrom(1, 1 - 1e-5),
  t: fc.integer({ min: 1, max: 2000 }),
  specials: fc.array(fc.nat(4999), { maxLength: 3 }),
});

/** The vectors of one case: parameters, gradients and state with a history (v ≥ 0, vMax ≥ some v). */
function vectors(c: Case) {
  const params = pseudoRandom(c.n, c.seed + 1);
  const grads = pseudoRandom(c.n, c.seed + 2).map((g) => g * 0.1);
  const m = Float64Array.from(pseudoRandom(c.n, c.seed + 3), (x) => x * 0.01);
  const v = Float64Array.from(pseudoRandom(c.n, c.seed + 4), (x) => x * x * 1e-3);
  const vMax = c.amsgrad ? Float64Array.from(v, (x, i) => (i % 3 === 0 ? x * 2 : x / 2)) : null;
  // A few gradients of ±0, NaN and ±Infinity (the update must still agree bit for bit).
  const odd = [0, -0, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY];
  c.specials.forEach((at, j) => {
    if (at < c.n) grads[at] = odd[(at + j) % odd.length];
  });
  return { params, grads, m, v, vMax };
}

function coefficients(c: Case): AdamCoefficients {
  const [b1, b2, lr] = [0.9, 0.999, 1e-3];
  return {
    beta1: b1,
    beta2: b2,
    eps: 1e-8,
    stepSize: lr / (1 - b1 ** c.t),
    invSqrtBc2: 1 / Math.sqrt(1 - b2 ** c.t),
    l2: c.l2,
    shrink: c.shrink,
  };
}

/** The update on `k`, its vectors in `k`'s memory when `resident` (and `k` has one); all results as bits. */
function updateOn(
  k: Kernels,
  resident: boolean,
  c: Case,
  sumSquares: boolean,
  withBackup = false,
  huge = false,
) {
  const src = vectors(c);
  const place32 = (a: Float32Array) => {
    const b = resident && k.alloc ? k.alloc(a.length) : new Float32Array(a.length);
    b.set(a);
    return b;
  };
  const place64 = (a: Float64Array) => {
    const b = resident && k.allocFloat64 ? k.allocFloat64(a.length) : new Float64Array(a.length);
    b.set(a);
    return b;
  };
  const [params, grads, m, v] = [place32(src.params), place32(src.grads), place64(src.m), place64(src.v)];
  const vMax = src.vMax === null ? null : place64(src.vMax);
  // A backup of stale bits: the kernel must overwrite all of it.
  const backup = withBackup ? place32(new Float32Array(c.n).fill(Number.NaN)) : null;
  const coefs = huge ? { ...coefficients(c), stepSize: 1e40 } : coefficients(c);
  const sum = k.adamUpdate?.(c.n, coefs, params, 0, grads, 0, m, v, vMax, 0, sumSquares, backup);
  const out = {
    sum: sumSquares || withBackup ? sum : 0,
    backup: backup === null ? null : Array.from(new Uint32Array(backup.slice().buffer)),
    params: Array.from(new Uint32Array(params.slice().buffer)),
    m: Array.from(m),
    v: Array.from(v),
    vMax: vMax === null ? null : Array.from(vMax),
  };
  for (const a of [params, grads, m, v, vMax, backup]) if (a !== null) k.free?.(a);
  return out;
}

function reference(c: Case, huge = false) {
  const { params, grads, m, v, vMax } = vectors(c);
  const coefs = huge ? { ...coefficients(c), stepSize: 1e40 } : coefficients(c);
  const sum = referenceUpdate(params, grads, m, v, vMax, coefs);
  return {
    params: Array.from(new Uint32Array(params.buffer)),
    m: Array.from(m),
    v: Array.from(v),
    vMax: vMax === null ? null : Array.from(vMax),
    sum,
  };
}

const one = createWasmKernels({ threads: 1, memoryMiB: 8 });
const two = createWasmKernels({ threads: 2, memoryMiB: 8, threadMinMacs: 0, threadBackoffJobs: 0 });
const backends: [string, Kernels, boolean][] = [
  ["ts", tsKernels, false],
  ["wasm, arrays outside the memory", one, false],
  ["wasm, one thread", one, true],
  ["wasm, two threads", two, true],
];

describe("adamUpdate", () => {
  beforeAll(async () => {
    await (two as WasmKernels).startThreads();
  });

  for (const [label, k, resident] of backends) {
    it(`${label}: the bits of the optimizer's loop (moments, AMSGrad maximum, parameters, Σg²)`, () => {
      fc.assert(
        fc.property(caseArb, fc.boolean(), (c, sumSquares) => {
          const want = reference(c);
          const got = updateOn(k, resident, c, sumSquares);
          expect(got.params).toEqual(want.params);
          expect(got.m).toEqual(want.m);
          expect(got.v).toEqual(want.v);
          expect(got.vMax).toEqual(want.vMax);
          expect(Object.is(got.sum, sumSquares ? want.sum : 0)).toBe(true);
        }),
        { numRuns: 60 },
      );
    });
  }

  for (const [label, k, resident] of backends) {
    it(`${label}: with a backup, a step that makes a parameter non-finite is undone and returns NaN`, () => {
      fc.assert(
        fc.property(caseArb, fc.boolean(), fc.boolean(), (c, sumSquares, huge) => {
          const want = reference(c, huge);
          const before = Array.from(new Uint32Array(vectors(c).params.buffer));
          const got = updateOn(k, resident, c, sumSquares, true, huge);
          expect(got.backup).toEqual(before);
          // The moments keep the step either way (the caller stops after a failed one).
          expect([got.m, got.v, got.vMax]).toEqual([want.m, want.v, want.vMax]);
          const failed = new Float32Array(new Uint32Array(want.params).buffer).some(
            (p) => !Number.isFinite(p),
          );
          if (failed) {
            expect(got.params).toEqual(before);
            expect(got.sum).toBeNaN();
          } else {
            expect(got.params).toEqual(want.params);
            expect(Object.is(got.sum, sumSquares ? want.sum : 0)).toBe(true);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  it("a huge step overflows some parameters in these cases (the backup test sees failures of both kinds)", () => {
    const c: Case = { n: 40, seed: 3, amsgrad: false, l2: 0, shrink: 1, t: 5, specials: [] };
    const overflowed = new Float32Array(new Uint32Array(reference(c, true).params).buffer);
    expect(overflowed.some((p) => !Number.isFinite(p))).toBe(true);
    expect(vectors(c).grads.every(Number.isFinite)).toBe(true);
  });

  it("rejects vectors shorter than n on every backend, naming the array", () => {
    for (const [, k] of backends) {
      const p = new Float32Array(4);
      const s = new Float64Array(3);
      const c = coefficients({ n: 4, seed: 0, amsgrad: false, l2: 0, shrink: 1, t: 1, specials: [] });
      expect(() => k.adamUpdate?.(4, c, p, 0, p, 0, s, new Float64Array(4), null, 0)).toThrow(/m needs 4/);
    }
  });
});

describe("allFinite in WebAssembly", () => {
  it("answers as the TypeScript loop for any placement of NaN and ±Infinity", () => {
    const values = [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 3.4e38, -0];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 }), fc.nat(99), fc.nat(4), fc.nat(3), (n, at, kind, off) => {
        const x = one.alloc(n + off);
        x.set(pseudoRandom(n + off, n + 7));
        if (at < n) x[off + at] = values[kind];
        expect(one.allFinite(n, x, off)).toBe(tsKernels.allFinite(n, x, off));
        one.free(x);
      }),
      { numRuns: 300 },
    );
  });
});
