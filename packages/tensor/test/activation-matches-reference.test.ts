/**
 * Activation kernels against a float64 reference of the same formulas: the rational tanh of Eigen/XLA
 * (x·P(x²)/Q(x²), clamped to ±7.9053), sigmoid = ½ + ½·tanh(x/2), relu = max(x, 0), and the gradients
 * from the output y (tanh 1 − y², sigmoid y(1 − y), relu [y > 0]).
 *
 * The TypeScript backend evaluates in float64 and rounds once, so it must equal Math.fround of the
 * reference bit for bit (that is what nn's loops computed before these kernels existed). The
 * WebAssembly backend evaluates in float32 lanes: its tanh, a Horner scheme of 7 + 4 terms and one
 * division, is allowed 16 float32 roundings relative to |tanh| (about 12 occur) and sigmoid, ½ + ½·t,
 * 16 roundings of ½ absolute, and caps |tanh| at the float32 value of the approximant at its clamp
 * (1 − 2^-22), where the TypeScript kernel saturates too; the gradients are a product of three or four rounded float32 factors
 * (1 − y and 1 + y, or dy·y and 1 − y), so γ₄ relative; each rounding may also underflow (TINY32
 * absolute). relu and linear are exact on every backend.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ActivationKind, tanhApprox } from "../src/index.ts";
import { backends, gamma, TINY32, U32 } from "./reference.ts";

const f = Math.fround;

// Eigen's generic_fast_tanh_float coefficients, typed in again so the reference is independent of src/.
const P = [
  4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8, -8.60467152213735e-11,
  2.00018790482477e-13, -2.76076847742355e-16,
];
const Q = [4.89352518554385e-3, 2.268434632439e-3, 1.18534705686654e-4, 1.19825839466702e-6];
const CLAMP = 7.905311107635498;

function refTanh(x: number): number {
  const c = Math.min(Math.max(x, -CLAMP), CLAMP);
  const x2 = c * c;
  let p = 0;
  for (let i = P.length - 1; i >= 0; i--) p = P[i] + x2 * p;
  let q = 0;
  for (let i = Q.length - 1; i >= 0; i--) q = Q[i] + x2 * q;
  return (c * p) / q;
}

const refForward: Record<ActivationKind, (x: number) => number> = {
  tanh: refTanh,
  sigmoid: (x) => 0.5 + 0.5 * refTanh(0.5 * x),
  relu: (x) => Math.max(x, 0),
  linear: (x) => x,
};
const refGrad: Record<ActivationKind, (y: number, dy: number) => number> = {
  tanh: (y, dy) => dy * (1 - y * y),
  sigmoid: (y, dy) => dy * y * (1 - y),
  relu: (y, dy) => (y > 0 ? dy : 0),
  linear: (_y, dy) => dy,
};

/** Allowed |got − ref| for a float32-lane backend; 0 means exact. */
function forwardTol(kind: ActivationKind, ref: number): number {
  // Near 0, c·(A1 + …) can underflow to a subnormal (absolute error TINY32) before the division by
  // Q(x²) ≈ 0.0049 amplifies it about 204×.
  if (kind === "tanh") return 16 * U32 * Math.abs(ref) + 256 * TINY32;
  if (kind === "sigmoid") return 16 * U32 * 0.5;
  return 0; // relu and linear: exact (±Infinity included)
}

/** Inputs: moderate values, the clamp region beyond ±7.9, tiny ones (subnormals included), specials. */
const xArb = fc.oneof(
  fc.float({ min: -4, max: 4, noNaN: true }),
  fc.float({ min: -20, max: 20, noNaN: true }),
  fc.float({ min: Math.fround(-1e-30), max: Math.fround(1e-30), noNaN: true }),
  fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, CLAMP, -CLAMP),
);
const layoutArb = fc.record({ n: fc.nat(77), xOff: fc.nat(6), oOff: fc.nat(6), gOff: fc.nat(6) }).chain((s) =>
  fc.record({
    s: fc.constant(s),
    x: fc.array(xArb, { minLength: s.xOff + s.n + 2, maxLength: s.xOff + s.n + 2 }),
    g: fc.array(fc.float({ min: -8, max: 8, noNaN: true }), {
      minLength: s.gOff + s.n + 2,
      maxLength: s.gOff + s.n + 2,
    }),
  }),
);

const KINDS: ActivationKind[] = ["tanh", "sigmoid", "relu", "linear"];

it("the reference tanh is within 2.7e-7 of Math.tanh, and src's tanhApprox is the same function", () => {
  fc.assert(
    fc.property(fc.double({ min: -30, max: 30, noNaN: true }), (x) => {
      expect(Math.abs(refTanh(x) - Math.tanh(x))).toBeLessThanOrEqual(2.7e-7);
      expect(tanhApprox(x)).toBe(refTanh(x));
    }),
  );
});

