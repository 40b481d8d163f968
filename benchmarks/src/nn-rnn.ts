/**
 * `nn-rnn`: BPTT training throughput (sequences/s) of recurrent nets with 32 hidden units on
 * next-value prediction of a sine wave: 64 windows of 21 values, a prediction at each of 20 steps,
 * plain SGD, one call = one pass over the 64 sequences. Arena's Rnn, Lstm and Gru against brain.js
 * recurrent.RNNTimeStep / LSTMTimeStep / GRUTimeStep (one sequence at a time) and tfjs simpleRNN /
 * lstm / gru layers. Sizes are the minibatch: 1 (as brain.js trains) and 32.
 */

import { RecurrentNet } from "@arena/nn";
import { Rng } from "@arena/rng";
import { type Kernels, tsKernels, wasmKernels } from "@arena/tensor";
import {
  type BenchCase,
  defineSuite,
  type Implementation,
  isMain,
  type Prepared,
  runBenchmarksCli,
} from "./index.ts";
import { loadBrain, sineSequences } from "./nn-data.ts";
import { describeTfjs, loadTfjs, type Tf, type TfjsBackend } from "./peers/tfjs.ts";

const SEQUENCES = 64;
const STEPS = 20;
const HIDDEN = 32;
const LR = 0.01;
const CELLS = ["rnn", "lstm", "gru"] as const;
type Cell = (typeof CELLS)[number];

const cellOf = (c: BenchCase): Cell => CELLS.find((cell) => c.variant.startsWith(cell)) ?? "rnn";

/** Arena on the given kernel backend (chosen in the child process, so each row times one backend). */
const arena = (kernels: () => Kernels): Implementation => ({
  prepare(c): Prepared {
    const data = sineSequences(SEQUENCES, STEPS);
    const net = new RecurrentNet(
      { kind: cellOf(c), input: 1, hidden: HIDDEN, output: 1, readout: "every-step" },
      new Rng("bench-nn-rnn"),
      { kernels: kernels() },
    );
    const { params, grads } = net;
    const B = c.size;
    const pass = () => {
      for (let s = 0; s < SEQUENCES; s += B) {
        net.zeroGrads();
        net.forwardSequence(data.x.subarray(s * STEPS, (s + B) * STEPS), B, STEPS);
        net.backwardSequence(data.y.subarray(s * STEPS, (s + B) * STEPS));
        for (let i = 0; i < params.length; i++) params[i] -= LR * grads[i];
      }
    };
    return { run: pass };
  },
});

const brainjs: Implementation = {
  init() {
    loadBrain();
    return "brain.js 2.0.0-beta.24 recurrent.RNNTimeStep / LSTMTimeStep / GRUTimeStep (CPU); gpu.js absent and stood in for (nn-data.ts)";
  },
  prepare(c): Prepared | null {
    if (c.size !== 1) return null; // brain.js trains one sequence at a time
    const brain = loadBrain();
    const data = sineSequences(SEQUENCES, STEPS);
    const Net = {
      rnn: brain.recurrent.RNNTimeStep,
      lstm: brain.recurrent.LSTMTimeStep,
      gru: brain.recurrent.GRUTimeStep,
    }[cellOf(c)];
    const net = new Net({ inputSize: 1, hiddenLayers: [HIDDEN], outputSize: 1, learningRate: LR });
    // The first train() call builds the model; do it before timing.
    net.train(data.series.slice(0, 1), { iterations: 1, errorThresh: 1e-9 });
    return { run: () => net.train(data.series, { iterations: 1, errorThresh: 1e-9, learningRate: LR }) };
  },
};

