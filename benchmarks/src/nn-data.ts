/**
 * Inputs and peer loaders shared by the nn benchmarks (`nn-mlp.ts`, `nn-rnn.ts`, `nn-population.ts`):
 * the 8×8 digits, sine-wave sequences, XOR, and brain.js.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./runner/repo-root.ts";

/** Samples in the layout @arena/nn reads: x n × features, y n × outputs, row-major. */
export interface BenchData {
  n: number;
  x: Float32Array;
  y: Float32Array;
}

/**
 * The 1797 8×8 digits of the UCI optical-digits set as scikit-learn ships them
 * (`datasets/data/digits.csv`: 64 pixel counts 0..16, then the label): x scaled to [0, 1], y one-hot.
 */
export function loadDigits(limit = Number.POSITIVE_INFINITY): BenchData & { labels: Int32Array } {
  const text = readFileSync(join(repoRoot(), "datasets", "data", "digits.csv"), "utf8");
  const lines = text.trim().split("\n").slice(1);
  const n = Math.min(lines.length, limit);
  const x = new Float32Array(n * 64);
  const y = new Float32Array(n * 10);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = lines[i].split(",").map(Number);
    if (v.length !== 65) throw new Error(`digits.csv line ${i + 2}: expected 65 fields, got ${v.length}`);
    for (let j = 0; j < 64; j++) x[i * 64 + j] = v[j] / 16;
    labels[i] = v[64];
    y[i * 10 + v[64]] = 1;
  }
  return { n, x, y, labels };
}

/**
 * `count` windows of a sine wave, each `steps + 1` values long, as next-value prediction:
 * window s is sin(2πs/count + 0.3·t) for t = 0..steps; x holds t < steps, y holds t ≥ 1
 * (count × steps each, one feature per step), `series` the raw windows (what brain.js trains on).
 */
export function sineSequences(count: number, steps: number): BenchData & { series: number[][] } {
  const x = new Float32Array(count * steps);
  const y = new Float32Array(count * steps);
  const series: number[][] = [];
  for (let s = 0; s < count; s++) {
    const w = Array.from({ length: steps + 1 }, (_, t) => Math.sin((2 * Math.PI * s) / count + 0.3 * t));
    series.push(w);
    for (let t = 0; t < steps; t++) {
      x[s * steps + t] = w[t];
      y[s * steps + t] = w[t + 1];
    }
  }
  return { n: count, x, y, series };
}

/** The four XOR points with 0/1 targets. */
export function xorData(): BenchData {
  return { n: 4, x: new Float32Array([0, 0, 0, 1, 1, 0, 1, 1]), y: new Float32Array([0, 1, 1, 0]) };
}

// biome-ignore lint/suspicious/noExplicitAny: brain.js ships no types we can rely on here.
export type Brain = any;

/**
 * Loads brain.js 2.0.0-beta.24. Its CommonJS entry requires the optional peer `gpu.js` at load time,
 * which is not installed; the CPU classes measured here (NeuralNetwork, recurrent.RNNTimeStep,
 * recurrent.LSTMTimeStep) never call it, only `instanceof gpu_js.Texture` checks that are false for
 * their plain arrays. So a stand-in module answers the `require("gpu.js")`: classes nothing is an
 * instance of, and a GPU constructor that throws if anything tried to use the GPU.
 */
export function loadBrain(): Brain {
  const require = createRequire(import.meta.url);
  // biome-ignore lint/suspicious/noExplicitAny: Node's internal module API is untyped.
  const Module = require("node:module") as any;
  const id = "gpu.js (absent: stand-in for brain.js's CPU classes)";
  if (!Module._cache[id]) {
    const standIn = new Module(id);
    standIn.exports = {
      GPU: class {
        constructor() {
          throw new Error("gpu.js is not installed; the benchmark's brain.js stand-in has no GPU");
        }
      },
      Input: class {},
      Texture: class {},
      alias: (_name: string, fn: unknown) => fn,
      utils: { getMinifySafeName: () => "fn" },
    };
    standIn.loaded = true;
    Module._cache[id] = standIn;
    const resolve = Module._resolveFilename;
    Module._resolveFilename = function (request: string, ...rest: unknown[]) {
      return request === "gpu.js" ? id : resolve.call(this, request, ...rest);
    };
  }
  return require("brain.js");
}
