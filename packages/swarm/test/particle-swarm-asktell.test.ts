import { minimize, type Objective, rastrigin, rosenbrock, sphere } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type BoundaryHandling,
  type CoefficientsSpec,
  ParticleSwarm,
  type ParticleSwarmOptions,
  SPSO2011_ACCELERATION,
  SPSO2011_INERTIA,
  type TopologySpec,
} from "../src/index.ts";

const topologies: TopologySpec[] = [
  { kind: "global" },
  { kind: "ring", radius: 2 },
  { kind: "adaptive-random", informants: 2 },
];
const coefficients: CoefficientsSpec[] = [
  { kind: "inertia" },
  { kind: "inertia", w: 1.2, c1: 2, c2: 2 }, // divergent on purpose: exercises the boundaries hard
  { kind: "constriction" },
  { kind: "linear-inertia", generations: 10 },
];
const configs = fc.record({
  topology: fc.constantFrom(...topologies),
  coefficients: fc.constantFrom(...coefficients),
  boundary: fc.constantFrom<BoundaryHandling>("clamp", "reflect", "reinit"),
  maxVelocity: fc.option(fc.constantFrom(0.05, 0.2, 1), { nil: undefined }),
  populationSize: fc.integer({ min: 2, max: 12 }),
  seed: fc.integer({ min: 0, max: 10_000 }),
});

const pso = (options: Partial<ParticleSwarmOptions> & { seed?: number } = {}) => {
  const { seed = 1, ...rest } = options;
  return new ParticleSwarm({ dim: 4, lower: -5.12, upper: 5.12, rng: new Rng(seed), ...rest });
};

describe("ParticleSwarm ask/tell", () => {
  it("keeps particles in the box, velocities within vmax, and personal bests non-increasing", () => {
    const lower = [-1, 0, -10, 2];
    const upper = [1, 0.25, 10, 3];
    const span = upper.map((u, d) => u - lower[d]);
    fc.assert(
      fc.property(configs, ({ seed, ...c }) => {
        const s = new ParticleSwarm({ dim: 4, lower, upper, rng: new Rng(seed), ...c });
        const pull: Objective = {
          dim: 4,
          evaluate: (x) => x.reduce((a, v, d) => a + (v - 20 * (d % 2 ? 1 : -1)) ** 2, 0),
        };
        let prev = s.personalBestValues();
        for (let gen = 0; gen < 12; gen++) {
          const xs = s.ask();
          for (let k = 0; k < xs.length; k++) {
            const d = k % 4;
            if (!(xs[k] >= lower[d] && xs[k] <= upper[d])) throw new Error(`x_${d} = ${xs[k]} left the box`);
          }
          if (c.maxVelocity !== undefined) {
            const v = s.velocities();
            for (let k = 0; k < v.length; k++) {
              // Boundary handling only shrinks (−0.5 v), negates (−v) or zeroes a velocity.
              if (Math.abs(v[k]) > Math.fround(c.maxVelocity * span[k % 4]) * (1 + 1e-6))
                throw new Error(`|v| = ${v[k]}`);
            }
          }
          minimize(s, pull, { maxGenerations: 1 });
          const now = s.personalBestValues();
          now.forEach((f, i) => {
            expect(f).toBeLessThanOrEqual(prev[i]);
          });
          prev = now;
        }
      }),
      { numRuns: 60 },
    );
  });

  it("starts SPSO 2011 style: x uniform in the range and x + v inside it too", () => {
    const s = new ParticleSwarm({
      dim: 3,
      lower: [0, -1, 5],
      upper: [1, 1, 6],
      populationSize: 500,
      rng: new Rng(2),
    });
    const x = s.ask();
    const v = s.velocities();
    const lower = [0, -1, 5];
    const upper = [1, 1, 6];
    for (let k = 0; k < x.length; k++) {
      const d = k % 3;
      expect(x[k]).toBeGreaterThanOrEqual(lower[d]);
      expect(x[k]).toBeLessThanOrEqual(upper[d]);
      expect(x[k] + v[k]).toBeGreaterThanOrEqual(lower[d] - 1e-6);
      expect(x[k] + v[k]).toBeLessThanOrEqual(upper[d] + 1e-6);
    }
  });

  it("re-draws the adaptive random links only after an iteration that did not improve the swarm best", () => {
    const s = pso({ populationSize: 10, seed: 5 });
    const n = 10;
    const links = () => (s.state() as { links: number[] }).links;
    s.ask();
    s.tell(Float64Array.from({ length: n }, (_, i) => 100 + i)); // first iteration improves on +Infinity
    const l1 = links();
    s.ask();
    s.tell(new Float64Array(n).fill(50)); // improves 100 → 50: keep the links
    expect(links()).toEqual(l1);
    s.ask();
    s.tell(new Float64Array(n).fill(50)); // no strict improvement: new links
    const l3 = links();
    expect(l3).not.toEqual(l1);
    s.ask();
    s.tell(new Float64Array(n).fill(Number.NaN)); // NaN is no improvement either
    expect(links()).not.toEqual(l3);
  });
});

