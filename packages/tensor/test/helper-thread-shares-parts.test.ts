/**
 * A job shared with the helper thread is a list of parts that both threads claim in turn, so a
 * helper that never comes (descheduled on a busy machine, or slow to wake) does not hold the caller
 * up: the caller runs every part itself and the result has the same bits. Once the helper answers
 * again it takes parts of later jobs. A helper that loses its core in the middle of a part makes
 * the caller wait; then the next few jobs run on the caller alone.
 */
import * as workerThreads from "node:worker_threads";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GemmSplit } from "../src/wasm/gemm-split.ts";
import { HelperThread, helperJobs } from "../src/wasm/helper-thread.ts";
import { compiledSharedModule, instantiateKernels } from "../src/wasm/wasm-module.ts";
import { pseudoRandom } from "./reference.ts";

const memory = new WebAssembly.Memory({ initial: 512, maximum: 512, shared: true });
const w = instantiateKernels(memory, true);
const scratch = w.SCRATCH_BYTES.value as number;
const scratchAt = 1 << 16;
// Operands after both packing scratches.
const base = scratchAt + 2 * scratch;
let helper: HelperThread;

beforeAll(async () => {
  helper = HelperThread.start(workerThreads, compiledSharedModule(), memory);
  await helper.whenReady();
});
afterAll(() => helper.hold(0));

/** C = A·B (n×n) on one thread, and through a GemmSplit with the helper, as bit patterns. */
function products(n: number, split: GemmSplit): { alone: number[]; shared: number[] } {
  const f32 = new Float32Array(memory.buffer);
  const [pa, pb, pc] = [base, base + n * n * 4, base + 2 * n * n * 4];
  f32.set(pseudoRandom(n * n, 1), pa / 4);
  f32.set(pseudoRandom(n * n, 2), pb / 4);
  w.gemm(0, 0, n, n, n, 1, pa, n, pb, n, 0, pc, n, scratchAt);
  const alone = Array.from(new Uint32Array(memory.buffer, pc, n * n));
  f32.fill(Number.NaN, pc / 4, pc / 4 + n * n);
  split.gemm(false, false, n, n, n, 1, pa, n, pb, n, 0, pc, n);
  return { alone, shared: Array.from(new Uint32Array(memory.buffer, pc, n * n)) };
}

describe("helper thread: parts claimed by whichever thread is free", () => {
  const split = () => new GemmSplit(w, { helper: () => helper }, 0, scratchAt, scratchAt + scratch);

  it("runs every part on the caller when the helper never claims one, with the same bits", () => {
    helper.hold("never");
    const before = helper.partsRun;
    for (let r = 0; r < 5; r++) {
      const { alone, shared } = products(96, split());
      expect(shared).toEqual(alone);
    }
    expect(helper.partsRun).toBe(before);
  });

  it("gives the helper parts again once it answers", () => {
    helper.hold(0);
    const before = helper.partsRun;
    for (let r = 0; r < 1000 && helper.partsRun === before; r++) {
      const { alone, shared } = products(192, split());
      expect(shared).toEqual(alone);
    }
    expect(helper.partsRun).toBeGreaterThan(before);
  });

  it("after a part the helper held for long, runs the next jobs alone (at least 4), then shares again (same bits)", () => {
    helper.hold(30);
    const s = split();
    // Until a job was late: the helper claimed a part (it races the caller for them) and held it.
    for (let r = 0; r < 50 && helper.jobsAlone === 0; r++) {
      const { alone, shared } = products(192, s);
      expect(shared).toEqual(alone);
    }
    helper.hold(0);
    const alone = helper.jobsAlone;
    expect(alone).toBeGreaterThanOrEqual(4);
    const jobs = helperJobs();
    for (let r = 0; r < alone; r++) {
      const { alone, shared } = products(192, s);
      expect(shared).toEqual(alone);
    }
    expect(helperJobs()).toBe(jobs);
    for (let r = 0; r < 1000 && helperJobs() === jobs; r++) products(192, s);
    expect(helperJobs()).toBeGreaterThan(jobs);
  });
});
