/**
 * `nn-population`: the loss of a population of 64 parameter vectors on the same data (what a GA or
 * PSO generation costs), Arena's batched `lossBatch` against a loop of single evaluations
 * `model.loss(data, row)`, on a small problem (2-4-1 net, the 4 XOR points) and a large one
 * (64-32-10 net, 512 digits). Both compute the same 64 losses; the runner checks they agree.
 */

import { createModel, type MlpSpec } from "@arena/nn";
import { Rng } from "@arena/rng";
import {
  type BenchCase,
  defineSuite,
  type Implementation,
  isMain,
  type Prepared,
  runBenchmarksCli,
} from "./index.ts";
import { type BenchData, loadDigits, xorData } from "./nn-data.ts";

const POPULATION = 64;

interface PopulationCase extends BenchCase {
  readonly problem: "xor" | "digits";
  /** lossBatch calls per timed call, so that a call lasts well over the timer's resolution. */
  readonly repeat: number;
}

const PROBLEMS: Record<PopulationCase["problem"], { spec: MlpSpec; data: () => BenchData }> = {
  xor: { spec: { kind: "mlp", layers: [2, 4, 1], activation: "tanh", output: "sigmoid" }, data: xorData },
  digits: {
    spec: { kind: "mlp", layers: [64, 32, 10], activation: "tanh", output: "softmax" },
    data: () => loadDigits(512),
  },
};

/** The model, the data and a population of 64 freshly initialised vectors, identical in every child. */
function setUp(c: PopulationCase) {
  const { spec, data } = PROBLEMS[c.problem];
  const model = createModel(spec, null);
  const rng = new Rng("bench-nn-population").fork(c.problem);
  const pop = new Float32Array(POPULATION * model.size);
  for (let i = 0; i < POPULATION; i++)
    model.initialize(rng, pop.subarray(i * model.size, (i + 1) * model.size));
  return { model, data: data(), pop, out: new Float64Array(POPULATION) };
}

const batched: Implementation<PopulationCase> = {
  prepare(c): Prepared {
    const { model, data, pop, out } = setUp(c);
    const once = () => model.lossBatch(pop, POPULATION, data, out);
    return {
      run: () => {
        for (let r = 0; r < c.repeat; r++) once();
      },
      output: () => {
        once();
        return out;
      },
    };
  },
};

const loop: Implementation<PopulationCase> = {
  prepare(c): Prepared {
    const { model, data, pop, out } = setUp(c);
    const rows = Array.from({ length: POPULATION }, (_, i) =>
      pop.subarray(i * model.size, (i + 1) * model.size),
    );
    const once = () => {
      for (let i = 0; i < POPULATION; i++) out[i] = model.loss(data, rows[i]);
    };
    return {
      run: () => {
        for (let r = 0; r < c.repeat; r++) once();
      },
      output: () => {
        once();
        return out;
      },
    };
  },
};

/** candidates/s = 64 · repeat / seconds per call. */
export const populationSuite = defineSuite<PopulationCase>(import.meta.url, {
  id: "nn-population",
  title: "Loss of a population of 64 parameter vectors on the same data (candidates/s)",
  metric: { key: "candidates_per_s", label: "candidates/s" },
  baseline: "lossBatch",
  cases: [
    {
      bench: "population-loss",
      variant: "xor 2-4-1, 4 samples",
      size: POPULATION,
      problem: "xor",
      repeat: 200,
      work: POPULATION * 200,
    },
    {
      bench: "population-loss",
      variant: "digits 64-32-10, 512 samples",
      size: POPULATION,
      problem: "digits",
      repeat: 1,
      work: POPULATION,
    },
  ],
  implementations: {
    lossBatch: () => batched,
    loop: () => loop,
  },
  timed: {
    lossBatch:
      "`model.lossBatch(pop, 64, data, out)` (repeated 200× per call for XOR): the first layer of a group of candidates as one gemm against their weights (packed once per call), later layers one strided batched gemm (`gemmBatched`) over the group into shared buffers; softmax cross-entropy (digits) from one `crossEntropyParts` call per group (max, Σ exp and Σ y·z per row in WebAssembly, the bits of `Math.exp`).",
    loop: "`out[i] = model.loss(data, pop.subarray(row i))` for the 64 rows (repeated 200× per call for XOR): one forward pass per candidate, same workspaces.",
  },
  tolerance: 1e-5,
});

if (isMain(import.meta.url))
  await runBenchmarksCli("nn-population", [populationSuite], process.argv.slice(2), { rounds: 2 });
