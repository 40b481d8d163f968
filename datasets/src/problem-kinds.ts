import type { Rng } from "@arena/rng";
import type * as z from "zod";
import { finishSplits, splitAtRandom, splitOptions } from "./assemble-problem.ts";
import type { Dataset, Task } from "./dataset.ts";
import { dropDuplicateRows } from "./dedupe.ts";
import type { ModelSpec } from "./model-spec.ts";
import { type OptionsSchema, pickOptions, type ResolvedOptions, share, withSharesRule } from "./options.ts";
import { defineProblem, type ProblemEntry } from "./problem-entry.ts";
import { selectRows } from "./select-rows.ts";
import { classifier } from "./table-problem.ts";

/**
 * The shapes of registry problems that several entries share: a fixed set of points, a synthetic
 * classification split at random, generated i.i.d. sequences.
 */

/** The classic experiment trains and evaluates on the same points; copies keep the splits independent. */
export function allPoints(ds: Dataset) {
  const all = Array.from({ length: ds.n }, (_, i) => i);
  return { train: selectRows(ds, all), validation: selectRows(ds, all), test: selectRows(ds, all) };
}

export const SAME_POINTS_NOTE =
  "All points are both training and evaluation data (the classic experiment): validation and test are the same points as train.";

/**
 * A synthetic classification problem generated at once and split at random (stratified); exact duplicate
 * points (possible only for degenerate options, e.g. blobs with std 0) are dropped before splitting.
 */
export function syntheticClassification<G extends OptionsSchema>(def: {
  name: string;
  description: string;
  source: string;
  generatorOptions: G;
  generate: (rng: Rng, o: ResolvedOptions<G>) => Dataset;
  shapes: (o: ResolvedOptions<G>) => { input: number[]; output: number[] };
  hidden: number[];
  info?: (ds: Dataset) => Record<string, unknown>;
}): ProblemEntry {
  const split = splitOptions({ validation: 0.2, test: 0.2, scale: "none" });
  // The generator's schema, its rules included, plus the split options.
  const options = withSharesRule((def.generatorOptions as OptionsSchema).safeExtend(split));
  type O = ResolvedOptions<G> & ResolvedOptions<z.ZodObject<typeof split>>;
  return defineProblem({
    name: def.name,
    task: "classification",
    metric: "accuracy",
    description: def.description,
    source: def.source,
    options,
    shapes: (o) => def.shapes(o as ResolvedOptions<G>),
    model: (o) => {
      const s = def.shapes(o as ResolvedOptions<G>);
      return classifier(s.input[0], def.hidden, s.output[0]);
    },
    build(rng, parsed) {
      const o = parsed as O;
      const gen = pickOptions(def.generatorOptions, o) as ResolvedOptions<G>;
      const ds = def.generate(rng.fork("data"), gen);
      const unique = dropDuplicateRows(ds);
      const splits = splitAtRandom(def.name, unique.dataset, "classification", o, rng.fork("split"));
      const k = ds.yShape[0];
      const done = finishSplits(def.name, "classification", splits, rng.fork("subsample"), o);
      return {
        ...done,
        classes: Array.from({ length: k }, (_, i) => String(i)),
        info: { ...done.info, duplicatesDropped: unique.dropped, ...def.info?.(ds) },
      };
    },
  });
}

/**
 * A generated sequence problem (i.i.d. sequences), split at random after dropping exact duplicate
 * sequences (a discrete generator such as the copy task draws some patterns twice).
 */
export function syntheticSequences<G extends OptionsSchema>(def: {
  name: string;
  task: Task;
  description: string;
  source: string;
  generatorOptions: G;
  generate: (rng: Rng, o: ResolvedOptions<G>) => Dataset;
  shapes: (o: ResolvedOptions<G>) => { input: number[]; output: number[] };
  model: (o: ResolvedOptions<G>) => ModelSpec;
  classes?: (o: ResolvedOptions<G>) => string[];
  info: (o: ResolvedOptions<G>) => Record<string, unknown>;
}): ProblemEntry {
  const shares = {
    validation: share(0.2, 0.9, "share of the sequences for validation"),
    test: share(0.2, 0.9, "share of the sequences for testing"),
  };
  const options = withSharesRule((def.generatorOptions as OptionsSchema).safeExtend(shares));
  type O = ResolvedOptions<G> & ResolvedOptions<z.ZodObject<typeof shares>>;
  return defineProblem({
    name: def.name,
    task: def.task,
    metric: def.task === "classification" ? "accuracy" : "rmse",
    description: def.description,
    source: def.source,
    options,
    shapes: (o) => def.shapes(o as ResolvedOptions<G>),
    model: (o) => def.model(o as ResolvedOptions<G>),
    build(rng, parsed) {
      const o = parsed as O;
      const gen = pickOptions(def.generatorOptions, o) as ResolvedOptions<G>;
      const ds = def.generate(rng.fork("data"), gen);
      const unique = dropDuplicateRows(ds);
      // Sequences are i.i.d., so a plain random split equals generating the splits separately; sequence
      // targets have no single class to stratify on.
      const splits = splitAtRandom(def.name, unique.dataset, "regression", o, rng.fork("split"));
      return {
        ...splits,
        classes: def.classes?.(gen),
        info: { ...def.info(gen), duplicatesDropped: unique.dropped },
      };
    },
  });
}
