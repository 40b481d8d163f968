import { parseOptions } from "@arena/options";
import { type Rng, type RngLike, toRng } from "@arena/rng";
import type { Metric, Problem, Task } from "./dataset.ts";
import type { ModelSpec } from "./model-spec.ts";
import type { OptionsSchema, ResolvedOptions } from "./options.ts";

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
  /**
   * The options `load`, `shapes` and `modelFor` accept: a strict zod object with every default, range, rule
   * and one-line doc. `parseOptions(entry.name, entry.options, o)` checks a suite's options without loading
   * anything, `describeOptions(entry.options)` lists them, `z.toJSONSchema(entry.options)` gives JSON Schema.
   * (Data-dependent limits, e.g. too few samples for the shares or a trainSize above the training split, are
   * checked at load.)
   */
  readonly options: OptionsSchema;
  /** xShape and yShape for the given options (no data is loaded). */
  shapes(options?: Readonly<Record<string, unknown>>): {
    input: readonly number[];
    output: readonly number[];
  };
  /**
   * Builds the problem: splits, scaling fitted on train. Unknown or bad options throw an OptionsError naming
   * the key, the value and what was expected.
   */
  load(rng: RngLike, options?: Readonly<Record<string, unknown>>): Problem;
}

/** What a problem's definition supplies; `defineProblem` adds option handling. */
export interface ProblemDefinition<S extends OptionsSchema> {
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
export function defineProblem<S extends OptionsSchema>(def: ProblemDefinition<S>): ProblemEntry {
  const resolve = (options: unknown): ResolvedOptions<S> =>
    parseOptions(def.name, def.options, options ?? {});
  const defaults = resolve({});
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
      return def.model(resolve(options));
    },
    shapes(options) {
      return def.shapes(resolve(options));
    },
    load(rng, options) {
      const stream = toRng(rng, `${def.name}.load`);
      const o = resolve(options);
      const built = def.build(stream, o);
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
