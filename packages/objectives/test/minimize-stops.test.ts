import { describe, expect, it } from "vitest";
import { minimize, RandomSearch, sphere } from "../src/index.ts";

describe("minimize", () => {
  it('ends with stop reason "optimizer" once the optimizer says it has stopped', () => {
    const rs = new RandomSearch({ dim: 3, lower: -1, upper: 1, populationSize: 10, rng: 1 });
    const stopping = Object.assign(rs, { stopped: () => rs.generation >= 4 });
    const r = minimize(stopping, sphere(3), { maxEvaluations: 1_000 });
    expect(r).toMatchObject({ stopReason: "optimizer", generations: 4, evaluations: 40 });
    // L-SHADE's shrinking population through minimize: packages/differential-evolution's README test.
  });
});
