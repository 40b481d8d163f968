import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type MemeticLearner, type MemeticState, memeticLearner, resumeHybridLearner } from "../src/index.ts";
import { bytes, modelFor, roundTrip, SMALL_MLP, separable } from "./fixtures.ts";

const problem = separable(1);
const MODES = ["lamarckian", "baldwinian"] as const;
/** Full fitness, and minibatch fitness with and without re-scoring (Baldwinian copies matter in the last). */
const FITNESS: [string, Record<string, unknown>][] = [
  ["full", {}],
  ["minibatch, re-scored", { fitness: { minibatch: 12 }, rescore: { every: 1, top: 2 } }],
  ["minibatch, not re-scored", { fitness: { minibatch: 12 }, rescore: false }],
];

function build(mode: (typeof MODES)[number], fitness: Record<string, unknown>, seed = "run"): MemeticLearner {
  return memeticLearner(
    modelFor(SMALL_MLP),
    problem,
    { mode, ga: { population: 6, ...fitness }, local: { k: 2, batchSize: 8 } },
    new Rng(seed),
  );
}

describe("memetic learner: allowances, determinism, resume", () => {
  for (const mode of MODES) {
    it.each(FITNESS)(`${mode}, %s: no step exceeds a random allowance`, (_f, fitness) => {
      fc.assert(
        fc.property(
          fc.array(
            fc.tuple(fc.double({ min: 0, max: 3, noNaN: true }), fc.double({ min: 0, max: 3, noNaN: true })),
            {
              minLength: 1,
              maxLength: 12,
            },
          ),
          (fractions) => {
            const learner = build(mode, fitness);
            const gen = learner.step(); // a whole generation's cost, the scale of the allowances
            for (const [f, e] of fractions) {
              const allowance = { flops: f * gen.flops, evaluations: e * gen.evaluations };
              const cost = learner.step(allowance);
              expect(cost.flops).toBeLessThanOrEqual(allowance.flops);
              expect(cost.evaluations).toBeLessThanOrEqual(allowance.evaluations);
            }
          },
        ),
        { numRuns: 25, seed: 7 },
      );
    });

    it.each(FITNESS)(`${mode}, %s: an allowance that is not binding changes nothing`, (_f, fitness) => {
      const a = build(mode, fitness);
      const b = build(mode, fitness);
      for (let g = 0; g < 4; g++) {
        const cost = a.step();
        expect(
          b.step(
            g % 2 === 0 ? { flops: Number.POSITIVE_INFINITY, evaluations: Number.POSITIVE_INFINITY } : cost,
          ),
        ).toEqual(cost);
      }
      expect(b.state()).toEqual(a.state());
    });

    it.each(FITNESS)(`${mode}, %s: the same seed gives the same run, another seed another`, (_f, fitness) => {
      const a = build(mode, fitness);
      const b = build(mode, fitness);
      const c = build(mode, fitness, "other");
      for (let g = 0; g < 3; g++) expect(b.step()).toEqual(a.step());
      c.step();
      expect(bytes(b.current())).toEqual(bytes(a.current()));
      expect(b.state()).toEqual(a.state());
      expect(bytes(c.current())).not.toEqual(bytes(a.current()));
    });

    it.each(FITNESS)(
      `${mode}, %s: resumes bit for bit, between generations and mid-generation`,
      (_f, fitness) => {
        const a = build(mode, fitness);
        a.step();
        // Cut the next generation after 3 of its 6 candidates (refined and scored), then save.
        const per = a.population.candidateFlops + a.refiner.perCandidate.flops;
        a.step({ flops: 3.5 * per, evaluations: Number.POSITIVE_INFINITY });
        const saved = roundTrip(a.state()) as MemeticState;
        expect(saved.search.pending?.scored).toBe(3);
        expect(saved.refiner.copies.length).toBe(mode === "baldwinian" ? 3 * a.population.model.size : 0);
        const b = resumeHybridLearner(modelFor(SMALL_MLP, "other"), problem, saved) as MemeticLearner;
        expect(b.state()).toEqual(a.state());
        for (let g = 0; g < 3; g++) {
          expect(b.step()).toEqual(a.step());
          expect(bytes(b.current())).toEqual(bytes(a.current()));
          expect(b.diagnostics()).toEqual(a.diagnostics());
        }
        expect(b.state()).toEqual(a.state());
      },
    );
  }

  it("a corrupt refiner state is rejected, naming the field", () => {
    const a = build("baldwinian", {});
    a.step();
    const s = roundTrip(a.state()) as MemeticState;
    const bad = { ...s, refiner: { ...s.refiner, copies: [1, 2, 3] } };
    expect(() => resumeHybridLearner(modelFor(SMALL_MLP), problem, bad)).toThrow(
      /copies must hold whole rows of 37 weights, got 3/,
    );
    const wrongKind = { ...s, kind: "nope" } as unknown as MemeticState;
    expect(() => resumeHybridLearner(modelFor(SMALL_MLP), problem, wrongKind)).toThrow(/kind/);
  });
});