describe("ParticleSwarm ask/tell: protocol and determinism", () => {
  it("enforces ask before tell and one fitness per row", () => {
    const s = pso({ populationSize: 5 });
    expect(() => s.tell(new Float64Array(5))).toThrow(
      /ParticleSwarm.tell: no candidates are pending; call ask\(\) first/,
    );
    const xs = s.ask();
    expect(xs.length).toBe(20);
    expect(s.ask()).toBe(xs);
    expect(() => s.tell([1, 2])).toThrow(/ParticleSwarm.tell: got 2 values, expected one per row \(5\)/);
    s.tell([1, 2, 3, 4, 5]);
    expect([s.generation, s.evaluations]).toEqual([1, 5]);
  });

  it("ranks NaN and infinite fitness worst: they never enter personal bests or best()", () => {
    const f = sphere(4);
    const s = pso({ seed: 4, populationSize: 12 });
    const flaky: Objective = { dim: 4, evaluate: (x) => (x[1] > 0 ? Number.NaN : f.evaluate(x)) };
    const r = minimize(s, flaky, { maxGenerations: 40 });
    expect(Number.isFinite(r.f)).toBe(true);
    expect(r.x[1]).toBeLessThanOrEqual(0);
    expect(r.f).toBe(f.evaluate(r.x));
    for (const pf of s.personalBestValues()) expect(Number.isNaN(pf)).toBe(false);
  });

  it("gives the same trajectory for the same seed and a different one for another seed", () => {
    const f = rosenbrock(4);
    const run = (seed: number) =>
      minimize(pso({ seed, lower: f.lower, upper: f.upper }), f, { maxGenerations: 50 });
    const a = run(3);
    expect(run(3).history).toEqual(a.history);
    expect(run(3).x).toEqual(a.x);
    expect(run(4).history).not.toEqual(a.history);
  });
});

describe("ParticleSwarm ask/tell: resume, batching, defaults and options", () => {
  it("resumes bit-identically from a JSON state round trip, mid-generation included", () => {
    fc.assert(
      fc.property(configs, fc.integer({ min: 0, max: 6 }), fc.boolean(), ({ seed, ...c }, k, pending) => {
        const f = rastrigin(4);
        const a = pso({ seed, ...c });
        if (k > 0) minimize(a, f, { maxGenerations: k });
        if (pending) a.ask();
        const b = ParticleSwarm.fromState(JSON.parse(JSON.stringify(a.state())));
        expect(b.state()).toEqual(a.state());
        expect(b.settings).toEqual(a.settings);
        const ra = minimize(a, f, { maxGenerations: 8 });
        const rb = minimize(b, f, { maxGenerations: 8 });
        expect(rb.history).toEqual(ra.history);
        expect(b.ask()).toEqual(a.ask());
        expect(b.velocities()).toEqual(a.velocities());
        expect(b.best()).toEqual(a.best());
      }),
      { numRuns: 40 },
    );
  });

  it("gives the same run whether the swarm is evaluated in one batch or row by row", () => {
    const f = rastrigin(4);
    const single: Objective = { dim: 4, evaluate: (x) => f.evaluate(x) };
    const a = minimize(pso({ seed: 9 }), f, { maxGenerations: 60 });
    const b = minimize(pso({ seed: 9 }), single, { maxGenerations: 60 });
    expect(b.history).toEqual(a.history);
    expect(b.x).toEqual(a.x);
  });

  it("records SPSO 2011 defaults", () => {
    const s = new ParticleSwarm({ dim: 2, lower: 0, upper: 1, rng: new Rng(1) });
    expect(s.populationSize).toBe(40);
    expect(s.settings).toMatchObject({
      populationSize: 40,
      topology: { kind: "adaptive-random", informants: 3 },
      coefficients: {
        kind: "inertia",
        w: SPSO2011_INERTIA,
        c1: SPSO2011_ACCELERATION,
        c2: SPSO2011_ACCELERATION,
      },
      maxVelocity: null,
      boundary: "clamp",
    });
  });

  it("works unbounded with an initialisation range, and walks out of it", () => {
    const s = new ParticleSwarm({
      dim: 3,
      initLower: -1,
      initUpper: 1,
      rng: new Rng(3),
      topology: { kind: "global" },
    });
    const shifted: Objective = { dim: 3, evaluate: (x) => x.reduce((a, v) => a + (v - 10) ** 2, 0) };
    const r = minimize(s, shifted, { maxGenerations: 300 });
    expect(r.f).toBeLessThan(1e-6);
    expect(ParticleSwarm.fromState(JSON.parse(JSON.stringify(s.state()))).state()).toEqual(s.state());
  });
});

