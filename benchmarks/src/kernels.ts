/**
 * `pnpm bench:kernels`: single-precision gemm, C = A·B (NN) and C = A·Bᵀ (NT), square n×n, for
 * Arena's TypeScript and WebAssembly SIMD gemm (on one and on two threads), a naive triple loop, and
 * tfjs's CPU and WebAssembly backends. Every implementation gets the same inputs (seeded from
 * @arena/rng) and its own child process.
 */
import { Rng } from "@arena/rng";
import { createWasmKernels, tsKernels, type WasmKernels } from "@arena/tensor";
import {
  type BenchCase,
  defineSuite,
  type Implementation,
  isMain,
  type Prepared,
  runBenchmarksCli,
} from "./index.ts";
import { describeTfjs, loadTfjs, type Tf, type TfjsBackend } from "./peers/tfjs.ts";

/** Matrix orders measured. */
export const GEMM_SIZES = [32, 64, 128, 256, 512, 1024] as const;
/** From this order on only the WebAssembly implementations run (a naive or tfjs-cpu call takes seconds). */
const FAST_ONLY_FROM = 1024;
const VARIANTS = ["NN", "NT"] as const;

interface GemmCase extends BenchCase {
  readonly variant: (typeof VARIANTS)[number];
}

/** A and B for one case, identical in every child: the stream depends only on the variant and size. */
function inputs(c: GemmCase): { a: Float32Array; b: Float32Array } {
  const rng = new Rng("bench-kernels").fork("gemm").fork(c.variant).fork(c.size);
  const n = c.size;
  return {
    a: rng.fillUniform(new Float32Array(n * n), -1, 1),
    b: rng.fillUniform(new Float32Array(n * n), -1, 1),
  };
}

const transB = (c: GemmCase) => c.variant === "NT";

const arena: Implementation<GemmCase> = {
  prepare(c) {
    const { a, b } = inputs(c);
    const n = c.size;
    const out = new Float32Array(n * n);
    const t = transB(c);
    const run = () => tsKernels.gemm(false, t, n, n, n, 1, a, 0, n, b, 0, n, 0, out, 0, n);
    return {
      run,
      output: () => {
        run();
        return out;
      },
    };
  },
};

/**
 * Arena's WebAssembly backend on `threads` threads, with A, B and C allocated in its memory (its
 * zero-copy path). With two, the helper thread is started before timing, as a long run would have it.
 */
function arenaWasm(threads: 1 | 2): Implementation<GemmCase> {
  let wasm: WasmKernels;
  return {
    async init() {
      wasm = createWasmKernels({ memoryMiB: 64, threads });
      await wasm.startThreads();
      const got = wasm.threads === 2 ? "2 threads (shared memory, one helper thread)" : "1 thread";
      return `Arena WebAssembly SIMD backend (AssemblyScript, 4x8 f32x4 micro-kernel), ${got}`;
    },
    prepare(c) {
      const { a: a0, b: b0 } = inputs(c);
      const n = c.size;
      const a = wasm.alloc(n * n);
      const b = wasm.alloc(n * n);
      const out = wasm.alloc(n * n);
      a.set(a0);
      b.set(b0);
      const t = transB(c);
      const run = () => wasm.gemm(false, t, n, n, n, 1, a, 0, n, b, 0, n, 0, out, 0, n);
      return {
        run,
        output: () => {
          run();
          return out;
        },
      };
    },
  };
}

/** The textbook i-j-p triple loop with a float64 accumulator: what one writes without thinking about caches. */
export function naiveGemm(
  transposeB: boolean,
  n: number,
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
): void {
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      if (transposeB) for (let p = 0; p < n; p++) s += a[i * n + p] * b[j * n + p];
      else for (let p = 0; p < n; p++) s += a[i * n + p] * b[p * n + j];
      out[i * n + j] = s;
    }
  }
}

const naive: Implementation<GemmCase> = {
  prepare(c) {
    if (c.size >= FAST_ONLY_FROM) return null;
    const { a, b } = inputs(c);
    const out = new Float32Array(c.size * c.size);
    const t = transB(c);
    const run = () => naiveGemm(t, c.size, a, b, out);
    return {
      run,
      output: () => {
        run();
        return out;
      },
    };
  },
};

function tfjs(backend: TfjsBackend): Implementation<GemmCase> {
  let tf: Tf;
  return {
    async init() {
      tf = await loadTfjs(backend);
      return `tfjs ${tf.version.tfjs}, ${await describeTfjs(tf)}`;
    },
    prepare(c): Prepared | null {
      if (backend === "cpu" && c.size >= FAST_ONLY_FROM) return null;
      const { a, b } = inputs(c);
      const n = c.size;
      const ta = tf.tensor2d(a, [n, n]);
      const tb = tf.tensor2d(b, [n, n]);
      const t = transB(c);
      // What a user pays per call: the op on existing tensors, then reading the result back.
      const call = () => {
        const tc = tf.matMul(ta, tb, false, t);
        const data = tc.dataSync() as Float32Array;
        tc.dispose();
        return data;
      };
      return { run: call, output: call, dispose: () => tf.dispose([ta, tb]) };
    },
  };
}

/** Square-gemm kernels suite: GFLOP/s = 2n³ / seconds per call / 1e9. */
export const gemmSuite = defineSuite<GemmCase>(import.meta.url, {
  id: "kernels-gemm",
  title: "gemm: C = A·B (NN) and C = A·Bᵀ (NT), square n×n, float32",
  metric: { key: "gflops", label: "GFLOP/s" },
  baseline: "arena",
  cases: VARIANTS.flatMap((variant) =>
    GEMM_SIZES.map((size) => ({
      bench: "gemm",
      variant,
      size,
      work: (2 * size ** 3) / 1e9,
      // One naive n = 512 call takes about a second (TypeScript n = 1024 half that): fewer timed calls there.
      budget: size >= 512 ? { iterations: 3, warmupIterations: 1 } : undefined,
    })),
  ),
  implementations: {
    arena: () => arena,
    "arena-wasm": () => arenaWasm(1),
    "arena-wasm-2t": () => arenaWasm(2),
    naive: () => naive,
    "tfjs-cpu": () => tfjs("cpu"),
    "tfjs-wasm": () => tfjs("wasm"),
  },
  timed: {
    arena:
      "`tsKernels.gemm(false, transB, n, n, n, 1, A, 0, n, B, 0, n, 0, C, 0, n)` into a preallocated C (Arena's API takes out-parameters).",
    "arena-wasm":
      "`createWasmKernels({ threads: 1 }).gemm(...)`, same call, with A, B and C allocated by `alloc` in the backend's WebAssembly memory (no copies).",
    "arena-wasm-2t":
      "the same on `createWasmKernels({ threads: 2 })`: C split in two blocks of columns (or rows), one computed by a helper thread on the shared memory; bit-identical to one thread.",
    naive: "an i-j-p triple loop over the Float32Arrays with a float64 accumulator, into a preallocated C.",
    "tfjs-cpu":
      "`tf.matMul(a, b, false, transB)` on tensors made once before timing, then `dataSync()` to read C and `dispose()`; @tensorflow/tfjs CPU backend.",
    "tfjs-wasm":
      "the same call sequence on @tensorflow/tfjs-backend-wasm (XNNPACK), its .wasm loaded from the package on disk.",
  },
  tolerance: 1e-5,
});

// Two rounds: a burst of load from other processes then hits every implementation alike.
if (isMain(import.meta.url))
  await runBenchmarksCli("kernels", [gemmSuite], process.argv.slice(2), { rounds: 2 });
