import { linearPopulationSize } from "@arena/differential-evolution";
import { createModel } from "@arena/nn";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  type NeuroevolutionState,
  resumeLearner,
  shadeFlopsPerGeneration,
  shadeLearner,
} from "../src/index.ts";
import { bytes, SMALL_MLP, separableData } from "./fixtures.ts";

const CONFIG = { population: 20, shade: { variant: "l-shade", maxEvaluations: 300 } };
const build = (config: Record<string, unknown> = CONFIG) =>
  shadeLearner(createModel(SMALL_MLP, new Rng("init")), separableData(1), config, new Rng("run"));

describe("L-SHADE through the learner: a population that shrinks between generations", () => {
  it("shrinks linearly in the candidates scored, to minPopulationSize at maxEvaluations", () => {
    const learner = build();
    const opt = learner.optimizer;
    const sizes: number[] = [];
    while (opt.evaluations < 360) {
      const n = opt.populationSize;
      sizes.push(n);
      // Every candidate of the generation is scored on the 60 samples; the move is charged at the
      // population size it moves (see the README's "Cost").
      const own = shadeFlopsPerGeneration(n, learner.model.size, "l-shade");
      expect(learner.optimizerFlops).toBe(own);
      expect(learner.step()).toEqual({ evaluations: n * 60, flops: n * learner.candidateFlops + own });
      expect(opt.populationSize).toBe(linearPopulationSize(20, 4, 300, opt.evaluations));
      expect(learner.diagnostics().population_size).toEqual([opt.populationSize]);
    }
    expect(sizes[0]).toBe(20);
    expect(sizes.at(-1)).toBe(4);
    for (let g = 1; g < sizes.length; g++) expect(sizes[g]).toBeLessThanOrEqual(sizes[g - 1]);
    // The fitness quantiles cover the last generation's candidates only.
    expect(learner.diagnostics().fitness_quantiles).toHaveLength(5);
  });

  /** Runs `before` generations, cuts the next to 2 candidates, saves, resumes, and compares 12 more. */
  function resumeCut(config: Record<string, unknown>, before: number): void {
    const a = build(config);
    for (let g = 0; g < before; g++) a.step();
    const cut = a.step({ flops: 2.5 * a.candidateFlops, evaluations: Number.POSITIVE_INFINITY });
    expect(cut.flops).toBe(2 * a.candidateFlops);
    const saved = JSON.parse(JSON.stringify(a.state())) as NeuroevolutionState;
    expect(saved.pending?.scored).toBe(2);
    const b = resumeLearner(createModel(SMALL_MLP, new Rng("init")), separableData(1), saved);
    expect(b.state()).toEqual(a.state());
    for (let g = 0; g < 12; g++) expect(b.step()).toEqual(a.step());
    expect(bytes(b.current())).toEqual(bytes(a.current()));
    expect(b.optimizer.populationSize).toBe(a.optimizer.populationSize);
    expect(b.state()).toEqual(a.state());
  }

  it.each(["full", { minibatch: 12 }])(
    "resumes bit for bit from a cut generation before the first shrink, then shrinks alike (fitness %j)",
    (fitness) => {
      // With 3000 evaluations to go the population first shrinks after generation 5 (round(20 − 16·100/3000)).
      const config = { population: 20, fitness, shade: { variant: "l-shade", maxEvaluations: 3000 } };
      resumeCut(config, 3);
    },
  );

  // Known bug outside this learner: PopulationLearner's restore (population-learner-state.ts, readCounters)
  // reads state.lastFitness, the last generation's scores, into the whole capacity-sized buffer, so a state
  // saved after L-SHADE shrank (fewer scores than the first population) is refused. The fix is to read it
  // into b.lastFitness.subarray(0, lastCount). This test states the intended behaviour; drop `.fails` then.
  it("resumes bit for bit after the population has shrunk", () => {
    resumeCut({ ...CONFIG, fitness: { minibatch: 12 } }, 8);
  });
});
