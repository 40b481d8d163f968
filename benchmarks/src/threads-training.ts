/**
 * `pnpm bench:threads` (issue 22): one large-model training run on one and on two kernel threads. An
 * MLP 1024-128-40 (tanh, softmax) on the 32×32 Olivetti faces, Adam (lr 1e-3), minibatches of 32,
 * `--epochs` epochs (default 150) through `@arena/backprop`'s `train`, as a library user (or the
 * harness with `--workers 1`) runs it. Each run is a fresh child process with `ARENA_THREADS` set,
 * alternating 1 and 2 for `--rounds` rounds (default 3); the figure is the median wall time of `train`,
 * and every child prints a checksum of its final parameters, which must agree (two threads give the
 * same bits). The 1-minute load average is printed beside each run.
 *
 *   cd benchmarks && npx tsx src/threads-training.ts --epochs 150 --rounds 3
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import { train } from "@arena/backprop";
import { getProblem } from "@arena/datasets";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { wasmKernels } from "@arena/tensor";
import { isMain } from "./index.ts";
import { parseCli, UsageError } from "./runner/parse-cli.ts";

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;

/** What one child reports. */
interface ChildRun {
  threads: number;
  ms: number;
  /** CPU time of `train` on the calling thread (NaN where /proc/thread-self is missing) and in all threads. */
  mainCpuMs: number;
  cpuMs: number;
  checksum: string;
  load: number;
}

/**
 * CPU time of the calling thread in ms, from Linux's /proc/thread-self/stat (utime + stime, in clock
 * ticks of 10 ms); NaN elsewhere. On a loaded machine wall time misleads, and this one does not.
 */
function threadCpuMs(): number {
  try {
    const stat = readFileSync("/proc/thread-self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

/** The training run itself, in this process, on the shared backend (whose threads ARENA_THREADS set). */
async function trainOnce(epochs: number): Promise<ChildRun> {
  const kernels = wasmKernels();
  await kernels.startThreads(); // as in a long run, where the helper starts on the first minibatch
  const faces = getProblem("faces").load(new Rng("bench-threads"), { size: 32 });
  const model = createModel(
    { kind: "mlp", layers: [1024, 128, 40], activation: "tanh", output: "softmax" },
    new Rng("bench-threads-init"),
  );
  const t0 = performance.now();
  const main0 = threadCpuMs();
  const cpu0 = process.cpuUsage();
  train(model, faces, {
    optimizer: { kind: "adam", lr: 1e-3 },
    rng: new Rng("bench-threads-order"),
    batchSize: 32,
    epochs,
  });
  const ms = performance.now() - t0;
  const mainCpuMs = threadCpuMs() - main0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const bits = new Uint32Array(model.params.slice().buffer);
  let h = 2166136261;
  for (const b of bits) h = Math.imul(h ^ b, 16777619) >>> 0;
  return { threads: kernels.threads, ms, mainCpuMs, cpuMs, checksum: h.toString(16), load: loadavg()[0] };
}

function childRun(threads: 1 | 2, epochs: number): ChildRun {
  const out = execFileSync(
    process.execPath,
    ["--import", TSX_LOADER, fileURLToPath(import.meta.url), "--child", "--epochs", String(epochs)],
    { env: { ...process.env, ARENA_THREADS: String(threads) }, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").at(-1) as string) as ChildRun;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const { values, epochs, rounds } = parseCli(
    {
      child: { type: "boolean", default: false },
      epochs: { type: "string", default: "150" },
      rounds: { type: "string", default: "3" },
    },
    "options: --epochs <n> (default 150)  --rounds <n> (default 3)",
    (values) => {
      const epochs = Number(values.epochs);
      const rounds = Number(values.rounds);
      if (!(Number.isInteger(epochs) && epochs >= 1))
        throw new UsageError(`--epochs must be an integer >= 1, got "${values.epochs}"`);
      if (!(Number.isInteger(rounds) && rounds >= 1))
        throw new UsageError(`--rounds must be an integer >= 1, got "${values.rounds}"`);
      return { values, epochs, rounds };
    },
  );
  if (values.child) {
    console.log(JSON.stringify(await trainOnce(epochs)));
    return;
  }
  const runs: ChildRun[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const threads of r % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      const run = childRun(threads, epochs);
      runs.push(run);
      console.log(
        `threads ${run.threads}: ${run.ms.toFixed(0)} ms (CPU ${run.mainCpuMs.toFixed(0)} ms on the calling thread, ` +
          `${run.cpuMs.toFixed(0)} ms in all), params ${run.checksum}, load ${run.load}`,
      );
    }
  }
  const ms = (t: number) => median(runs.filter((r) => r.threads === t).map((r) => r.ms));
  const mainCpu = (t: number) => median(runs.filter((r) => r.threads === t).map((r) => r.mainCpuMs));
  const same = new Set(runs.map((r) => r.checksum)).size === 1;
  console.log(
    `MLP 1024-128-40 Adam, ${epochs} epochs: median ${ms(1).toFixed(0)} ms on 1 thread, ` +
      `${ms(2).toFixed(0)} ms on 2 (speed-up ${(ms(1) / ms(2)).toFixed(2)}×); parameters identical: ${same}`,
  );
  console.log(
    `calling thread's CPU time: median ${mainCpu(1).toFixed(0)} ms on 1 thread, ${mainCpu(2).toFixed(0)} ms on 2 ` +
      `(${(mainCpu(1) / mainCpu(2)).toFixed(2)}×; on a quiet machine close to the wall-time ratio, as the caller spins rather than sleeps while the helper works)`,
  );
}

if (isMain(import.meta.url)) await main();
