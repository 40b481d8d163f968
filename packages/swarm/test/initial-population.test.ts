import { type Objective, type Precision, rastrigin } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { ParticleSwarm, type ParticleSwarmOptions } from "../src/index.ts";

const base = { dim: 3, lower: -2, upper: 2, populationSize: 6, maxVelocity: 0.2 } as const;

/** Runs `generations` ask/tell rounds on `f` and returns the state. */
function run(pso: ParticleSwarm, f: Objective, generations: number) {
  const fitness = new Float64Array(pso.populationSize);
  for (let g = 0; g < generations; g++) {
    const xs = pso.ask();
    for (let i = 0; i < pso.populationSize; i++) fitness[i] = f.evaluate(xs.subarray(i * 3, i * 3 + 3));
    pso.tell(fitness);
  }
  return pso.state();
}

const seeds = [Float32Array.of(0.5, -1, 1.5), [1, 1, 1]];
const velocities = [[0, 0, 0], Float32Array.of(3, -3, 0.25)];

describe("ParticleSwarm initialPopulation and initialVelocities: the start", () => {
  it("places the first particles and keeps the others, the links and the stream of a swarm without it", () => {
    const plain = new ParticleSwarm({ ...base, rng: new Rng(4) });
    const seeded = new ParticleSwarm({ ...base, rng: new Rng(4), initialPopulation: seeds });
    const [p, s] = [plain.state(), seeded.state()];
    expect(s.positions.slice(0, 6)).toEqual([0.5, -1, 1.5, 1, 1, 1]);
    expect(s.personalBest).toEqual(s.positions);
    expect(s.positions.slice(6)).toEqual(p.positions.slice(6));
    expect(s.velocities.slice(6)).toEqual(p.velocities.slice(6));
    expect(s.links).toEqual(p.links);
    expect(s.rng).toEqual(p.rng);
    expect(s.personalBestF).toEqual(p.personalBestF);
  });

  it("without initialVelocities, a placed particle's velocity follows SPSO 2011's rule from its position", () => {
    const seeded = new ParticleSwarm({
      ...base,
      maxVelocity: undefined,
      rng: new Rng(4),
      initialPopulation: seeds,
    });
    const v = seeded.velocities();
    for (let i = 0; i < 2; i++) {
      for (let d = 0; d < 3; d++) {
        const x = Number(seeds[i][d]);
        expect(v[i * 3 + d]).toBeGreaterThanOrEqual(Math.fround(-2 - x));
        expect(v[i * 3 + d]).toBeLessThanOrEqual(Math.fround(2 - x));
      }
    }
  });

  it("uses initialVelocities as given (the velocity limit applies from the first move on)", () => {
    const seeded = new ParticleSwarm({
      ...base,
      rng: new Rng(4),
      initialPopulation: seeds,
      initialVelocities: velocities,
    });
    expect(Array.from(seeded.velocities().subarray(0, 6))).toEqual([0, 0, 0, 3, -3, 0.25]);
  });
});

describe("ParticleSwarm initialPopulation: the same run as the state round trip", () => {
  it("is the state() round trip it replaces, bit for bit", () => {
    const seeded = new ParticleSwarm({
      ...base,
      rng: new Rng(5),
      initialPopulation: seeds,
      initialVelocities: velocities,
    });
    const fresh = new ParticleSwarm({ ...base, rng: new Rng(5) }).state();
    const positions = fresh.positions.slice();
    positions.splice(0, 6, 0.5, -1, 1.5, 1, 1, 1);
    const v = fresh.velocities.slice();
    v.splice(0, 6, 0, 0, 0, 3, -3, 0.25);
    const restored = ParticleSwarm.fromState({ ...fresh, positions, personalBest: positions, velocities: v });
    const f = rastrigin(3);
    expect(run(seeded, f, 15)).toEqual(run(restored, f, 15));
  });

  it("seeding a swarm with its own positions and velocities changes nothing", () => {
    const plain = new ParticleSwarm({ ...base, rng: new Rng(6) });
    const x = plain.ask().slice(0, 6);
    const v = plain.velocities().slice(0, 6);
    const seeded = new ParticleSwarm({
      ...base,
      rng: new Rng(6),
      initialPopulation: [x.subarray(0, 3), x.subarray(3, 6)],
      initialVelocities: [v.subarray(0, 3), v.subarray(3, 6)],
    });
    const f = rastrigin(3);
    expect(run(seeded, f, 10)).toEqual(run(plain, f, 10));
  });
});

describe("ParticleSwarm initialPopulation and initialVelocities: validation", () => {
  it("rejects bad rows, naming the option and the row", () => {
    const cases: [Partial<ParticleSwarmOptions<Precision>>, RegExp][] = [
      [{ initialPopulation: [[0, 0]] }, /initialPopulation\[0\]: expected dim = 3 entries \(got 2\)/],
      [
        { initialPopulation: Array(7).fill([0, 0, 0]) },
        /initialPopulation: expected at most populationSize = 6 rows \(got 7\)/,
      ],
      [{ initialPopulation: [[0, Infinity, 0]] }, /initialPopulation\[0\]: expected finite numbers/],
      [{ initialPopulation: [[0, -3, 0]] }, /initialPopulation\[0\]\[1\]: expected inside the box/],
      [
        { initialVelocities: [[0, 0, 0]] },
        /initialVelocities: expected one row per row of initialPopulation \(0\) \(got 1\)/,
      ],
      [
        {
          initialPopulation: [[0, 0, 0]],
          initialVelocities: [
            [0, 0, 0],
            [0, 0, 0],
          ],
        },
        /initialVelocities: expected one row per row of initialPopulation \(1\) \(got 2\)/,
      ],
      [
        { initialPopulation: [[0, 0, 0]], initialVelocities: [[0, 0, Number.NaN]] },
        /initialVelocities\[0\]: expected finite numbers; entry \[2\] is NaN/,
      ],
      [
        { precision: "float32", initialPopulation: [[0, 0, 0]], initialVelocities: [[0, 0, -1e39]] },
        /initialVelocities\[0\]\[2\]: expected finite once stored as float32 \(got -1e\+39\)/,
      ],
      [
        { initialPopulation: [[0, 0, 0]], initialVelocities: [[0, 0]] },
        /initialVelocities\[0\]: expected dim = 3/,
      ],
    ];
    for (const [extra, re] of cases) {
      const options = { ...base, rng: new Rng(1), ...extra } as ParticleSwarmOptions<Precision>;
      expect(() => new ParticleSwarm(options)).toThrow(OptionsError);
      expect(() => new ParticleSwarm(options)).toThrow(re);
    }
  });
});
