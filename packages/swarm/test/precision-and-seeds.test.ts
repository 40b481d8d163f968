import { minimize, type Objective, sphere } from "@arena/objectives";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { ParticleSwarm } from "../src/index.ts";

/** A 10-D sphere whose minimiser (1/3 + i/7) no float32 can hold, so float32 has a floor above 0. */
const offsets = Array.from({ length: 10 }, (_, i) => 1 / 3 + i / 7);
const shiftedSphere: Objective<Float64Array | Float32Array> = {
  dim: 10,
  evaluate: (x) => {
    let s = 0;
    for (let i = 0; i < 10; i++) s += (x[i] - offsets[i]) ** 2;
    return s;
  },
};

describe("ParticleSwarm precision", () => {
  it("works in float64 by default and reaches optima float32 cannot hold", () => {
    const f64 = new ParticleSwarm({ dim: 10, lower: -5.12, upper: 5.12, rng: 1 });
    expect(f64.precision).toBe("float64");
    expect(f64.ask()).toBeInstanceOf(Float64Array);
    const r64 = minimize(f64, shiftedSphere, { maxEvaluations: 20_000 });
    expect(r64.x).toBeInstanceOf(Float64Array);
    expect(r64.f).toBeLessThan(1e-20);
    const f32 = new ParticleSwarm({ dim: 10, lower: -5.12, upper: 5.12, rng: 1, precision: "float32" });
    expect(f32.ask()).toBeInstanceOf(Float32Array);
    expect(f32.velocities()).toBeInstanceOf(Float32Array);
    const r32 = minimize(f32, shiftedSphere, { maxEvaluations: 20_000 });
    // The float32 grid's floor: Σ (fround(c_i) − c_i)² at best.
    const floor = offsets.reduce((s, c) => s + (Math.fround(c) - c) ** 2, 0);
    expect(r32.f).toBeGreaterThanOrEqual(floor * 0.99);
    expect(r32.f).toBeGreaterThan(1e-16);
  });

  it("records the precision in state(), resumes in it exactly, and refuses to change it", () => {
    const f = sphere(4);
    for (const precision of ["float64", "float32"] as const) {
      const a = new ParticleSwarm({ dim: 4, lower: f.lower, upper: f.upper, rng: 3, precision });
      minimize(a, f, { maxGenerations: 5 });
      const json = JSON.parse(JSON.stringify(a.state()));
      expect(json.precision).toBe(precision);
      const b = ParticleSwarm.fromState(json);
      expect(b.precision).toBe(precision);
      expect(minimize(b, f, { maxGenerations: 5 }).history).toEqual(
        minimize(a, f, { maxGenerations: 5 }).history,
      );
      expect(b.ask()).toEqual(a.ask());
      const other = precision === "float64" ? "float32" : "float64";
      expect(() => ParticleSwarm.fromState(json, other)).toThrow(
        new RegExp(
          `ParticleSwarm.fromState: the state was saved in ${precision} precision, expected ${other}`,
        ),
      );
      expect(ParticleSwarm.fromState(json, precision).precision).toBe(precision);
    }
  });

  it("reads a state saved before the precision field as float32", () => {
    const a = new ParticleSwarm({ dim: 3, lower: -1, upper: 1, rng: 2, precision: "float32" });
    const { precision: _, ...old } = a.state();
    expect(ParticleSwarm.fromState(old as never).ask()).toBeInstanceOf(Float32Array);
    expect(() => ParticleSwarm.fromState({ ...a.state(), precision: "half" } as never)).toThrow(
      /state.precision is "half", expected "float64" or "float32"/,
    );
  });

  it("takes a plain seed wherever it takes an Rng: a number or a string is new Rng(seed)", () => {
    const f = sphere(3);
    const run = (rng: Rng | number | string) =>
      minimize(new ParticleSwarm({ dim: 3, lower: f.lower, upper: f.upper, rng }), f, { maxGenerations: 4 });
    expect(run(42)).toEqual(run(new Rng(42)));
    expect(run("seed/1")).toEqual(run(new Rng("seed/1")));
    expect(run(42).f).not.toBe(run(43).f);
  });
});