for (const k of backends) {
  const exact = k.name === "ts";
  describe(`activation kernels (${k.name} backend)`, () => {
    for (const kind of KINDS) {
      it(`activation("${kind}") matches the float64 reference${exact ? " bit for bit" : ""}, in place too, and writes only n entries`, () => {
        fc.assert(
          fc.property(layoutArb, ({ s, x: xs }) => {
            const x = Float32Array.from(xs);
            const out = new Float32Array(s.oOff + s.n + 2).fill(-9);
            k.activation(kind, s.n, x, s.xOff, out, s.oOff);
            const inPlace = x.slice();
            k.activation(kind, s.n, inPlace, s.xOff, inPlace, s.xOff);
            for (let i = 0; i < s.n; i++) {
              const xi = x[s.xOff + i];
              const ref = refForward[kind](xi);
              const got = out[s.oOff + i];
              expect(inPlace[s.xOff + i]).toBe(got);
              if (Number.isNaN(ref)) expect(got).toBeNaN();
              else if (exact || forwardTol(kind, ref) === 0) expect(got).toBe(f(ref));
              else expect(Math.abs(got - ref)).toBeLessThanOrEqual(forwardTol(kind, ref));
            }
            expect(out[s.oOff + s.n]).toBe(-9);
            if (s.oOff > 0) expect(out[s.oOff - 1]).toBe(-9);
            expect(inPlace[s.xOff + s.n]).toBe(x[s.xOff + s.n]);
          }),
        );
      });

      it(`activationGrad("${kind}") matches dy·f′(y) from the output, in place too, and writes only n entries`, () => {
        fc.assert(
          fc.property(layoutArb, ({ s, x: xs, g: gs }) => {
            // y as the forward pass produces it: the kernel's output on the same backend.
            const y = new Float32Array(s.xOff + s.n + 2);
            k.activation(kind, s.n, Float32Array.from(xs), s.xOff, y, s.xOff);
            const dy = Float32Array.from(gs);
            const dx = new Float32Array(s.oOff + s.n + 2).fill(-9);
            k.activationGrad(kind, s.n, y, s.xOff, dy, s.gOff, dx, s.oOff);
            const inPlace = dy.slice();
            k.activationGrad(kind, s.n, y, s.xOff, inPlace, s.gOff, inPlace, s.gOff);
            for (let i = 0; i < s.n; i++) {
              const yi = y[s.xOff + i];
              const gi = dy[s.gOff + i];
              const ref = refGrad[kind](yi, gi);
              const got = dx[s.oOff + i];
              expect(inPlace[s.gOff + i]).toBe(got);
              if (Number.isNaN(ref)) expect(got).toBeNaN();
              else if (exact || kind === "relu" || kind === "linear" || !Number.isFinite(ref))
                expect(got).toBe(f(ref));
              else
                expect(Math.abs(got - ref)).toBeLessThanOrEqual(gamma(4, U32) * Math.abs(ref) + 4 * TINY32);
            }
            expect(dx[s.oOff + s.n]).toBe(-9);
            if (s.oOff > 0) expect(dx[s.oOff - 1]).toBe(-9);
          }),
        );
      });
    }

    it("long arrays (past the staging chunk) match element by element", () => {
      const n = 40_003;
      const x = new Float32Array(n + 1);
      for (let i = 0; i <= n; i++) x[i] = Math.fround(Math.sin(i * 0.37) * 9);
      const y = new Float32Array(n);
      k.activation("tanh", n, x, 1, y, 0);
      const dx = new Float32Array(n);
      k.activationGrad("sigmoid", n, y, 0, x, 1, dx, 0);
      for (let i = 0; i < n; i++) {
        const ref = refTanh(x[i + 1]);
        expect(Math.abs(y[i] - ref)).toBeLessThanOrEqual(forwardTol("tanh", ref));
        const g = refGrad.sigmoid(y[i], x[i + 1]);
        expect(Math.abs(dx[i] - g)).toBeLessThanOrEqual(gamma(4, U32) * Math.abs(g) + 4 * TINY32);
      }
    });

    it("saturates tanh at 1 − 2^-22 (the approximant at its clamp), so 1 − y² stays nonzero", () => {
      const x = Float32Array.of(7.9, 8, 1e30, Infinity, -8, -Infinity, 100, -100, 9);
      const y = new Float32Array(x.length);
      k.activation("tanh", x.length, x, 0, y, 0);
      for (let i = 0; i < x.length; i++) expect(y[i]).toBe(Math.sign(x[i]) * (1 - 2 ** -22));
      const dx = new Float32Array(x.length);
      k.activationGrad(
        "tanh",
        x.length,
        y,
        0,
        Float32Array.from(x, () => 1),
        0,
        dx,
        0,
      );
      for (let i = 0; i < x.length; i++) expect(dx[i]).toBeGreaterThan(0);
    });

    it("rejects an unknown kind and out-of-range vectors, naming them", () => {
      const a = new Float32Array(4);
      expect(() => k.activation("gelu" as ActivationKind, 4, a, 0, a, 0)).toThrow(/kind .* got gelu/);
      expect(() => k.activation("tanh", 5, a, 0, a, 0)).toThrow(/activation: x needs 5 elements/);
      expect(() => k.activationGrad("relu", 3, a, 0, a, 2, a, 0)).toThrow(/activationGrad: dy needs 3/);
      expect(() => k.activation("tanh", -1, a, 0, a, 0)).toThrow(/n must be an integer >= 0, got -1/);
    });
  });
}
