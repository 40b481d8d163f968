import { minimize, sphere } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { describe, expect, it } from "vitest";
import { CMAES, type CMAESOptions } from "../src/index.ts";

const roundTrip = <T>(v: T): T => JSON.parse(JSON.stringify(v));

describe("CMAES state() → JSON → fromState resumes exactly", () => {
  const f = sphere(6);
  const variants: [string, Partial<CMAESOptions<"float64" | "float32">>][] = [
    ["full", {}],
    ["diagonal", { covariance: "diagonal" }],
    ["float32", { precision: "float32" }],
    ["ipop", { restarts: { kind: "ipop", max: 3 }, tolFun: 1e-1 }],
    ["bipop", { restarts: { kind: "bipop", max: 2 }, tolFun: 1e-1 }],
  ];
  for (const [name, extra] of variants) {
    it(`${name}: the next asks and the final best are identical`, () => {
      const options = {
        dim: 6,
        lower: f.lower,
        upper: f.upper,
        rng: 11,
        ...extra,
      } as CMAESOptions<"float64">;
      const a = new CMAES(options);
      minimize(a, f, { maxGenerations: 37 });
      // With restarts, save in a later run, whose λ is not the first run's.
      const inLaterRun = () => a.runs().length > 1 && a.populationSize !== a.settings.populationSize;
      for (let g = 0; extra.restarts !== undefined && !inLaterRun() && g < 2000; g++)
        minimize(a, f, { maxGenerations: 1 });
      if (extra.restarts !== undefined) expect(inLaterRun()).toBe(true);
      a.ask(); // asked but not told: the resumed copy must return the same rows
      const b = CMAES.fromState(roundTrip(a.state()));
      expect(b.precision).toBe(a.precision);
      for (let g = 0; g < 60; g++) {
        const xa = a.ask();
        expect(Array.from(b.ask())).toEqual(Array.from(xa));
        const fs = Array.from({ length: a.populationSize }, (_, i) =>
          f.evaluate(xa.subarray(i * 6, (i + 1) * 6)),
        );
        a.tell(fs);
        b.tell(fs);
      }
      expect(b.state()).toEqual(a.state());
      expect(b.runs()).toEqual(a.runs());
    });
  }

  it("IPOP restarts double the population, and each generation asks exactly its λ rows", () => {
    const cma = new CMAES({
      dim: 4,
      lower: -5,
      upper: 5,
      rng: 3,
      restarts: { kind: "ipop", max: 2 },
      tolFun: 1e-2,
    });
    const asked: number[] = [];
    const r = minimize(cma, sphere(4), {
      maxEvaluations: 50_000,
      onGeneration: ({ fitness }) => {
        asked.push(fitness.length);
        return !cma.stopped();
      },
    });
    const runs = cma.runs();
    expect(runs.map((s) => s.lambda)).toEqual([8, 16, 32]);
    expect(new Set(asked)).toEqual(new Set([8, 16, 32]));
    expect(cma.populationSize).toBe(32);
    expect(cma.settings.populationSize).toBe(8);
    expect(runs.reduce((s, x) => s + x.evaluations, 0)).toBe(r.evaluations);
    expect(cma.stopped()).toBe(true);
    expect(cma.stopReason()).toBe("tolFun");
    expect(r.stopReason).toBe("callback");
  });

  it("BIPOP's small runs ask their own λ, not a multiple of the first run's", () => {
    const cma = new CMAES({
      dim: 5,
      lower: -5,
      upper: 5,
      rng: 4,
      restarts: { kind: "bipop", max: 3 },
      tolFun: 1e-3,
    });
    const asked = new Set<number>();
    minimize(cma, sphere(5), {
      maxEvaluations: 200_000,
      onGeneration: ({ fitness }) => {
        asked.add(fitness.length);
        return !cma.stopped();
      },
    });
    const runs = cma.runs();
    expect(new Set(runs.map((s) => s.lambda))).toEqual(asked);
    const small = runs.filter((s) => s.regime === "small").map((s) => s.lambda);
    expect(small.length).toBeGreaterThan(0);
    expect(small.some((l) => l % 8 !== 0)).toBe(true);
    for (const s of runs) expect(s.evaluations % s.lambda).toBe(0);
  });

  it("without restarts, stops with a reason and then keeps the distribution frozen", () => {
    const cma = new CMAES({ dim: 3, lower: -5, upper: 5, rng: 2 });
    minimize(cma, sphere(3), { maxEvaluations: 100_000, onGeneration: () => !cma.stopped() });
    expect(["tolFun", "tolX"]).toContain(cma.stopReason());
    const m = cma.mean();
    minimize(cma, sphere(3), { maxGenerations: 5 });
    expect(cma.mean()).toEqual(m);
  });
});

describe("CMAES options", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["dim", { dim: 0 }],
    ["sigma0", { sigma0: -1 }],
    ["populationSize", { populationSize: 1 }],
    ["covariance", { covariance: "banded" }],
    ["restarts.kind", { restarts: { kind: "lpop" } }],
    ["restarts.max", { restarts: { kind: "ipop", max: -1 } }],
    ["tolConditionCov", { tolConditionCov: 1 }],
    ["x0[1]", { x0: [0, 9, 0] }],
    ["x0", { x0: [0, 0] }],
    ["lower[0]", { lower: 6 }],
    ["seed", { seed: 1 }],
  ];
  for (const [key, o] of bad) {
    it(`a bad ${key} throws one OptionsError line naming it`, () => {
      const make = () => new CMAES({ dim: 3, lower: -5, upper: 5, rng: 1, ...o } as CMAESOptions);
      expect(make).toThrow(OptionsError);
      try {
        make();
      } catch (e) {
        const msg = (e as Error).message;
        expect(msg.split("\n")).toHaveLength(1);
        expect(msg).toMatch(key === "seed" ? 'CMAES: unknown key "seed"' : `CMAES: ${key}:`);
      }
    });
  }
});
