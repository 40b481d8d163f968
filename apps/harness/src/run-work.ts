import { type AnyModel, createModel, validateSpec } from "@arena/nn";
import { tsKernels } from "@arena/tensor";
import { BASELINE_KIND, type RunSpec } from "./run-spec.ts";
import { resolvedLearnerConfig } from "./tuning-plan.ts";

/** The sizes of a run's problem that its work depends on. */
export interface ProblemSizes {
  train: number;
  validation: number;
  test: number;
  /** Time steps of one sample: a sequence's length, 1 for a table. */
  steps: number;
  /** Numbers in one sample's input (all its time steps). */
  inputValues: number;
}

/**
 * How the work of a run is spent: FLOPs on minibatch updates (`gradient`) or on scoring candidates
 * (`population`). The two run at different speeds per FLOP (a 32-sample gemm chain and its backward
 * pass against one batched forward over a whole population), so each has its own constants.
 */
export type WorkFamily = "gradient" | "population";

/** What a run is expected to do, from its spec and its problem's sizes alone (nothing is run). */
export interface RunWork {
  /** A closed-form baseline: no training loop. */
  baseline: boolean;
  /** The model's kind ("mlp", "rnn", "lstm", "gru"); "baseline" for a baseline. */
  model: string;
  /** Training FLOPs per family: the FLOP budget, or less when the evaluation budget binds first. */
  flops: Record<WorkFamily, number>;
  /** Updates (gradient) and generations (population) those FLOPs take. */
  steps: Record<WorkFamily, number>;
  /**
   * A linear baseline's ridge fit: n·d·min(n, d) for the Gram matrix of n training samples of d inputs
   * (the primal or the dual system, whichever is smaller); 0 for the trivial baselines and for learners.
   */
  fitFlops: number;
  /** Forward FLOPs of the checkpoint evaluations (train and validation at each, test at the end). */
  evalFlops: number;
  /** Input numbers of the problem's three splits: loading them is part of every run, baselines too. */
  dataValues: number;
  /** The wall-time budget in ms; Infinity when there is none. */
  wallMs: number;
}

/**
 * One part of a learner's work: its family, its shares of the FLOP and evaluation budgets, and what one
 * of its steps costs.
 */
interface WorkPart {
  family: WorkFamily;
  share: { flops: number; evaluations: number };
  /** FLOPs, evaluations (samples forwarded) and candidates scored (0 for an update) of one step. */
  perStep: { flops: number; evaluations: number; candidates: number };
}

/** A gradient optimizer's own arithmetic per parameter and update (Adam's moments and step, clipping). */
const UPDATE_FLOPS_PER_PARAM = 10;

/** The FLOP counts of a model that a run's work is reckoned from (@arena/nn's analytic count). */
export interface ModelFlops {
  size: number;
  /** Forward FLOPs of one sample. */
  forward: number;
  /** Forward and backward FLOPs of one minibatch of n samples. */
  pass(n: number): number;
}

type Json = Record<string, unknown>;
const num = (v: unknown, fallback: number) => (typeof v === "number" && Number.isFinite(v) ? v : fallback);
const obj = (v: unknown): Json => (typeof v === "object" && v !== null ? (v as Json) : {});

/** A backprop update of `config.batchSize` samples (at most the training split). */
function gradientPart(config: Json, m: ModelFlops, sizes: ProblemSizes, share: number): WorkPart {
  const b = Math.max(1, Math.min(num(config.batchSize, 32), sizes.train));
  const flops = m.pass(b) + UPDATE_FLOPS_PER_PARAM * m.size;
  const perStep = { flops, evaluations: b, candidates: 0 };
  return { family: "gradient", share: { flops: share, evaluations: share }, perStep };
}

/** A generation of a population learner: every candidate scored on the fitness samples. */
function populationPart(config: Json, m: ModelFlops, sizes: ProblemSizes, share: number): WorkPart {
  const p = Math.max(1, num(config.population, 50));
  const fitness = obj(config.fitness);
  const samples = Math.max(1, Math.min(num(fitness.minibatch, sizes.train), sizes.train));
  return {
    family: "population",
    share: { flops: share, evaluations: share },
    perStep: { flops: p * samples * m.forward, evaluations: p * samples, candidates: p },
  };
}

/**
 * A memetic generation: the search scores its candidates, and each candidate first takes `local.k`
 * gradient steps (small-batch backprop updates). Both happen in every generation, so each part gets the
 * share of the budgets it takes of one generation, and is charged at its own family's speed.
 */
function memeticParts(config: Json, m: ModelFlops, sizes: ProblemSizes): WorkPart[] {
  const searchConfig = obj(config[String(config.search ?? "ga")]);
  const search = populationPart(searchConfig, m, sizes, 1).perStep;
  const local = obj(config.local);
  const update = gradientPart(local, m, sizes, 1).perStep;
  const updates = num(local.k, 1) * search.candidates;
  const flops = search.flops + updates * update.flops;
  const evaluations = search.evaluations + updates * update.evaluations;
  const searchShare = { flops: search.flops / flops, evaluations: search.evaluations / evaluations };
  return [
    { family: "population", share: searchShare, perStep: search },
    {
      family: "gradient",
      share: { flops: 1 - searchShare.flops, evaluations: 1 - searchShare.evaluations },
      perStep: update,
    },
  ];
}

