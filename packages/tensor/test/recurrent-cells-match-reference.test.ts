/**
 * The fused recurrent-cell kernels (lstmForward, lstmBackward, gruForward, gruBackward) against a
 * plain scalar transcription of the cell equations written here, in float64 with the rational tanh
 * typed in again, rounded to float32 where a value is stored. The TypeScript kernels must equal it bit
 * for bit: that is what nn's LSTM and GRU loops computed before the kernels existed, so trained models
 * do not change. Every other backend (WebAssembly on ordinary arrays, and on arrays in its memory,
 * where the f64x2 kernels run) must equal the TypeScript kernels bit for bit too, NaN positions and
 * signed zeros included. Inputs cover odd hidden sizes (the scalar tail after the f64x2 pairs),
 * offsets, the tanh clamp region, ±0, ±Infinity and NaN; arrays are padded with NaN (a stray read
 * shows) and outputs with a sentinel (a stray write shows).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Kernels, tsKernels } from "../src/index.ts";
import { backends } from "./reference.ts";

const f = Math.fround;
const P = [
  4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8, -8.60467152213735e-11,
  2.00018790482477e-13, -2.76076847742355e-16,
];
const Q = [4.89352518554385e-3, 2.268434632439e-3, 1.18534705686654e-4, 1.19825839466702e-6];
const CLAMP = 7.905311107635498;

function tanh(x: number): number {
  const c = Math.min(Math.max(x, -CLAMP), CLAMP);
  const x2 = c * c;
  let p = 0;
  for (let i = P.length - 1; i >= 0; i--) p = P[i] + x2 * p;
  let q = 0;
  for (let i = Q.length - 1; i >= 0; i--) q = Q[i] + x2 * q;
  return (c * p) / q;
}
const sigmoid = (x: number) => 0.5 + 0.5 * tanh(0.5 * x);

/** One operand: its name, length in units of n·hidden, and whether the kernel writes it. */
interface Operand {
  name: string;
  width: number;
  out: boolean;
  /** Only `hidden` long (a bias vector), not n·hidden. */
  perUnit?: boolean;
}

/** A kernel under test: its operands in call order, the call, and the scalar reference of one unit. */
interface CellCase {
  kernel: "lstmForward" | "lstmBackward" | "gruForward" | "gruBackward";
  operands: Operand[];
  /** Reads inputs and writes outputs of unit j of row r through get/set (block b of the gate rows). */
  unit(get: (name: string, b: number) => number, set: (name: string, b: number, v: number) => void): void;
}

const CASES: CellCase[] = [
  {
    kernel: "lstmForward",
    operands: [
      { name: "z", width: 4, out: false },
      { name: "cPrev", width: 1, out: false },
      { name: "gates", width: 4, out: true },
      { name: "c", width: 1, out: true },
      { name: "tanhC", width: 1, out: true },
      { name: "h", width: 1, out: true },
    ],
    unit(get, set) {
      const i = sigmoid(get("z", 0));
      const fg = sigmoid(get("z", 1));
      const g = tanh(get("z", 2));
      const o = sigmoid(get("z", 3));
      const c = fg * get("cPrev", 0) + i * g; // c feeds tanh before it is rounded
      [i, fg, g, o].forEach((v, b) => {
        set("gates", b, v);
      });
      set("c", 0, c);
      set("tanhC", 0, tanh(c));
      set("h", 0, o * tanh(c));
    },
  },
  {
    kernel: "lstmBackward",
    operands: [
      { name: "gates", width: 4, out: false },
      { name: "cPrev", width: 1, out: false },
      { name: "tanhC", width: 1, out: false },
      { name: "dh", width: 1, out: false },
      { name: "dc", width: 1, out: true },
      { name: "dz", width: 4, out: true },
    ],
    unit(get, set) {
      const [i, fg, g, o] = [0, 1, 2, 3].map((b) => get("gates", b));
      const tc = get("tanhC", 0);
      const dh = get("dh", 0);
      const dc = get("dc", 0) + dh * o * (1 - tc * tc);
      set("dz", 0, dc * g * i * (1 - i));
      set("dz", 1, dc * get("cPrev", 0) * fg * (1 - fg));
      set("dz", 2, dc * i * (1 - g * g));
      set("dz", 3, dh * tc * o * (1 - o));
      set("dc", 0, dc * fg);
    },
  },
  {
    kernel: "gruForward",
    operands: [
      { name: "x", width: 3, out: false },
      { name: "rec", width: 3, out: false },
      { name: "bhn", width: 1, out: false, perUnit: true },
      { name: "hPrev", width: 1, out: false },
      { name: "gates", width: 3, out: true },
      { name: "hn", width: 1, out: true },
      { name: "h", width: 1, out: true },
    ],
    unit(get, set) {
      const u = sigmoid(get("x", 0) + get("rec", 0));
      const r = sigmoid(get("x", 1) + get("rec", 1));
      const hn = f(get("rec", 2) + get("bhn", 0)); // the float32 bias add
      const cand = tanh(get("x", 2) + r * hn);
      [u, r, cand].forEach((v, b) => {
        set("gates", b, v);
      });
      set("hn", 0, hn);
      set("h", 0, cand + u * (get("hPrev", 0) - cand));
    },
  },
  {
    kernel: "gruBackward",
    operands: [
      { name: "gates", width: 3, out: false },
      { name: "hPrev", width: 1, out: false },
      { name: "hn", width: 1, out: false },
      { name: "dh", width: 1, out: false },
      { name: "dz", width: 3, out: true },
      { name: "dzRec", width: 3, out: true },
      { name: "dhPrev", width: 1, out: true },
    ],
    unit(get, set) {
      const [u, r, cand] = [0, 1, 2].map((b) => get("gates", b));
      const dh = get("dh", 0);
      const dan = dh * (1 - u) * (1 - cand * cand);
      const du = dh * (get("hPrev", 0) - cand) * u * (1 - u);
      const dr = dan * get("hn", 0) * r * (1 - r);
      [du, dr, dan].forEach((v, b) => {
        set("dz", b, v);
      });
      [du, dr, dan * r].forEach((v, b) => {
        set("dzRec", b, v);
      });
      set("dhPrev", 0, dh * u);
    },
  },
];

