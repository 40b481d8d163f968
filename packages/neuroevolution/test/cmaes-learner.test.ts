import { strategyParameters } from "@arena/cmaes";
import { createModel } from "@arena/nn";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  CmaesLearnerConfig,
  cmaesLearner,
  FULL_CMA_MAX_PARAMS,
  fullCmaFlopsPerGeneration,
  initScale,
  sepCmaFlopsPerGeneration,
} from "../src/index.ts";
import { run, XOR_241, xorProblem } from "./fixtures.ts";

/** y = x0 − x1/2 + x2/4 + noise-free, n samples of 3 standard-normal features: much data per weight. */
function regression(n: number) {
  const rng = new Rng(11);
  const x = rng.fillNormal(new Float32Array(n * 3));
  const y = new Float32Array(n);
  for (let i = 0; i < n; i++) y[i] = x[i * 3] - 0.5 * x[i * 3 + 1] + 0.25 * x[i * 3 + 2];
  return { train: { n, x, xShape: [3], y, yShape: [1] } };
}
const REGRESSION_MLP = { kind: "mlp", layers: [3, 5, 1], activation: "tanh", output: "linear" } as const;

describe("cmaesLearner: sep-CMA-ES by default, full covariance only where it pays", () => {
  it("defaults: diagonal covariance, σ0 the measured scale of the model's initialiser", () => {
    expect(CmaesLearnerConfig.parse({}).cmaes).toMatchObject({ covariance: "diagonal", active: true });
    const model = createModel(XOR_241, new Rng(1));
    const cfg = cmaesLearner(model, xorProblem, {}, new Rng(2)).state().config;
    const scale = initScale({ kind: "initializer" }, model, new Rng(2).fork("sigma0"));
    expect(cfg.cmaes).toEqual({
      covariance: "diagonal",
      sigma0: scale,
      active: true,
      tolX: 1e-12,
      tolFun: 1e-12,
      tolConditionCov: 1e14,
    });
    // The 2-4-1 sigmoid net's Glorot-uniform weights and its bias noise spread by a few tenths.
    expect(scale).toBeGreaterThan(0.2);
    expect(scale).toBeLessThan(1);
    const normal = cmaesLearner(model, xorProblem, { init: { kind: "normal", std: 0.3 } }, new Rng(2));
    expect(normal.state().config.cmaes).toMatchObject({ sigma0: 0.3 });
    const uniform = cmaesLearner(model, xorProblem, { init: { kind: "uniform", range: 0.3 } }, new Rng(2));
    expect(uniform.state().config.cmaes).toMatchObject({ sigma0: 0.3 / Math.sqrt(3) });
  });

  it("the mean starts at the model's weights; the recorded config rebuilds the same learner", () => {
    const model = createModel(XOR_241, new Rng(3));
    const a = cmaesLearner(model, xorProblem, { population: 12 }, new Rng(4));
    // biome-ignore lint/suspicious/noExplicitAny: the CMAES behind the learner, for its mean
    const mean = (a.optimizer as any).mean() as Float64Array;
    expect(Array.from(mean)).toEqual(Array.from(model.params));
    const b = cmaesLearner(model, xorProblem, a.state().config, new Rng(4));
    expect(b.state()).toEqual(a.state());
  });

  it("refuses restarts: the learner keeps one run", () => {
    const model = createModel(XOR_241, new Rng(1));
    const make = () => cmaesLearner(model, xorProblem, { cmaes: { restarts: { kind: "ipop" } } }, new Rng(2));
    expect(make).toThrow(OptionsError);
    expect(make).toThrow(
      /^cmaesLearner: cmaes.restarts: not supported by the learner: it keeps one CMA-ES run/,
    );
  });

  it("refuses full covariance where its own FLOPs exceed the population's forward passes", () => {
    const model = createModel(XOR_241, new Rng(1));
    const own = fullCmaFlopsPerGeneration(strategyParameters(17, 50, false, true));
    const forward = 50 * 4 * 37;
    const make = () => cmaesLearner(model, xorProblem, { cmaes: { covariance: "full" } }, new Rng(2));
    expect(make).toThrow(OptionsError);
    expect(make).toThrow(
      `cmaesLearner: cmaes.covariance: "full" refused for a model of 17 parameters: its O(n²) update costs more than the forward passes (CMA-ES's own arithmetic ${own.toExponential(3)} FLOPs per generation, the population's forward passes on the fitness data ${forward.toExponential(3)}); use covariance "diagonal" (sep-CMA-ES)`,
    );
  });

  it("refuses full covariance above FULL_CMA_MAX_PARAMS parameters, however much data", () => {
    const model = createModel({ ...REGRESSION_MLP, layers: [3, 60, 1] }, new Rng(1));
    expect(model.size).toBeGreaterThan(FULL_CMA_MAX_PARAMS);
    expect(() =>
      cmaesLearner(model, regression(50), { population: 4, cmaes: { covariance: "full" } }, new Rng(2)),
    ).toThrow(
      /"full" refused for a model of 301 parameters: above the cap of 250 .*use covariance "diagonal"/,
    );
  });

  it("accepts full covariance on a small net with much data, and charges its count", () => {
    const model = createModel(REGRESSION_MLP, new Rng(1));
    const problem = regression(2000);
    const learner = cmaesLearner(
      model,
      problem,
      { population: 10, cmaes: { covariance: "full" } },
      new Rng(2),
    );
    const own = fullCmaFlopsPerGeneration(strategyParameters(26, 10, false, true));
    expect(learner.optimizerFlops).toBe(own);
    expect(own).toBeLessThanOrEqual(10 * learner.candidateFlops);
    expect(own).toBeGreaterThan(sepCmaFlopsPerGeneration({ n: 26, lambda: 10, mu: 5 }));
    const before = learner.step();
    expect(before).toEqual({ evaluations: 10 * 2000, flops: 10 * learner.candidateFlops + own });
    run(learner, 30);
    expect(learner.currentLoss).toBeLessThan(model.loss(problem.train));
  });

  it("finished() once CMA-ES stops by its own criteria (here tolFun, made coarse)", () => {
    const model = createModel(XOR_241, new Rng(5));
    const learner = cmaesLearner(model, xorProblem, { population: 10, cmaes: { tolFun: 1e3 } }, new Rng(6));
    let g = 0;
    while (!learner.finished() && g < 100) {
      learner.step();
      g++;
    }
    // tolFun looks at the best values of the last 10 + ⌈30·17/10⌉ = 61 generations.
    expect(g).toBe(61);
    expect(learner.optimizer.stopped?.()).toBe(true);
    expect(learner.diagnostics().step_size[0]).toBeGreaterThan(0);
  });
});