/** The parts of a learner's work, by the learner's resolved config (every default filled in). */
function workParts(spec: RunSpec, m: ModelFlops, sizes: ProblemSizes): WorkPart[] {
  const config = resolvedLearnerConfig(spec.learner.kind, spec.learner.config) ?? spec.learner.config;
  if (spec.learner.kind === "memetic") return memeticParts(config, m, sizes);
  if (spec.learner.kind === "two-stage") {
    const share = num(config.share, 0.5);
    return [
      populationPart(obj(config[String(config.search ?? "ga")]), m, sizes, share),
      gradientPart(obj(config.backprop), m, sizes, 1 - share),
    ];
  }
  // Every population learner has a population; backprop (and any other kind) updates by minibatches.
  return config.population === undefined
    ? [gradientPart(config, m, sizes, 1)]
    : [populationPart(config, m, sizes, 1)];
}

/**
 * What a run is expected to do: its budget (FLOPs; evaluations, epochs as epochs × training samples),
 * cut to whichever binds first, split over its learner's parts, and counted in updates or generations
 * from the model's analytic FLOPs (`model.flops`) at the learner's batch or population size and the
 * problem's sequence length. `modelFlops` gives those counts (see {@link modelFlopsOf}).
 */
export function runWork(
  spec: RunSpec,
  sizes: ProblemSizes,
  modelFlops: (spec: RunSpec, steps: number) => ModelFlops = modelFlopsOf,
): RunWork {
  const none = { gradient: 0, population: 0 };
  const wallMs = spec.budget.wallMs ?? Number.POSITIVE_INFINITY;
  const dataValues = (sizes.train + sizes.validation + sizes.test) * sizes.inputValues;
  if (spec.learner.kind === BASELINE_KIND) {
    const n = sizes.train;
    const d = sizes.inputValues;
    const fitFlops = spec.learner.config.method === "linear" ? n * d * Math.min(n, d) : 0;
    const work = { flops: none, steps: { ...none }, evalFlops: 0 };
    return { baseline: true, model: "baseline", ...work, fitFlops, dataValues, wallMs };
  }
  const m = modelFlops(spec, sizes.steps);
  const b = spec.budget;
  const flopBudget = b.flops ?? Number.POSITIVE_INFINITY;
  const evalBudget = Math.min(
    b.evaluations ?? Number.POSITIVE_INFINITY,
    b.epochs === undefined ? Number.POSITIVE_INFINITY : b.epochs * sizes.train,
  );
  const flops = { ...none };
  const steps = { ...none };
  for (const part of workParts(spec, m, sizes)) {
    const { perStep } = part;
    const spent = Math.min(
      part.share.flops * flopBudget,
      ((part.share.evaluations * evalBudget) / perStep.evaluations) * perStep.flops,
    );
    // Only a wall-time budget: the loop runs until the clock stops it, the FLOPs are unknown (0 here).
    const f = Number.isFinite(spent) ? spent : 0;
    flops[part.family] += f;
    steps[part.family] += f / perStep.flops;
  }
  const { count } = spec.checkpoints;
  const evalFlops = ((count + 2) * (sizes.train + sizes.validation) + 2 * sizes.test) * m.forward;
  const model = String(spec.model.spec.kind);
  return { baseline: false, model, flops, steps, fitFlops: 0, evalFlops, dataValues, wallMs };
}

const modelMemo = new Map<string, ModelFlops>();

/**
 * A run's model's FLOP counts, from @arena/nn's analytic count of a model built once per spec and
 * sequence length with the plain TypeScript kernels (ordinary arrays: the main thread never starts the
 * WebAssembly backend) and null weights, then disposed at once. A pass's count is affine in the batch
 * (every term is per sample but the penalty, per batch), so two counts give every batch size.
 */
export function modelFlopsOf(spec: RunSpec, steps: number): ModelFlops {
  const key = `${steps}|${JSON.stringify(spec.model.spec)}`;
  const hit = modelMemo.get(key);
  if (hit) return hit;
  const model: AnyModel = createModel(validateSpec(spec.model.spec), null, { kernels: tsKernels });
  const seq = spec.model.spec.kind === "mlp" ? {} : { steps };
  const forward = model.flops({ batch: 1, ...seq }).forward;
  const one = model.flops({ batch: 1, ...seq, backward: true, train: true }).total;
  const perSample = model.flops({ batch: 2, ...seq, backward: true, train: true }).total - one;
  const size = model.size;
  model.dispose();
  const counts: ModelFlops = { size, forward, pass: (n) => one + (n - 1) * perSample };
  modelMemo.set(key, counts);
  // A few distinct models per suite: the bound only keeps a long-lived process from growing.
  if (modelMemo.size > 256) modelMemo.delete(modelMemo.keys().next().value as string);
  return counts;
}
