import { minimize, type Objective, rastrigin, rosenbrock, sphere } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CrossoverSpec,
  GeneticAlgorithm,
  type GeneticAlgorithmOptions,
  type MutationSpec,
  type SelectionSpec,
} from "../src/index.ts";

const selections: SelectionSpec[] = [
  { kind: "tournament", size: 2 },
  { kind: "rank", pressure: 1.8 },
  { kind: "roulette" },
  { kind: "truncation", fraction: 0.5 },
];
const crossovers: CrossoverSpec[] = [
  { kind: "uniform" },
  { kind: "one-point" },
  { kind: "two-point" },
  { kind: "arithmetic" },
  { kind: "blx", alpha: 0.5 },
  { kind: "sbx", eta: 2 },
];
const mutations: MutationSpec[] = [
  { kind: "gaussian", sigma: 0.5, geneRate: 0.5 },
  { kind: "polynomial", eta: 1, geneRate: 0.5 },
  { kind: "uniform-reset", geneRate: 0.3 },
];

const configs = fc.record({
  selection: fc.constantFrom(...selections),
  crossover: fc.constantFrom(...crossovers),
  mutation: fc.constantFrom(...mutations),
  elitism: fc.integer({ min: 0, max: 3 }),
  populationSize: fc.integer({ min: 4, max: 15 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

function ga(options: Partial<GeneticAlgorithmOptions> & { seed?: number } = {}): GeneticAlgorithm {
  const { seed = 1, ...rest } = options;
  return new GeneticAlgorithm({ dim: 5, lower: -5.12, upper: 5.12, rng: new Rng(seed), ...rest });
}

describe("GeneticAlgorithm ask/tell", () => {
  it("keeps every individual inside per-dimension bounds, for every operator combination", () => {
    const lower = [-1, 0, -10, 2, -0.5];
    const upper = [1, 0.25, 10, 3, 7];
    fc.assert(
      fc.property(configs, ({ seed, ...c }) => {
        const g = new GeneticAlgorithm({ dim: 5, lower, upper, rng: new Rng(seed), ...c });
        // A deceptive objective that rewards leaving the box pushes every operator against the bounds.
        const push: Objective = { dim: 5, evaluate: (x) => -x.reduce((s, v, d) => s + (d % 2 ? v : -v), 0) };
        for (let gen = 0; gen < 8; gen++) {
          const xs = g.ask();
          for (let k = 0; k < xs.length; k++) {
            const d = k % 5;
            if (!(xs[k] >= lower[d] && xs[k] <= upper[d]))
              throw new Error(`gene ${d} = ${xs[k]} left the box`);
          }
          const f = new Float64Array(g.populationSize);
          for (let i = 0; i < f.length; i++) f[i] = push.evaluate(xs.subarray(i * 5, i * 5 + 5));
          g.tell(f);
        }
      }),
      { numRuns: 60 },
    );
  });

  it("elitism copies the best individuals unchanged into the first rows, so the population best never worsens", () => {
    fc.assert(
      fc.property(configs, ({ seed, ...c }) => {
        fc.pre(c.elitism > 0);
        const f = rastrigin(5);
        const g = new GeneticAlgorithm({ dim: 5, lower: f.lower, upper: f.upper, rng: new Rng(seed), ...c });
        const fit = new Float64Array(g.populationSize);
        let prevBest = Number.POSITIVE_INFINITY;
        for (let gen = 0; gen < 10; gen++) {
          const xs = g.ask().slice();
          f.evaluateBatch(xs, g.populationSize, fit);
          const popBest = Math.min(...fit);
          expect(popBest).toBeLessThanOrEqual(prevBest);
          prevBest = popBest;
          const ranked = Array.from(fit.keys()).sort((a, b) => fit[a] - fit[b] || a - b);
          g.tell(fit);
          const next = g.ask();
          for (let e = 0; e < c.elitism; e++) {
            expect(next.subarray(e * 5, e * 5 + 5)).toEqual(xs.subarray(ranked[e] * 5, ranked[e] * 5 + 5));
          }
          expect(g.best().f).toBe(popBest);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe("GeneticAlgorithm ask/tell: protocol and determinism", () => {
  it("enforces ask before tell and one fitness per row", () => {
    const g = ga({ populationSize: 6 });
    expect(() => g.tell(new Float64Array(6))).toThrow(/GeneticAlgorithm.tell: no candidates are pending/);
    expect(() => g.best()).toThrow(/GeneticAlgorithm.best: nothing has been told yet/);
    const xs = g.ask();
    expect(xs.length).toBe(30);
    expect(g.ask()).toBe(xs);
    expect(() => g.tell(new Float64Array(5))).toThrow(/got 5 values, expected one per row \(6\)/);
    g.tell(new Float64Array(6));
    expect(g.generation).toBe(1);
    expect(g.evaluations).toBe(6);
  });

  it("ranks NaN and infinite fitness worst: never best(), never an elite while finite ones exist", () => {
    const f = sphere(5);
    const g = ga({ populationSize: 10, elitism: 2, seed: 3 });
    const nanEvery3rd: Objective = {
      dim: 5,
      evaluate: (x) => (Math.abs(x[0] * 1000) % 3 < 1 ? Number.NaN : f.evaluate(x)),
    };
    const seenNaN: number[] = [];
    const r = minimize(g, nanEvery3rd, {
      maxGenerations: 30,
      onGeneration: (info) => {
        seenNaN.push(info.fitness.filter(Number.isNaN).length);
      },
    });
    expect(seenNaN.some((k) => k > 0)).toBe(true);
    expect(Number.isFinite(r.f)).toBe(true);
    expect(r.f).toBe(f.evaluate(r.x));
    // Elites are re-evaluated in the first rows; their values are finite because they were finite before.
    const xs = g.ask();
    expect(Number.isNaN(nanEvery3rd.evaluate(xs.subarray(0, 5)))).toBe(false);
  });

  it("gives the same trajectory for the same seed and a different one for another seed", () => {
    const f = rosenbrock(5);
    const run = (seed: number) =>
      minimize(ga({ seed, lower: f.lower, upper: f.upper }), f, { maxGenerations: 30 });
    const a = run(7);
    const b = run(7);
    expect(b.history).toEqual(a.history);
    expect(b.x).toEqual(a.x);
    expect(run(8).history).not.toEqual(a.history);
  });
});

describe("GeneticAlgorithm ask/tell: resume, batching and defaults", () => {
  it("resumes bit-identically from a JSON state round trip, mid-generation included", () => {
    fc.assert(
      fc.property(configs, fc.integer({ min: 0, max: 6 }), fc.boolean(), ({ seed, ...c }, k, pending) => {
        const f = rastrigin(5);
        const a = ga({ seed, ...c });
        if (k > 0) minimize(a, f, { maxGenerations: k });
        if (pending) a.ask();
        const s = JSON.parse(JSON.stringify(a.state()));
        const b = GeneticAlgorithm.fromState(s);
        expect(b.state()).toEqual(a.state());
        expect(b.settings).toEqual(a.settings);
        const ra = minimize(a, f, { maxGenerations: 5 });
        const rb = minimize(b, f, { maxGenerations: 5 });
        expect(rb.history).toEqual(ra.history);
        expect(b.ask()).toEqual(a.ask());
        expect(b.best()).toEqual(a.best());
        expect([b.generation, b.evaluations]).toEqual([a.generation, a.evaluations]);
      }),
      { numRuns: 40 },
    );
  });

  it("gives the same run whether the population is evaluated in one batch or row by row", () => {
    const f = rastrigin(5);
    const single: Objective = { dim: 5, evaluate: (x) => f.evaluate(x) };
    const a = minimize(ga({ seed: 11 }), f, { maxGenerations: 40 });
    const b = minimize(ga({ seed: 11 }), single, { maxGenerations: 40 });
    expect(b.history).toEqual(a.history);
    expect(b.x).toEqual(a.x);
  });

  it("records the defaults it used, with their values", () => {
    const g = new GeneticAlgorithm({ dim: 8, lower: -1, upper: 1, rng: new Rng(1) });
    expect(g.populationSize).toBe(100);
    expect(g.settings).toMatchObject({
      populationSize: 100,
      elitism: 1,
      selection: { kind: "tournament", size: 3 },
      crossover: { kind: "sbx", eta: 15 },
      crossoverRate: 0.9,
      mutation: { kind: "polynomial", eta: 20, geneRate: 1 / 8 },
      mutationRate: 1,
    });
  });

  it("works unbounded with an initialisation range", () => {
    const g = new GeneticAlgorithm({
      dim: 3,
      initLower: -1,
      initUpper: 1,
      rng: new Rng(2),
      mutation: { kind: "gaussian" },
    });
    const shifted: Objective = { dim: 3, evaluate: (x) => x.reduce((s, v) => s + (v - 4) ** 2, 0) };
    const r = minimize(g, shifted, { maxGenerations: 200 });
    // The optimum (4, 4, 4) lies outside the initialisation range: an unbounded GA must walk there.
    expect(r.f).toBeLessThan(0.1);
    const s = JSON.parse(JSON.stringify(g.state()));
    expect(s.options.upper).toEqual(["Infinity", "Infinity", "Infinity"]);
    expect(GeneticAlgorithm.fromState(s).state()).toEqual(g.state());
  });
});

describe("GeneticAlgorithm options", () => {
  it("rejects bad options with an OptionsError naming the path, value and expectation", () => {
    const rng = new Rng(1);
    const base = { dim: 3, lower: -1, upper: 1, rng };
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { populationSize: 1 },
        /^GeneticAlgorithm: populationSize: Too small: expected number to be >=2 \(got 1\)$/,
      ],
      [{ populationSize: 2.5 }, /populationSize: .*expected int.* \(got 2.5\)$/],
      [{ crossoverRate: -0.1 }, /crossoverRate: Too small: expected number to be >=0 \(got -0.1\)/],
      [{ mutationRate: 1.5 }, /mutationRate: Too big: expected number to be <=1 \(got 1.5\)/],
      [{ elitism: 100 }, /elitism: expected <= populationSize − 1 = 99 \(got 100\)/],
      [{ elitism: -1 }, /elitism: Too small: expected number to be >=0 \(got -1\)/],
      [
        { lower: [0, 0], upper: 1 },
        /lower: expected one number, or 3 \(one per dimension\) \(got \[0, 0\]\)/,
      ],
      [{ lower: 2, upper: 1 }, /lower\[0\]: expected < upper\[0\] = 1 \(got 2\)/],
      [
        { mutationProbability: 0.1 },
        /^GeneticAlgorithm: unknown key "mutationProbability"; known keys: dim, rng/,
      ],
      [{ selection: { kind: "tournament", k: 3 } }, /selection: unknown key "k"/],
      [
        { selection: { kind: "tournament", size: 0 } },
        /selection.size: Too small: expected number to be >=1 \(got 0\)/,
      ],
      [
        { selection: { kind: "tournament", size: 101 } },
        /selection.size: expected <= populationSize = 100 \(got 101\)/,
      ],
      [
        { selection: { kind: "best" } },
        /selection.kind: .*'tournament' \| 'rank' \| 'roulette' \| 'truncation' \(got .*"best"/,
      ],
      [
        { selection: { kind: "rank", pressure: 3 } },
        /selection.pressure: Too big: expected number to be <=2 \(got 3\)/,
      ],
      [{ selection: { kind: "truncation", fraction: 0 } }, /selection.fraction: Too small: .*>0 \(got 0\)/],
      [
        { crossover: { kind: "sbx", eta: -1 } },
        /crossover.eta: Too small: expected number to be >=0 \(got -1\)/,
      ],
      [{ crossover: { kind: "blx", eta: 1 } }, /crossover: unknown key "eta"/],
      [{ crossover: "sbx" }, /crossover: .*expected object.* \(got "sbx"\)/],
      [{ mutation: { kind: "gaussian", sigma: -0.1 } }, /mutation.sigma: Too small: .*>=0 \(got -0.1\)/],
      [{ mutation: { kind: "polynomial", geneRate: 2 } }, /mutation.geneRate: Too big: .*<=1 \(got 2\)/],
      [{ mutation: { kind: "uniform-reset", sigma: 1 } }, /mutation: unknown key "sigma"/],
      // Every problem at once, in one line.
      [{ crossoverRate: 2, mutationRate: -1 }, /: crossoverRate: .* \(got 2\); mutationRate: .* \(got -1\)$/],
    ];
    for (const [extra, re] of cases) {
      expect(() => new GeneticAlgorithm({ ...base, ...extra } as GeneticAlgorithmOptions)).toThrow(
        OptionsError,
      );
      expect(() => new GeneticAlgorithm({ ...base, ...extra } as GeneticAlgorithmOptions)).toThrow(re);
    }
    expect(() => new GeneticAlgorithm({ dim: 3, rng } as GeneticAlgorithmOptions)).toThrow(
      /initLower\[0\]: expected a finite number/,
    );
    expect(() => GeneticAlgorithm.fromState({ ...ga().state(), type: "ParticleSwarm" })).toThrow(
      /GeneticAlgorithm.fromState: state is of type ParticleSwarm, expected GeneticAlgorithm/,
    );
    const s = ga().state();
    expect(() => GeneticAlgorithm.fromState({ ...s, population: s.population.slice(1) })).toThrow(
      /state field population must be an array of 500 numbers, got an array of 499/,
    );
  });
});
