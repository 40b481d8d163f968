import { afterEach, describe, expect, it, vi } from "vitest";
import { CostEta } from "../src/cost-eta.ts";
import { createProgress } from "../src/progress.ts";

/** A clock the test moves by hand. */
function fakeClock(start = 0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const queue = ["a", "b", "c", "d"].map((runId) => ({ runId }));
const costs = new Map([
  ["a", 4000],
  ["b", 2000],
  ["c", 1000],
  ["d", 1000],
]);

/**
 * Runs `n` runs of estimate `cost` one after another on one worker, each taking `factor` × its estimate,
 * and returns the ETA and the true time left after each.
 */
function oneWorker(factors: readonly number[], cost = 500) {
  const q = factors.map((_, i) => ({ runId: `r${i}` }));
  const c = new Map(q.map((r) => [r.runId, cost]));
  const clock = fakeClock();
  const eta = new CostEta(q, c, 1, clock.now);
  const trueLeft = (i: number) => factors.slice(i + 1).reduce((s, f) => s + f * cost, 0);
  return factors.map((f, i) => {
    clock.advance(f * cost);
    eta.finished(`r${i}`, f * cost);
    return { eta: eta.remainingMs(), truth: trueLeft(i) };
  });
}

describe("CostEta", () => {
  it("before any run finishes, takes the estimates at their own scale", () => {
    const clock = fakeClock();
    // Under way a (4000) and b (2000), waiting c and d: (4000 + 2000 + 2000) / 2, and a alone is 4000.
    expect(new CostEta(queue, costs, 2, clock.now).remainingMs()).toBeCloseTo(4000, 9);
    expect(new CostEta(queue, costs, 1, clock.now).remainingMs()).toBeCloseTo(8000, 9);
  });

  it("learns the machine's speed: when every run takes 3× its estimate, the ETA comes to 3× what is left", () => {
    // The prior (the estimates' own scale) fades as runs finish: after 20 runs it weighs little.
    const steps = oneWorker(new Array(40).fill(3));
    for (const { eta, truth } of steps.slice(20, -1)) expect(eta / truth).toBeGreaterThan(0.95);
    for (const { eta, truth } of steps.slice(20, -1)) expect(eta / truth).toBeLessThan(1.05);
  });

  it("follows the recent factor when the estimate is off for some runs and not others", () => {
    // The first 60 runs take 3× their estimate, the last 60 their estimate: after the switch the ETA
    // must come back to the truth (the mean since the start would say 2× for a long while).
    const steps = oneWorker([...new Array(60).fill(3), ...new Array(60).fill(1)]);
    const after = steps[60 + 40];
    expect(after.eta / after.truth).toBeGreaterThan(0.95);
    expect(after.eta / after.truth).toBeLessThan(1.25);
    const before = steps[59];
    expect(before.eta / before.truth).toBeGreaterThan(2.5);
  });

  it("takes off what runs under way have run, and is never below the longest of them", () => {
    const clock = fakeClock();
    const eta = new CostEta(queue, costs, 2, clock.now);
    clock.advance(2000);
    eta.finished("b", 2000); // at the estimates' scale; c starts
    // a has 2000 left, c 1000, d waits 1000: (2000 + 1000 + 1000) / 2 = 2000 = a's own time left.
    expect(eta.remainingMs()).toBeCloseTo(2000, 9);
    clock.advance(1000);
    eta.finished("c", 1000); // d starts: a 1000 left, d 1000
    clock.advance(1000);
    eta.finished("d", 1000);
    // Only a is left, and it overruns: 0, never negative.
    expect(eta.remainingMs()).toBe(0);
    clock.advance(1000);
    expect(eta.remainingMs()).toBe(0);
    eta.finished("a", 5000);
    expect(eta.remainingMs()).toBe(0);
  });

  it("learns nothing from a run whose worker died (0 ms), and ignores runs it was not given", () => {
    const clock = fakeClock();
    const eta = new CostEta(queue, costs, 1, clock.now);
    clock.advance(10);
    eta.finished("a", 0);
    eta.finished("zzz", 5);
    // b under way since 10 ms, c and d waiting, all at the estimates' scale.
    expect(eta.remainingMs()).toBeCloseTo(2000 + 1000 + 1000, 9);
  });
});

describe("createProgress with a cost ETA", () => {
  /** A non-TTY stream that keeps what is written. */
  function sink() {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    return { stream, lines };
  }

  it("prints each finished run with the ETA of the remaining runs' estimates", () => {
    const clock = fakeClock();
    const { stream, lines } = sink();
    const progress = createProgress(4, stream, new CostEta(queue, costs, 2, clock.now), clock.now);
    clock.advance(2000);
    progress.tick("b", "ok", 2000);
    // a 2 s left, c 1 s, d 1 s waiting, over 2 workers.
    expect(lines[0]).toBe("[1/4] b ok in 2s (failed 0, ETA 2s)\n");
    clock.advance(1000);
    progress.tick("c", "failed", 1000); // d starts: a 1 s left, d 1 s
    expect(lines[1]).toBe("[2/4] c failed in 1s (failed 1, ETA 1s)\n");
    progress.stop();
  });

  it("without estimates (the queue's collector) keeps the mean time per run", () => {
    const clock = fakeClock();
    const { stream, lines } = sink();
    const progress = createProgress(3, stream, undefined, clock.now);
    clock.advance(10_000);
    progress.tick("x", "ok", 10_000);
    expect(lines[0]).toBe("[1/3] x ok in 10s (failed 0, ETA 20s)\n");
  });

  it("on a terminal, the bar shows the same ETA (not cli-progress's own)", () => {
    vi.stubEnv("CI", "");
    const clock = fakeClock();
    const written: string[] = [];
    const stream = { isTTY: true, columns: 120, write: (s: string) => written.push(s) };
    const progress = createProgress(
      4,
      stream as unknown as NodeJS.WriteStream,
      new CostEta(queue, costs, 2, clock.now),
      clock.now,
    );
    clock.advance(2000);
    progress.tick("b", "ok", 2000);
    progress.stop(); // renders the bar a last time
    expect(written.join("")).toMatch(/runs .* 1\/4 \| failed 0 \| .* elapsed \| ETA 2s/);
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});