const PAD = Number.NaN;
const SENTINEL = 12345;

/** Values: moderate, the clamp region, small, and specials (rarely, so most rows stay finite). */
const valueArb = fc.oneof(
  { weight: 12, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) },
  { weight: 4, arbitrary: fc.float({ min: -20, max: 20, noNaN: true }) },
  { weight: 1, arbitrary: fc.float({ min: Math.fround(-1e-30), max: Math.fround(1e-30), noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, -0, Number.NaN, Infinity, -Infinity, CLAMP, -2 * CLAMP) },
);

/** A call's layout: n rows of `hidden` units, an offset per operand, and the values of every slot. */
const callArb = (c: CellCase) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 4 }),
      hidden: fc.integer({ min: 1, max: 9 }),
      offsets: fc.array(fc.nat(5), { minLength: c.operands.length, maxLength: c.operands.length }),
    })
    .chain((s) =>
      fc.record({
        s: fc.constant(s),
        values: fc.array(valueArb, { minLength: 64 * 9 * 4, maxLength: 64 * 9 * 4 }),
      }),
    );

type Call = { s: { n: number; hidden: number; offsets: number[] }; values: number[] };

/** The operand arrays of a call: each padded, inputs filled from `values`, outputs with the sentinel. */
function arrays(c: CellCase, call: Call): Float32Array[] {
  const { n, hidden, offsets } = call.s;
  let next = 0;
  return c.operands.map((op, k) => {
    const len = op.width * (op.perUnit ? hidden : n * hidden);
    const arr = new Float32Array(offsets[k] + len + 3).fill(op.out ? SENTINEL : PAD);
    // dc is read and written: it gets input values too.
    if (!op.out || op.name === "dc") for (let i = 0; i < len; i++) arr[offsets[k] + i] = call.values[next++];
    return arr;
  });
}

function run(k: Kernels, c: CellCase, call: Call, arrs: Float32Array[]): void {
  const { n, hidden, offsets } = call.s;
  const args = arrs.flatMap((a, i) => [a, offsets[i]]);
  (k[c.kernel] as (...a: unknown[]) => void)(n, hidden, ...args);
}

/** The scalar reference: unit by unit, float64, rounded where stored. */
function reference(c: CellCase, call: Call, arrs: Float32Array[]): Float32Array[] {
  const { n, hidden: H, offsets } = call.s;
  const out = arrs.map((a) => a.slice());
  const index = new Map(c.operands.map((op, i) => [op.name, i]));
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < H; j++) {
      const at = (name: string, b: number) => {
        const i = index.get(name)!;
        const op = c.operands[i];
        return offsets[i] + (op.perUnit ? j : r * op.width * H + b * H + j);
      };
      c.unit(
        (name, b) => arrs[index.get(name)!][at(name, b)],
        (name, b, v) => {
          out[index.get(name)!][at(name, b)] = v;
        },
      );
    }
  }
  return out;
}

/** Every operand array equal, element for element (NaN equals NaN; −0 differs from +0). */
function expectSame(got: Float32Array[], want: Float32Array[], c: CellCase): void {
  for (let i = 0; i < got.length; i++)
    expect(Array.from(got[i]), c.operands[i].name).toEqual(Array.from(want[i]));
}

describe("fused recurrent cells", () => {
  for (const c of CASES) {
    it(`${c.kernel}: the TypeScript kernel equals the scalar cell equations bit for bit`, () => {
      fc.assert(
        fc.property(callArb(c), (call) => {
          const arrs = arrays(c, call);
          const want = reference(c, call, arrs);
          run(tsKernels, c, call, arrs);
          expectSame(arrs, want, c);
        }),
      );
    });

    for (const k of backends.filter((b) => b !== tsKernels)) {
      it(`${c.kernel}: the ${k.name} backend equals the TypeScript kernel bit for bit`, () => {
        fc.assert(
          fc.property(callArb(c), (call) => {
            const want = arrays(c, call);
            run(tsKernels, c, call, want);
            const got = arrays(c, call);
            run(k, c, call, got);
            expectSame(got, want, c);
          }),
        );
      });
    }
  }

  it("lstmForward matches the textbook LSTM step in exact arithmetic within the approximation's error", () => {
    const exactSigmoid = (x: number) => 1 / (1 + Math.exp(-x));
    const H = 5;
    const z = Float32Array.from({ length: 4 * H }, (_, i) => 3 * Math.sin(1.7 * i + 0.3));
    const cPrev = Float32Array.from({ length: H }, (_, i) => Math.cos(i));
    const [gates, c, tc, h] = [4 * H, H, H, H].map((len) => new Float32Array(len));
    for (const k of backends) {
      k.lstmForward(1, H, z, 0, cPrev, 0, gates, 0, c, 0, tc, 0, h, 0);
      for (let j = 0; j < H; j++) {
        const [i, fg, g, o] = [0, 1, 2, 3].map((b) => (b === 2 ? Math.tanh : exactSigmoid)(z[b * H + j]));
        const cv = fg * cPrev[j] + i * g;
        expect(Math.abs(c[j] - cv)).toBeLessThan(2e-6);
        expect(Math.abs(h[j] - o * Math.tanh(cv))).toBeLessThan(2e-6);
      }
    }
  });
});
