import { checkOptionKeys, checkOptionsObject, integerOption, numberOption } from "@arena/objectives";
import { type InitScheme, parseInitScheme } from "./init-scheme.ts";

/**
 * Which data a generation's fitness is computed on: the whole training split, or `minibatch` samples
 * drawn afresh (seeded) each generation and shared by the whole population.
 */
export type FitnessSpec = "full" | { minibatch: number };

/**
 * With minibatch fitness: every `every` generations (starting with the first), the `top` candidates of
 * the generation (by their minibatch fitness) are scored again on the full training split, and
 * `current()` becomes the best point so scored so far.
 */
export interface RescoreSpec {
  every: number;
  top: number;
}

/** The `rescore` config value: `every` may be left out (see {@link DEFAULT_RESCORE}). */
export interface RescoreConfig {
  every?: number;
  top?: number;
}

/**
 * Stop early once the search has stalled: `finished()` turns true after `generations` generations in a
 * row in which the training loss of `current()` did not fall by more than `minDelta` (default 0), the
 * rule backprop's early stopping applies to validation. Spent budget is then not wasted on a converged
 * swarm or population.
 */
export interface StagnationSpec {
  generations: number;
  minDelta: number;
}

/** The config keys every neuroevolution learner accepts (plain JSON). */
export interface CommonConfig {
  /** Candidates per generation (GA individuals, PSO particles, random-search samples per step). */
  population?: number;
  /** Default "full". */
  fitness?: FitnessSpec;
  /** Minibatch fitness only; default `{ top: 2 }` with `every` from the overhead rule; `false` turns it off. */
  rescore?: RescoreConfig | false;
  /** How candidates are drawn; default per learner (see each factory). */
  init?: InitScheme;
  /** Every weight is kept in [−bounds, bounds]; default 10. */
  bounds?: number;
  /** Stop after this many generations without improvement (see {@link StagnationSpec}); default never. */
  stagnation?: { generations: number; minDelta?: number };
}

/** {@link CommonConfig} with every default filled in. */
export interface ResolvedCommonConfig {
  population: number;
  fitness: FitnessSpec;
  /** null with full fitness (nothing to re-score) or when turned off. */
  rescore: RescoreSpec | null;
  init: InitScheme;
  bounds: number;
  /** null: run until the budget is spent. */
  stagnation: StagnationSpec | null;
}

export const COMMON_KEYS = ["population", "fitness", "rescore", "init", "bounds", "stagnation"] as const;

/** Default box half-width: generous for weights of standardised-input nets, finite so that PSO can confine. */
export const DEFAULT_BOUNDS = 10;
/**
 * Re-scoring defaults: the 2 best candidates, and `every` the smallest interval that keeps the
 * re-scoring's evaluations within `overhead` (10 %) of the search's: ⌈top·N / (overhead·population·m)⌉
 * for N training samples and minibatches of m.
 */
export const DEFAULT_RESCORE = { top: 2, overhead: 0.1 } as const;

/** The default re-scoring interval (see {@link DEFAULT_RESCORE}). */
export function defaultRescoreEvery(
  top: number,
  trainSize: number,
  population: number,
  minibatch: number,
): number {
  return Math.max(1, Math.ceil((top * trainSize) / (DEFAULT_RESCORE.overhead * population * minibatch)));
}

/** The largest float32 that is <= x (x > 0), so a clamped weight stored as float32 stays inside the box. */
function float32AtMost(x: number): number {
  const f = Math.fround(x);
  if (f <= x) return f;
  const buf = new Float32Array([f]);
  const bits = new Int32Array(buf.buffer);
  bits[0] -= 1;
  return buf[0];
}

/**
 * Validates a learner config: rejects anything but a plain object, and unknown keys (naming them);
 * fills the common defaults. `extraKeys` are the algorithm's own blocks (`ga`, `pso`), returned as
 * they are for the caller to check.
 */