describe("ParticleSwarm options", () => {
  it("rejects bad options with an OptionsError naming the path, value and expectation", () => {
    const base = { dim: 3, lower: -1, upper: 1, rng: new Rng(1) };
    const cases: [Record<string, unknown>, RegExp][] = [
      [
        { populationSize: 1 },
        /^ParticleSwarm: populationSize: Too small: expected number to be >=2 \(got 1\)$/,
      ],
      [{ maxVelocity: 0 }, /maxVelocity: Too small: expected number to be >0 \(got 0\)/],
      [{ maxVelocity: -0.5 }, /maxVelocity: Too small: expected number to be >0 \(got -0.5\)/],
      [{ boundary: "wrap" }, /boundary: .*"clamp"\|"reflect"\|"reinit" \(got "wrap"\)/],
      [
        { topology: { kind: "star" } },
        /topology.kind: .*'global' \| 'ring' \| 'adaptive-random' \(got .*"star"/,
      ],
      [{ topology: { kind: "ring", k: 2 } }, /topology: unknown key "k"/],
      [
        { topology: { kind: "adaptive-random", informants: 0 } },
        /topology.informants: Too small: .*>=1 \(got 0\)/,
      ],
      [{ coefficients: { kind: "inertia", c1: -1 } }, /coefficients.c1: Too small: .*>=0 \(got -1\)/],
      [
        { lower: [0, 0, 0, 0] },
        /lower: expected one number, or 3 \(one per dimension\) \(got \[0, 0, 0, 0\]\)/,
      ],
      [{ upper: -2 }, /lower\[0\]: expected < upper\[0\] = -2 \(got -1\)/],
      [
        { swarmSize: 10 },
        /^ParticleSwarm: unknown key "swarmSize"; known keys: dim, rng, precision, populationSize, topology/,
      ],
      [
        { rng: [42] },
        /rng: expected an Rng from @arena\/rng or a seed \(a finite number or a string\) \(got \[42\]\)/,
      ],
      [{ rng: Number.POSITIVE_INFINITY }, /rng: expected an Rng .* \(got Infinity\)/],
      [{ precision: "float16" }, /precision: .* \(got "float16"\)/],
      // Every problem at once, in one line.
      [{ populationSize: 1, boundary: "wrap" }, /populationSize: .* \(got 1\); boundary: .* \(got "wrap"\)$/],
    ];
    for (const [extra, re] of cases) {
      expect(() => new ParticleSwarm({ ...base, ...extra } as ParticleSwarmOptions)).toThrow(OptionsError);
      expect(() => new ParticleSwarm({ ...base, ...extra } as ParticleSwarmOptions)).toThrow(re);
    }
    const s = pso().state();
    expect(() => ParticleSwarm.fromState({ ...s, links: [1, 2] })).toThrow(
      /state.links must be an array of 120 particle indices/,
    );
    expect(() => ParticleSwarm.fromState({ ...s, version: 2 } as never)).toThrow(
      /state version 2 is not supported/,
    );
  });
});
