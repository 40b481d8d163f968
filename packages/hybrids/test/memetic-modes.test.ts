import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type MemeticLearner, memeticLearner } from "../src/index.ts";
import { bytes, modelFor, SMALL_MLP, separable } from "./fixtures.ts";

const problem = separable(1);
const N = 8;

function build(
  mode: "lamarckian" | "baldwinian",
  search: Record<string, unknown> = { ga: { population: N } },
): MemeticLearner {
  return memeticLearner(
    modelFor(SMALL_MLP),
    problem,
    { mode, ...search, local: { k: 3, batchSize: 16, optimizer: { kind: "sgd", lr: 0.2 } } },
    new Rng("run"),
  );
}

/** The rows of a flat population, as byte strings for set membership. */
function rowKeys(pop: Float32Array, dim: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < pop.length / dim; i++) out.push(bytes(pop.subarray(i * dim, (i + 1) * dim)).join(","));
  return out;
}

describe("Lamarckian and Baldwinian refinement", () => {
  it("Lamarckian writes the refined weights into the optimizer's rows; Baldwinian leaves them alone", () => {
    const lam = build("lamarckian");
    const bal = build("baldwinian");
    const before = lam.population.optimizer.ask().slice();
    expect(bytes(bal.population.optimizer.ask())).toEqual(bytes(before));
    // Score only the first 3 candidates: the generation stays pending, so the rows are still the asked ones.
    const three = {
      flops: 3.5 * (lam.population.candidateFlops + lam.refiner.perCandidate.flops),
      evaluations: 1e9,
    };
    lam.step(three);
    bal.step(three);
    const dim = lam.population.model.size;
    const lamRows = lam.population.optimizer.ask();
    const balRows = bal.population.optimizer.ask();
    for (let i = 0; i < N; i++) {
      const row = (x: Float32Array) => bytes(x.subarray(i * dim, (i + 1) * dim));
      if (i < 3) expect(row(lamRows)).not.toEqual(row(before));
      else expect(row(lamRows)).toEqual(row(before));
      expect(row(balRows)).toEqual(row(before));
    }
    // Both score the same refined weights (same streams), so both adopt the same point; Lamarckian's
    // incumbent is one of its rows, Baldwinian's is a copy outside the population.
    expect(bytes(bal.current())).toEqual(bytes(lam.current()));
    expect(rowKeys(lamRows, dim)).toContain(bytes(lam.current()).join(","));
    expect(rowKeys(balRows, dim)).not.toContain(bytes(bal.current()).join(","));
  });

  it("after a generation, the Lamarckian elite is its refined best; the Baldwinian population holds no refined row", () => {
    const lam = build("lamarckian");
    const bal = build("baldwinian");
    const asked = bal.population.optimizer.ask().slice();
    lam.step();
    bal.step();
    const dim = lam.population.model.size;
    // Elitism 1: row 0 of the next generation is the best told row, unchanged.
    expect(bytes(lam.population.optimizer.ask().subarray(0, dim))).toEqual(bytes(lam.current()));
    const balElite = bytes(bal.population.optimizer.ask().subarray(0, dim)).join(",");
    expect(rowKeys(asked, dim)).toContain(balElite);
    expect(balElite).not.toEqual(bytes(bal.current()).join(","));
    // Both incumbents are refined points (not an asked row), and the runs part from here.
    expect(rowKeys(asked, dim)).not.toContain(bytes(lam.current()).join(","));
    lam.step();
    bal.step();
    expect(bytes(lam.population.optimizer.ask())).not.toEqual(bytes(bal.population.optimizer.ask()));
  });

  it("the model's own parameters are untouched, and refined weights stay inside the box", () => {
    const model = modelFor(SMALL_MLP);
    const start = model.params.slice();
    const learner = memeticLearner(
      model,
      problem,
      { ga: { population: N, bounds: 0.3 }, local: { k: 2, optimizer: { kind: "sgd", lr: 50 } } },
      new Rng("run"),
    );
    for (let g = 0; g < 3; g++) learner.step();
    expect(bytes(model.params)).toEqual(bytes(start));
    for (const v of learner.population.optimizer.ask()) expect(Math.abs(v)).toBeLessThanOrEqual(0.3);
    for (const v of learner.current()) expect(Math.abs(v)).toBeLessThanOrEqual(0.3);
  });

  it("a candidate whose local steps overflow keeps its last finite weights; the run goes on", () => {
    const learner = memeticLearner(
      modelFor(SMALL_MLP),
      problem,
      { ga: { population: N, bounds: 1e30 }, local: { k: 3, optimizer: { kind: "sgd", lr: 1e38 } } },
      new Rng("run"),
    );
    const cost = learner.step();
    expect(cost.flops).toBeGreaterThan(0);
    expect(learner.current().every(Number.isFinite)).toBe(true);
    for (const v of learner.population.optimizer.ask()) expect(Number.isFinite(v)).toBe(true);
    // The update that overflows is charged; the steps after it are not taken.
    const p = learner.population;
    const planned = N * (learner.refiner.perCandidate.flops + p.candidateFlops) + p.optimizerFlops;
    expect(cost.flops).toBeLessThan(planned);
  });

  it("works on PSO too: Lamarckian refinement moves the particles", () => {
    const lam = build("lamarckian", { search: "pso", pso: { population: N } });
    const before = lam.population.optimizer.ask().slice();
    lam.step({
      flops: 1.5 * (lam.population.candidateFlops + lam.refiner.perCandidate.flops),
      evaluations: 1e9,
    });
    const dim = lam.population.model.size;
    expect(bytes(lam.population.optimizer.ask().subarray(0, dim))).not.toEqual(
      bytes(before.subarray(0, dim)),
    );
    expect(lam.name).toBe("memetic-pso-lamarckian");
  });
});