export function parseCommonConfig(
  owner: string,
  config: unknown,
  extraKeys: readonly string[],
  defaults: { population: number; init: InitScheme },
  trainSize: number,
): ResolvedCommonConfig {
  checkOptionsObject(owner, "config", config);
  const c = config as Record<string, unknown>;
  checkOptionKeys(owner, "config", c, [...COMMON_KEYS, ...extraKeys]);
  const population = integerOption(owner, "population", c.population, defaults.population, 2);
  const parsedFitness = parseFitness(owner, c.fitness);
  // A minibatch as large as the training split is the full split (as backprop clamps its batch size),
  // so one suite can name a minibatch for problems of every size.
  const fitness = parsedFitness !== "full" && parsedFitness.minibatch >= trainSize ? "full" : parsedFitness;
  let rescore: RescoreSpec | null = null;
  if (fitness === "full") {
    if (c.rescore !== undefined && parsedFitness === "full") {
      throw new RangeError(
        `${owner}: rescore applies only to minibatch fitness (with fitness "full" every score is already on the full training split)`,
      );
    }
  } else {
    if (c.rescore !== false)
      rescore = parseRescore(owner, c.rescore, population, trainSize, fitness.minibatch);
  }
  const bounds = float32AtMost(
    numberOption(owner, "bounds", c.bounds, DEFAULT_BOUNDS, { min: 0, exclusiveMin: true }),
  );
  const init = parseInitScheme(owner, c.init, defaults.init);
  return { population, fitness, rescore, init, bounds, stagnation: parseStagnation(owner, c.stagnation) };
}

function parseStagnation(owner: string, v: unknown): StagnationSpec | null {
  if (v === undefined) return null;
  checkOptionsObject(owner, "stagnation", v);
  const o = v as Record<string, unknown>;
  checkOptionKeys(owner, "stagnation", o, ["generations", "minDelta"]);
  if (o.generations === undefined) throw new RangeError(`${owner}: stagnation.generations is required`);
  return {
    generations: integerOption(owner, "stagnation.generations", o.generations, 0, 1),
    minDelta: numberOption(owner, "stagnation.minDelta", o.minDelta, 0, { min: 0 }),
  };
}

function parseFitness(owner: string, v: unknown): FitnessSpec {
  if (v === undefined || v === "full") return "full";
  if (v === null || typeof v !== "object" || Array.isArray(v)) {
    throw new TypeError(
      `${owner}: fitness must be "full" or { minibatch: <samples> }, got ${JSON.stringify(v)}`,
    );
  }
  const o = v as Record<string, unknown>;
  checkOptionKeys(owner, "fitness", o, ["minibatch"]);
  if (o.minibatch === undefined) throw new RangeError(`${owner}: fitness.minibatch is required`);
  return { minibatch: integerOption(owner, "fitness.minibatch", o.minibatch, 0, 1) };
}

function parseRescore(
  owner: string,
  v: unknown,
  population: number,
  trainSize: number,
  minibatch: number,
): RescoreSpec {
  const o = (v ?? {}) as Record<string, unknown>;
  checkOptionsObject(owner, "rescore", o);
  checkOptionKeys(owner, "rescore", o, ["every", "top"]);
  const top = integerOption(
    owner,
    "rescore.top",
    o.top,
    Math.min(DEFAULT_RESCORE.top, population),
    1,
    population,
  );
  const every = integerOption(
    owner,
    "rescore.every",
    o.every,
    defaultRescoreEvery(top, trainSize, population, minibatch),
    1,
  );
  return { every, top };
}

/** Checks an algorithm block (`ga`, `pso`): a plain object with only the allowed keys. */
export function parseBlock(
  owner: string,
  name: string,
  v: unknown,
  allowed: readonly string[],
  hint: string,
): Record<string, unknown> {
  if (v === undefined) return {};
  checkOptionsObject(owner, name, v);
  const o = v as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) {
      throw new TypeError(
        `${owner}: unknown ${name} key "${key}"; expected one of ${allowed.join(", ")}${hint}`,
      );
    }
  }
  return o;
}

/**
 * The learner config as a config object again (what the factories accept), for `state()`.
 */
export function commonConfigJson(c: ResolvedCommonConfig): Record<string, unknown> {
  const out: Record<string, unknown> = {
    population: c.population,
    fitness: c.fitness,
    init: c.init,
    bounds: c.bounds,
  };
  if (c.fitness !== "full") out.rescore = c.rescore ?? false;
  if (c.stagnation !== null) out.stagnation = { ...c.stagnation };
  return out;
}
