/**
 * `pnpm bench:threads` (issue 22): one large-model training run on one and on two kernel threads. An
 * MLP 1024-H-40 (tanh, softmax; H from `--hidden`, default 128) on the 32×32 Olivetti faces, Adam
 * (lr 1e-3), minibatches from `--batch` (default 32), `--epochs` epochs (default 150) through
 * `@arena/backprop`'s `train`, as a library user (or the harness with `--workers 1`) runs it. Each run
 * is a fresh child process with `ARENA_THREADS` set, alternating 1 and 2 for `--rounds` rounds
 * (default 3); the figure is the median wall time of `train`, and every child prints a checksum of its
 * final parameters, which must agree (two threads give the same bits). The 1-minute load average is
 * printed beside each run. `--hidden` and `--batch` take lists (`128,512`): every pair is measured,
 * and a table of the speed-ups ends the output.
 *
 *   cd benchmarks && npx tsx src/threads-training.ts --epochs 150 --rounds 3 --hidden 128,512 --batch 32,128
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

/** A model and minibatch size measured. */
interface Setting {
  hidden: number;
  batch: number;
}

/** What one child reports. */
interface ChildRun extends Setting {
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
async function trainOnce(epochs: number, { hidden, batch }: Setting): Promise<ChildRun> {
  const kernels = wasmKernels();
  await kernels.startThreads(); // as in a long run, where the helper starts on the first minibatch
  const faces = getProblem("faces").load(new Rng("bench-threads"), { size: 32 });
  const model = createModel(
    { kind: "mlp", layers: [1024, hidden, 40], activation: "tanh", output: "softmax" },
    new Rng("bench-threads-init"),
  );
  const t0 = performance.now();
  const main0 = threadCpuMs();
  const cpu0 = process.cpuUsage();
  train(model, faces, {
    optimizer: { kind: "adam", lr: 1e-3 },
    rng: new Rng("bench-threads-order"),
    batchSize: batch,
    epochs,
  });
  const ms = performance.now() - t0;
  const mainCpuMs = threadCpuMs() - main0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const bits = new Uint32Array(model.params.slice().buffer);
  let h = 2166136261;
  for (const b of bits) h = Math.imul(h ^ b, 16777619) >>> 0;
  const checksum = h.toString(16);
  return { hidden, batch, threads: kernels.threads, ms, mainCpuMs, cpuMs, checksum, load: loadavg()[0] };
}

function childRun(threads: 1 | 2, epochs: number, { hidden, batch }: Setting): ChildRun {
  const setting = ["--hidden", String(hidden), "--batch", String(batch)];
  const out = execFileSync(
    process.execPath,
    [
      "--import",
      TSX_LOADER,
      fileURLToPath(import.meta.url),
      "--child",
      "--epochs",
      String(epochs),
      ...setting,
    ],
    { env: { ...process.env, ARENA_THREADS: String(threads) }, encoding: "utf8" },
  );
  return JSON.parse(out.trim().split("\n").at(-1) as string) as ChildRun;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

/** A comma-separated list of integers >= 1, or a {@link UsageError} naming the option. */
function integers(option: string, text: string): number[] {
  const xs = text.split(",").map(Number);
  if (!xs.every((x) => Number.isInteger(x) && x >= 1))
    throw new UsageError(`--${option} must be integers >= 1 separated by commas, got "${text}"`);
  return xs;
}

function parseThreadsCli() {
  return parseCli(
    {
      child: { type: "boolean", default: false },
      epochs: { type: "string", default: "150" },
      rounds: { type: "string", default: "3" },
      hidden: { type: "string", default: "128" },
      batch: { type: "string", default: "32" },
    },
    "options: --epochs <n> (default 150)  --rounds <n> (default 3)  --hidden <n,…> (default 128)  --batch <n,…> (default 32)",
    (values) => {
      const [epochs] = integers("epochs", values.epochs);
      const [rounds] = integers("rounds", values.rounds);
      const settings = integers("hidden", values.hidden).flatMap((hidden) =>
        integers("batch", values.batch).map((batch) => ({ hidden, batch })),
      );
      return { child: values.child, epochs, rounds, settings };
    },
  );
}

/** Alternates one and two threads, `rounds` times, for one setting; prints each run. */
function measureSetting(setting: Setting, epochs: number, rounds: number): ChildRun[] {
  const runs: ChildRun[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const threads of r % 2 === 0 ? ([1, 2] as const) : ([2, 1] as const)) {
      const run = childRun(threads, epochs, setting);
      runs.push(run);
      console.log(
        `1024-${run.hidden}-40, batch ${run.batch}, threads ${run.threads}: ${run.ms.toFixed(0)} ms ` +
          `(CPU ${run.mainCpuMs.toFixed(0)} ms on the calling thread, ${run.cpuMs.toFixed(0)} ms in all), ` +
          `params ${run.checksum}, load ${run.load}`,
      );
    }
  }
  return runs;
}

async function main(): Promise<void> {
  const { child, epochs, rounds, settings } = parseThreadsCli();
  if (child) {
    console.log(JSON.stringify(await trainOnce(epochs, settings[0])));
    return;
  }
  const rows = [
    "| model | batch | 1 thread ms | 2 threads ms | speed-up | calling thread's CPU ratio | same bits |",
  ];
  rows.push("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const setting of settings) {
    const runs = measureSetting(setting, epochs, rounds);
    const ms = (t: number) => median(runs.filter((r) => r.threads === t).map((r) => r.ms));
    const cpu = (t: number) => median(runs.filter((r) => r.threads === t).map((r) => r.mainCpuMs));
    const same = new Set(runs.map((r) => r.checksum)).size === 1;
    rows.push(
      `| MLP 1024-${setting.hidden}-40 Adam | ${setting.batch} | ${ms(1).toFixed(0)} | ${ms(2).toFixed(0)} | ` +
        `${(ms(1) / ms(2)).toFixed(2)}× | ${(cpu(1) / cpu(2)).toFixed(2)}× | ${same} |`,
    );
  }
  console.log(
    `\n${epochs} epochs, median of ${rounds} runs each (CPU ratio: on a quiet machine close to the wall-time one, as the caller spins rather than sleeps while the helper works)`,
  );
  console.log(rows.join("\n"));
}

if (isMain(import.meta.url)) await main();
