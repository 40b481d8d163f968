import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  CoefficientsSpec,
  coefficientsAt,
  constrictionFactor,
  ParticleSwarm,
  SPSO2011_ACCELERATION,
  SPSO2011_INERTIA,
} from "../src/index.ts";

/** The coefficients a swarm resolves from `spec` (its defaults filled in). */
const resolve = (spec: CoefficientsSpec) =>
  new ParticleSwarm({ dim: 2, lower: -1, upper: 1, rng: new Rng(1), coefficients: spec }).settings
    .coefficients;

describe("velocity coefficients", () => {
  it("has SPSO 2011's constants: w = 1/(2 ln 2) ≈ 0.721, c = 1/2 + ln 2 ≈ 1.193", () => {
    expect(SPSO2011_INERTIA).toBeCloseTo(0.7213475, 7);
    expect(SPSO2011_ACCELERATION).toBeCloseTo(1.1931472, 7);
    const out = new Float64Array(3);
    coefficientsAt(resolve({ kind: "inertia" }), 1, out);
    expect(Array.from(out)).toEqual([SPSO2011_INERTIA, SPSO2011_ACCELERATION, SPSO2011_ACCELERATION]);
  });

  it("has Clerc–Kennedy constriction χ(4.1) ≈ 0.72984 and χ·φ/2 ≈ 1.49618", () => {
    expect(constrictionFactor(4.1)).toBeCloseTo(0.729843788, 8);
    const out = new Float64Array(3);
    coefficientsAt(resolve({ kind: "constriction" }), 7, out);
    expect(out[0]).toBeCloseTo(0.729843788, 8);
    expect(out[1]).toBeCloseTo(1.496179765, 8);
    expect(out[2]).toBe(out[1]);
    // χ solves χ² (φ² − 4φ) … the closed form satisfies χ = 2 / (φ − 2 + √(φ² − 4φ)).
    for (const phi of [4.01, 4.5, 6])
      expect(constrictionFactor(phi)).toBeCloseTo(2 / (phi - 2 + Math.sqrt(phi * phi - 4 * phi)), 12);
    expect(() => constrictionFactor(4)).toThrow(/phi must be > 4, got 4/);
  });

  it("linear inertia falls from 0.9 to 0.4 over the given generations, then stays", () => {
    const c = resolve({ kind: "linear-inertia", generations: 11 });
    expect(c).toEqual({ kind: "linear-inertia", wStart: 0.9, wEnd: 0.4, generations: 11, c1: 2, c2: 2 });
    const out = new Float64Array(3);
    const w = (move: number) => {
      coefficientsAt(c, move, out);
      return out[0];
    };
    expect(w(1)).toBe(0.9);
    expect(w(6)).toBeCloseTo(0.65, 12);
    expect(w(11)).toBeCloseTo(0.4, 12);
    expect(w(500)).toBeCloseTo(0.4, 12);
    for (let m = 2; m <= 11; m++) expect(w(m)).toBeLessThan(w(m - 1));
  });

  it("rejects bad coefficients with an OptionsError naming the path, value and expectation", () => {
    const cases: [unknown, RegExp][] = [
      [
        { kind: "inertia", w: -1 },
        /^ParticleSwarm: coefficients.w: Too small: expected number to be >=0 \(got -1\)$/,
      ],
      [{ kind: "inertia", chi: 1 }, /^ParticleSwarm: coefficients: unknown key "chi"/],
      [
        { kind: "constriction", phi1: 1, phi2: 2 },
        /^ParticleSwarm: coefficients: expected phi1 \+ phi2 > 4 \(got 3\)$/,
      ],
      [{ kind: "linear-inertia" }, /^ParticleSwarm: coefficients.generations: required: expected number$/],
      [{ kind: "linear-inertia", generations: 1 }, /coefficients.generations: Too small: .*>=2 \(got 1\)$/],
      [
        { kind: "adaptive" },
        /coefficients.kind: .*'inertia' \| 'constriction' \| 'linear-inertia' \(got .*"adaptive"/,
      ],
    ];
    for (const [spec, re] of cases) {
      expect(() => resolve(spec as CoefficientsSpec)).toThrow(OptionsError);
      expect(() => resolve(spec as CoefficientsSpec)).toThrow(re);
    }
    expect(CoefficientsSpec.safeParse({ kind: "constriction" }).success).toBe(true);
  });
});
