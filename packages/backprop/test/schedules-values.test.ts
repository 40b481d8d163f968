import { describe, expect, it } from "vitest";
import { createSchedule, type ScheduleConfig } from "../src/index.ts";

describe("learning-rate schedules at known steps", () => {
  it("constant", () => {
    const s = createSchedule({ kind: "constant", lr: 0.01 });
    expect([s.at(0), s.at(1), s.at(1_000_000)]).toEqual([0.01, 0.01, 0.01]);
  });

  it("step: lr·γ^⌊k/stepSize⌋, γ 0.1 by default", () => {
    const s = createSchedule({ kind: "step", lr: 0.1, stepSize: 10, gamma: 0.5 });
    expect([s.at(0), s.at(9), s.at(10), s.at(19), s.at(20), s.at(35)]).toEqual([
      0.1, 0.1, 0.05, 0.05, 0.025, 0.0125,
    ]);
    const d = createSchedule({ kind: "step", lr: 1, stepSize: 3 });
    expect(d.config).toEqual({ kind: "step", lr: 1, stepSize: 3, gamma: 0.1 });
    expect(d.at(3)).toBeCloseTo(0.1, 15);
    expect(d.at(6)).toBeCloseTo(0.01, 15);
  });

  it("exponential: lr·γ^k", () => {
    const s = createSchedule({ kind: "exponential", lr: 2, gamma: 0.5 });
    expect([s.at(0), s.at(1), s.at(2), s.at(10)]).toEqual([2, 1, 0.5, 2 / 1024]);
  });

  it("cosine: lr at 0, the midpoint halfway, minLr at and after the end", () => {
    const s = createSchedule({ kind: "cosine", lr: 0.1, steps: 100, minLr: 0.02 });
    expect(s.at(0)).toBe(0.1);
    expect(s.at(50)).toBeCloseTo(0.06, 15); // 0.02 + 0.08·(1 + cos(π/2))/2
    expect(s.at(25)).toBeCloseTo(0.02 + 0.04 * (1 + Math.SQRT1_2), 15); // cos(π/4) = √½
    expect(s.at(75)).toBeCloseTo(0.02 + 0.04 * (1 - Math.SQRT1_2), 15);
    expect([s.at(100), s.at(5000)]).toEqual([0.02, 0.02]);
    expect(createSchedule({ kind: "cosine", lr: 1, steps: 4 }).at(2)).toBeCloseTo(0.5, 15); // minLr 0 by default
  });

  it("warm-up ramps linearly to the inner schedule's first rate, then runs the inner schedule from its step 0", () => {
    const s = createSchedule({
      kind: "warmup",
      steps: 4,
      schedule: { kind: "step", lr: 0.8, stepSize: 2, gamma: 0.5 },
    });
    // warm-up: 0.8·1/4, 0.8·2/4, 0.8·3/4, 0.8·4/4; then the step schedule: 0.8, 0.8, 0.4, 0.4, 0.2
    const ramp = [0.2, 0.4, 0.6, 0.8];
    for (let k = 0; k < 4; k++) expect(s.at(k)).toBeCloseTo(ramp[k], 15);
    expect([4, 5, 6, 7, 8].map((k) => s.at(k))).toEqual([0.8, 0.8, 0.4, 0.4, 0.2]);
    const c = createSchedule({ kind: "warmup", steps: 10, schedule: 0.05 });
    expect(c.config).toEqual({ kind: "warmup", steps: 10, schedule: { kind: "constant", lr: 0.05 } });
    expect([c.at(0), c.at(9), c.at(10), c.at(99)]).toEqual([0.005, 0.05, 0.05, 0.05]);
  });

  it("warm-up composes with cosine: the cosine's clock starts when warm-up ends", () => {
    const s = createSchedule({
      kind: "warmup",
      steps: 100,
      schedule: { kind: "cosine", lr: 1e-3, steps: 900, minLr: 1e-5 },
    });
    expect(s.at(0)).toBeCloseTo(1e-5, 18);
    expect(s.at(99)).toBe(1e-3);
    expect(s.at(100)).toBe(1e-3);
    expect(s.at(550)).toBeCloseTo((1e-3 + 1e-5) / 2, 15);
    expect(s.at(1000)).toBe(1e-5);
  });

  it("configs round-trip: createSchedule(s.config) gives the same rates", () => {
    const configs: ScheduleConfig[] = [
      { kind: "cosine", lr: 0.3, steps: 17 },
      { kind: "warmup", steps: 3, schedule: { kind: "exponential", lr: 0.1, gamma: 0.9 } },
    ];
    for (const config of configs) {
      const a = createSchedule(config);
      const b = createSchedule(JSON.parse(JSON.stringify(a.config)));
      for (let k = 0; k < 40; k++) expect(b.at(k)).toBe(a.at(k));
    }
  });

  it("rejects bad configs and bad steps, naming the value", () => {
    const bad = (c: unknown) => () => createSchedule(c as ScheduleConfig);
    expect(bad({ kind: "step", lr: 0.1 })).toThrow("createSchedule: stepSize: required: expected number");
    expect(bad({ kind: "step", lr: 0.1, stepSize: 0 })).toThrow(
      "createSchedule: stepSize: Too small: expected number to be >=1 (got 0)",
    );
    expect(bad({ kind: "exponential", lr: 0.1, gamma: 0 })).toThrow(
      "createSchedule: gamma: Too small: expected number to be >0 (got 0)",
    );
    expect(bad({ kind: "cosine", lr: -1, steps: 3 })).toThrow(
      "createSchedule: lr: Too small: expected number to be >=0 (got -1)",
    );
    expect(bad({ kind: "warmup", steps: 5 })).toThrow(
      "createSchedule: schedule: expected a number >= 0 or a schedule config { kind: constant | step | exponential | cosine | warmup, … }",
    );
    expect(bad({ kind: "constant", lr: 1, steps: 3 })).toThrow('createSchedule: unknown key "steps"');
    expect(bad({ kind: "warmup", steps: 0, schedule: -1 })).toThrow(
      "createSchedule: steps: Too small: expected number to be >=1 (got 0); schedule: Too small: expected number to be >=0 (got -1)",
    );
    expect(() => createSchedule({ kind: "constant", lr: 1 }).at(-1)).toThrow(
      "Schedule.at: step must be an integer >= 0, got -1",
    );
    expect(() => createSchedule({ kind: "constant", lr: 1 }).at(1.5)).toThrow(/got 1.5/);
  });
});
