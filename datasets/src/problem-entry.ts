import type { Rng } from "@arena/rng";
import type { Metric, Problem, Task } from "./dataset.ts";
import type { ModelSpec } from "./model-spec.ts";
import { type OptionSchema, type ResolvedOptions, resolveOptions } from "./options.ts";

/** A problem in the registry: what it is, its shapes and default model, and how to load it. */
export interface ProblemEntry {
  readonly name: string;
  readonly task: Task;
  /** The figure to report besides the loss. */
  readonly metric: Metric;
  /** One line: what the problem is. */
  readonly description: string;
  /** Where the data comes from, and its licence (or the paper, for synthetic problems). */
  readonly source: string;
  /** xShape with the default options. */
  readonly inputShape: readonly number[];
  /** yShape with the default options. */
  readonly outputShape: readonly number[];
  /** A model suggestion for the default options (the loaded Problem carries one for its own options). */
  readonly model: ModelSpec;
  /**
   * True when the problem (with its default options) evaluates on its training points by definition
   * (XOR, parity): test figures measure fit, not generalisation. The loaded `Problem.testIsTrain` says
   * it for the options actually used.
   */
  readonly testIsTrain: boolean;
  /** The model suggestion for the given options, without loading any data. */
  modelFor(options?: Readonly<Record<string, unknown>>): ModelSpec;
  /** The options `load` accepts, with defaults and documentation. */
  readonly options: OptionSchema;
  /** xShape and yShape for the given options (no data is loaded). */
  shapes(options?: Readonly<Record<string, unknown>>): {
    input: readonly number[];
    output: readonly number[];
  };
  /** Builds the problem: splits, scaling fitted on train. Unknown or bad options throw, naming the key. */
  load(rng: Rng, options?: Readonly<Record<string, unknown>>): Problem;
}

/** What a problem's definition supplies; `defineProblem` adds option handling. */
export interface ProblemDefinition<S extends OptionSchema> {
  readonly name: string;
  readonly task: Task;
  readonly metric: Metric;
  readonly description: string;
  readonly source: string;
  /** See `ProblemEntry.testIsTrain`; default false. `build` may set it per load (e.g. for some options). */
  readonly testIsTrain?: boolean;
  readonly options: S;
  shapes(o: ResolvedOptions<S>): { input: readonly number[]; output: readonly number[] };
  model(o: ResolvedOptions<S>): ModelSpec;
  build(
    rng: Rng,
    o: ResolvedOptions<S>,
  ): Pick<Problem, "train" | "validation" | "test"> &
    Partial<Pick<Problem, "classes" | "info" | "forecast" | "testIsTrain">>;
}

/**
 * Turns a definition into a registry entry with validated options. A loaded problem's `testIsTrain` is what
 * `build` returned, else the definition's (default false).
 */
export function defineProblem<S extends OptionSchema>(def: ProblemDefinition<S>): ProblemEntry {
  const defaults = resolveOptions(def.name, def.options, {});
  const s = def.shapes(defaults);
  return {
    name: def.name,
    task: def.task,
    metric: def.metric,
    description: def.description,
    source: def.source,
    inputShape: s.input,
    outputShape: s.output,
    model: def.model(defaults),
    testIsTrain: def.testIsTrain ?? false,
    options: def.options,
    modelFor(options) {
      return def.model(resolveOptions(def.name, def.options, options));
    },
    shapes(options) {
      return def.shapes(resolveOptions(def.name, def.options, options));
    },
    load(rng, options) {
      if (typeof (rng as { fork?: unknown } | undefined)?.fork !== "function") {
        throw new TypeError(
          `${def.name}.load: the first argument must be an Rng (from @arena/rng), got ${String(rng)}`,
        );
      }
      const o = resolveOptions(def.name, def.options, options);
      const built = def.build(rng, o);
      return {
        ...built,
        name: def.name,
        task: def.task,
        metric: def.metric,
        description: def.description,
        model: def.model(o),
        testIsTrain: built.testIsTrain ?? def.testIsTrain ?? false,
        info: { source: def.source, options: o, ...built.info },
      };
    },
  };
}
