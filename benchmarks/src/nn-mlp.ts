/**
 * `nn-mlp`: training throughput (samples/s) of an MLP 64-32-10 (tanh hidden layer) on the 1797 8×8
 * digits, minibatches of 32, plain SGD (lr 0.1), one call = one epoch in a fixed order. Arena against
 * tfjs (CPU and WebAssembly backends) and brain.js.
 */

import { createModel } from "@arena/nn";
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
import { loadBrain, loadDigits } from "./nn-data.ts";
import { describeTfjs, loadTfjs, type Tf, type TfjsBackend } from "./peers/tfjs.ts";

const BATCH = 32;
const LR = 0.1;
const HIDDEN = 32;

/** Arena on the given kernel backend (chosen in the child process, so each row times one backend). */
const arena = (kernels: () => Kernels): Implementation => ({
  prepare(): Prepared {
    const data = loadDigits();
    const model = createModel(
      { kind: "mlp", layers: [64, HIDDEN, 10], activation: "tanh", output: "softmax" },
      new Rng("bench-nn-mlp"),
      { kernels: kernels() },
    );
    const { params, grads } = model;
    const epoch = () => {
      for (let s = 0; s < data.n; s += BATCH) {
        const b = Math.min(BATCH, data.n - s);
        model.zeroGrads();
        model.forward(data.x.subarray(s * 64, (s + b) * 64), b);
        model.backward(data.y.subarray(s * 10, (s + b) * 10));
        for (let i = 0; i < params.length; i++) params[i] -= LR * grads[i];
      }
    };
    return { run: epoch };
  },
});

function tfjs(backend: TfjsBackend): Implementation {
  let tf: Tf;
  return {
    async init() {
      tf = await loadTfjs(backend);
      return `tfjs ${tf.version.tfjs}, ${await describeTfjs(tf)}`;
    },
    prepare(): Prepared {
      const data = loadDigits();
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ units: HIDDEN, activation: "tanh", inputShape: [64] }),
          tf.layers.dense({ units: 10 }),
        ],
      });
      const opt = tf.train.sgd(LR);
      const xs: import("@tensorflow/tfjs").Tensor2D[] = [];
      const ys: import("@tensorflow/tfjs").Tensor2D[] = [];
      for (let s = 0; s < data.n; s += BATCH) {
        const b = Math.min(BATCH, data.n - s);
        xs.push(tf.tensor2d(data.x.subarray(s * 64, (s + b) * 64), [b, 64]));
        ys.push(tf.tensor2d(data.y.subarray(s * 10, (s + b) * 10), [b, 10]));
      }
      // tfjs's eager training loop: one optimizer.minimize per minibatch (synchronous on these backends).
      const epoch = () => {
        for (let i = 0; i < xs.length; i++) {
          opt.minimize(() =>
            tf.losses.softmaxCrossEntropy(
              ys[i],
              model.apply(xs[i], { training: true }) as import("@tensorflow/tfjs").Tensor,
            ),
          );
        }
      };
      return {
        run: epoch,
        dispose: () => {
          tf.dispose([...xs, ...ys]);
          model.dispose();
          opt.dispose();
        },
      };
    },
  };
}

const brainjs: Implementation = {
  init() {
    loadBrain();
    return "brain.js 2.0.0-beta.24 NeuralNetwork (CPU); its optional peer gpu.js is absent and stood in for (nn-data.ts)";
  },
  prepare(): Prepared {
    const brain = loadBrain();
    const data = loadDigits();
    const samples = Array.from({ length: data.n }, (_, i) => ({
      input: data.x.slice(i * 64, (i + 1) * 64),
      output: data.y.slice(i * 10, (i + 1) * 10),
    }));
    // brain.js trains one sample at a time; its update always carries a momentum term, here 1e-9
    // (it rejects 0), which makes it plain SGD at the same cost.
    const net = new brain.NeuralNetwork({
      hiddenLayers: [HIDDEN],
      activation: "tanh",
      learningRate: LR,
      momentum: 1e-9,
    });
    const epoch = () =>
      net.train(samples, { iterations: 1, errorThresh: 1e-9, learningRate: LR, momentum: 1e-9 });
    return { run: epoch };
  },
};

/** One case: an epoch over the 1797 digits; samples/s = 1797 / seconds per epoch. */
export const mlpSuite = defineSuite<BenchCase>(import.meta.url, {
  id: "nn-mlp",
  title: "MLP 64-32-10 training on the 1797 8×8 digits, minibatch 32, plain SGD (samples/s)",
  metric: { key: "samples_per_s", label: "samples/s" },
  baseline: "arena",
  cases: [
    {
      bench: "mlp-train",
      variant: "64-32-10 tanh, batch 32",
      size: 1797,
      work: 1797,
      budget: { time: 1500, iterations: 5 },
    },
  ],
  implementations: {
    arena: () => arena(() => tsKernels),
    "arena-wasm": () => arena(wasmKernels),
    "tfjs-cpu": () => tfjs("cpu"),
    "tfjs-wasm": () => tfjs("wasm"),
    "brain.js": () => brainjs,
  },
  timed: {
    arena:
      "one epoch: per minibatch of 32 `zeroGrads()`, `forward(x, 32)`, `backward(y)` (softmax + cross-entropy), then `params[i] -= 0.1·grads[i]` inline; TypeScript kernels.",
    "arena-wasm":
      "the same loop on the WebAssembly SIMD kernels (`wasmKernels()`); params, grads and workspaces are ordinary arrays, so gemm copies its operands into WebAssembly memory per call and the memory-bound kernels run in TypeScript.",
    "tfjs-cpu":
      "one epoch of `optimizer.minimize(() => tf.losses.softmaxCrossEntropy(y, model.apply(x)))` per minibatch (tf.sequential dense 32 tanh → dense 10, tf.train.sgd(0.1)), batch tensors made before timing; @tensorflow/tfjs CPU backend.",
    "tfjs-wasm": "the same loop on @tensorflow/tfjs-backend-wasm.",
    "brain.js":
      "`net.train(samples, { iterations: 1 })` of brain.js NeuralNetwork({ hiddenLayers: [32], activation: 'tanh' }): one pass, one sample at a time (brain.js has no minibatches), tanh on the output layer with its squared-error delta (it has no softmax); momentum 1e-9 since it rejects 0.",
  },
});

if (isMain(import.meta.url))
  await runBenchmarksCli("nn-mlp", [mlpSuite], process.argv.slice(2), { rounds: 2 });
