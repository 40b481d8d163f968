/**
 * Issue 22: a run alone may use the WebAssembly backend's two threads; runs side by side get one each
 * (ARENA_THREADS=1 in the workers' environment), unless the user set ARENA_THREADS.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { threadsPerRun, workerEnv } from "../src/kernel-threads.ts";

describe("kernel threads per run", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it("one worker keeps the backend's default; two or more get one thread each", () => {
    expect(threadsPerRun(1, {})).toBeUndefined();
    expect(threadsPerRun(2, {})).toBe("1");
    expect(threadsPerRun(8, { ARENA_THREADS: "" })).toBe("1");
  });

  it("an ARENA_THREADS the user set stands", () => {
    expect(threadsPerRun(2, { ARENA_THREADS: "2" })).toBe("2");
    expect(threadsPerRun(1, { ARENA_THREADS: "1" })).toBe("1");
  });

  it("the pool's environment is the process's plus ARENA_THREADS when several workers run", () => {
    vi.stubEnv("ARENA_THREADS", "");
    vi.stubEnv("ARENA_TEST_MARK", "kept");
    expect(workerEnv(2)).toMatchObject({ ARENA_THREADS: "1", ARENA_TEST_MARK: "kept" });
    expect(workerEnv(1).ARENA_THREADS).toBe("");
  });
});