function tfjs(backend: TfjsBackend): Implementation {
  let tf: Tf;
  return {
    async init() {
      tf = await loadTfjs(backend);
      return `tfjs ${tf.version.tfjs}, ${await describeTfjs(tf)}`;
    },
    prepare(c): Prepared {
      const data = sineSequences(SEQUENCES, STEPS);
      const B = c.size;
      const layer = { units: HIDDEN, returnSequences: true, inputShape: [STEPS, 1] };
      const recurrent = { rnn: tf.layers.simpleRNN, lstm: tf.layers.lstm, gru: tf.layers.gru }[cellOf(c)](
        layer,
      );
      const model = tf.sequential({ layers: [recurrent, tf.layers.dense({ units: 1 })] });
      const opt = tf.train.sgd(LR);
      const xs: import("@tensorflow/tfjs").Tensor3D[] = [];
      const ys: import("@tensorflow/tfjs").Tensor3D[] = [];
      for (let s = 0; s < SEQUENCES; s += B) {
        xs.push(tf.tensor3d(data.x.subarray(s * STEPS, (s + B) * STEPS), [B, STEPS, 1]));
        ys.push(tf.tensor3d(data.y.subarray(s * STEPS, (s + B) * STEPS), [B, STEPS, 1]));
      }
      const pass = () => {
        for (let i = 0; i < xs.length; i++) {
          opt.minimize(() =>
            tf.losses.meanSquaredError(
              ys[i],
              model.apply(xs[i], { training: true }) as import("@tensorflow/tfjs").Tensor,
            ),
          );
        }
      };
      return {
        run: pass,
        dispose: () => {
          tf.dispose([...xs, ...ys]);
          model.dispose();
          opt.dispose();
        },
      };
    },
  };
}

/** sequences/s = 64 / seconds per pass. */
export const rnnSuite = defineSuite<BenchCase>(import.meta.url, {
  id: "nn-rnn",
  title:
    "Recurrent BPTT training, 32 hidden units, sine next-value prediction, 20 steps, plain SGD (sequences/s)",
  metric: { key: "seq_per_s", label: "sequences/s" },
  baseline: "arena",
  cases: CELLS.flatMap((cell) =>
    [1, 32].map((size) => ({
      bench: "rnn-train",
      variant: `${cell} h32 T20`,
      size,
      work: SEQUENCES,
      budget: size === 1 ? { time: 1500, iterations: 3, warmupIterations: 1 } : { time: 1000, iterations: 5 },
    })),
  ),
  implementations: {
    arena: () => arena(() => tsKernels),
    "arena-wasm": () => arena(wasmKernels),
    "brain.js": () => brainjs,
    "tfjs-cpu": () => tfjs("cpu"),
    "tfjs-wasm": () => tfjs("wasm"),
  },
  timed: {
    arena:
      "one pass over 64 sequences: per minibatch `zeroGrads()`, `forwardSequence(x, B, 20)`, `backwardSequence(y)` (full BPTT, MSE at every step, linear readout), then `params[i] -= 0.01·grads[i]` inline. Variant rnn = Elman tanh cell, lstm = LSTM, gru = GRU (reset after). TypeScript kernels.",
    "arena-wasm":
      "the same loop on the WebAssembly SIMD kernels (`wasmKernels()`): the model's parameters and workspaces are allocated in the WebAssembly memory, so every kernel runs on them in place (only the 64 input and target windows live outside, read once per minibatch).",
    "brain.js":
      "`net.train(series, { iterations: 1 })` of recurrent.RNNTimeStep / LSTMTimeStep / GRUTimeStep({ inputSize: 1, hiddenLayers: [32], outputSize: 1 }) over the same 64 windows of 21 values, one sequence at a time (batch 1 only).",
    "tfjs-cpu":
      "per minibatch `optimizer.minimize(() => tf.losses.meanSquaredError(y, model.apply(x)))` with tf.sequential [simpleRNN, lstm or gru(32, returnSequences) → dense(1)], tf.train.sgd(0.01), batch tensors made before timing; CPU backend.",
    "tfjs-wasm": "the same loop on @tensorflow/tfjs-backend-wasm.",
  },
});

if (isMain(import.meta.url))
  await runBenchmarksCli("nn-rnn", [rnnSuite], process.argv.slice(2), { rounds: 2 });
