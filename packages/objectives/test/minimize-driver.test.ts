import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { minimize, type Objective, RandomSearch, rastrigin, sphere } from "../src/index.ts";

const search = (seed: number, populationSize = 10, dim = 3) =>
  new RandomSearch({ dim, lower: -5.12, upper: 5.12, populationSize, rng: new Rng(seed) });

describe("minimize", () => {
  it("never spends more than maxEvaluations: a generation starts only if it fits", () => {
    const r = minimize(search(1, 30), sphere(3), { maxEvaluations: 100 });
    expect(r.evaluations).toBe(90);
    expect(r.generations).toBe(3);
    expect(r.stopReason).toBe("maxEvaluations");
    const exact = minimize(search(1, 25), sphere(3), { maxEvaluations: 100 });
    expect(exact.evaluations).toBe(100);
  });

  it("stops at maxGenerations, and the history is the best so far after each generation", () => {
    const rs = search(2);
    const seen: number[] = [];
    const r = minimize(rs, sphere(3), {
      maxGenerations: 7,
      maxEvaluations: 10_000,
      onGeneration: (g) => {
        seen.push(Math.min(...g.fitness));
      },
    });
    expect(r.stopReason).toBe("maxGenerations");
    expect(r.generations).toBe(7);
    expect(r.evaluations).toBe(70);
    expect(r.history).toHaveLength(7);
    let run = Number.POSITIVE_INFINITY;
    seen.forEach((m, i) => {
      run = Math.min(run, m);
      expect(r.history[i]).toBe(run);
    });
    expect(r.f).toBe(r.history[6]);
    expect(r.f).toBe(sphere(3).evaluate(r.x));
    expect(rs.generation).toBe(7);
    expect(rs.evaluations).toBe(70);
  });

  it("stops when the target is reached, and when the callback returns false", () => {
    const t = minimize(search(3), sphere(3), { maxEvaluations: 1_000_000, target: 1 });
    expect(t.stopReason).toBe("target");
    expect(t.f).toBeLessThanOrEqual(1);
    expect(t.history.slice(0, -1).every((h) => h > 1)).toBe(true);
    const c = minimize(search(3), sphere(3), { maxGenerations: 100, onGeneration: (g) => g.generation < 4 });
    expect(c.stopReason).toBe("callback");
    expect(c.generations).toBe(4);
  });

  it("uses evaluateBatch when present, and gets exactly the same run as row-by-row evaluation", () => {
    const f = rastrigin(3);
    let batchCalls = 0;
    let rowCalls = 0;
    const batched: Objective = {
      dim: 3,
      evaluate: () => {
        throw new Error("evaluate should not be called");
      },
      evaluateBatch: (xs, n, out) => {
        batchCalls++;
        f.evaluateBatch(xs, n, out);
      },
    };
    const single: Objective = {
      dim: 3,
      evaluate: (x) => {
        rowCalls++;
        return f.evaluate(x);
      },
    };
    const a = minimize(search(4), batched, { maxGenerations: 20 });
    const b = minimize(search(4), single, { maxGenerations: 20 });
    expect(batchCalls).toBe(20);
    expect(rowCalls).toBe(200);
    expect(a.history).toEqual(b.history);
    expect(a.x).toEqual(b.x);
  });

  it("continues the same trajectory after a state round trip", () => {
    const whole = minimize(search(5), rastrigin(3), { maxGenerations: 40 });
    const first = search(5);
    const h1 = minimize(first, rastrigin(3), { maxGenerations: 15 }).history;
    const resumed = RandomSearch.fromState(JSON.parse(JSON.stringify(first.state())));
    const h2 = minimize(resumed, rastrigin(3), { maxGenerations: 25 }).history;
    expect([...h1, ...h2]).toEqual(whole.history);
  });

  it("rejects bad options with an OptionsError naming the path, value and expectation", () => {
    const f = sphere(3);
    expect(() => minimize(search(1), f, {})).toThrow(OptionsError);
    expect(() => minimize(search(1), f, {})).toThrow(/^minimize: give maxEvaluations or maxGenerations/);
    expect(() => minimize(search(1), f, { maxGenerations: 5, maxEvals: 3 } as never)).toThrow(
      /^minimize: unknown key "maxEvals"; known keys: maxEvaluations, maxGenerations, target, onGeneration$/,
    );
    expect(() => minimize(search(1, 10), f, { maxEvaluations: 5 })).toThrow(
      /^minimize: maxEvaluations: expected >= populationSize = 10 \(got 5\)$/,
    );
    expect(() => minimize(search(1), f, { maxGenerations: 0 })).toThrow(
      /^minimize: maxGenerations: Too small: expected number to be >=1 \(got 0\)$/,
    );
    expect(() => minimize(search(1), sphere(4), { maxGenerations: 1 })).toThrow(
      /objective has dim 4, optimizer expects 3/,
    );
    expect(() => minimize(search(1), f, { maxGenerations: 1, target: Number.NaN })).toThrow(
      /^minimize: target: .*expected number.* \(got NaN\)$/,
    );
    expect(() => minimize(search(1), f, { maxGenerations: 1, onGeneration: 3 as never })).toThrow(
      /^minimize: onGeneration: expected a function \(got 3\)$/,
    );
  });
});
