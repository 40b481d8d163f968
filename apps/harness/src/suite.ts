import { formatPath, preview, SearchRangeSchema } from "@arena/options";
import { z } from "zod";
import { readInputText, SUITE_FILE } from "./input-files.ts";
import { quote, UsageError } from "./usage-error.ts";

export { UsageError } from "./usage-error.ts";

/**
 * A suite file: which problems, models and learners to compare, how many seeds, and at what budget.
 * Validated with zod; every error names the path inside the file and the bad value.
 */

const json = z.record(z.string().max(200), z.unknown());

/**
 * The largest budget of each kind. Every run must stop, so a budget is finite and bounded: 10^15 FLOPs
 * is days of a core's work, and the other limits are set to match.
 */
export const BUDGET_LIMITS = {
  /** 10^15 floating-point operations. */
  flops: 1e15,
  /** 10^12 samples forwarded. */
  evaluations: 1e12,
  /** A million passes over the training set. */
  epochs: 1e6,
  /** Seven days. */
  wallMs: 7 * 24 * 3600 * 1000,
} as const;

const limit = (max: number, shown: string) =>
  z
    .number("expected a number")
    .finite("expected a finite number")
    .positive("expected a number > 0")
    .max(max, `expected at most ${shown}: every run must end`);

/** Stop a run when any of the given limits is reached. FLOPs are the default currency. */
export const BudgetSchema = z
  .strictObject({
    flops: limit(BUDGET_LIMITS.flops, "1e15 FLOPs").optional(),
    evaluations: limit(BUDGET_LIMITS.evaluations, "1e12 evaluations").optional(),
    epochs: limit(BUDGET_LIMITS.epochs, "1e6 epochs").optional(),
    wallMs: limit(BUDGET_LIMITS.wallMs, "604800000 ms (7 days)").optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "a budget needs at least one of flops, evaluations, epochs, wallMs",
  });

/** Limits on the size of a suite, so that a mistyped number cannot plan millions of runs. */
export const SUITE_LIMITS = {
  /** Levels of nesting of the whole suite document (objects and arrays). */
  depth: 32,
  learners: 100,
  problems: 1000,
  /** Models of one problem. */
  models: 100,
  /** Runs of the whole plan (problems × models × learners × repetitions, plus baselines). */
  runs: 100_000,
  /** Characters of a name, id or kind. */
  name: 200,
} as const;

const name = z.string().max(SUITE_LIMITS.name);

/** Checkpoints are log-spaced in FLOPs (or in the budget's own unit) between `first` and the budget. */
export const CheckpointSchema = z.strictObject({
  count: z.number().int().min(2).max(1000).default(24),
  /** The first checkpoint, as a fraction of the budget. */
  first: z.number().positive().lt(1).default(1e-3),
});

/** Time-to-target: the first checkpoint where `on` crosses each value (metric: reach it or beat it). */
/** The default of `divergence.factor`. */
export const DEFAULT_DIVERGENCE_FACTOR = 1e3;

/**
 * When a run counts as diverged besides a non-finite loss: a checkpoint whose training loss exceeds
 * `factor` × the training loss at step 0 (taken as at least a tiny floor, so a zero initial loss cannot
 * make every run diverge).
 */
export const DivergenceSchema = z.strictObject({
  factor: z.number().finite().gt(1).default(DEFAULT_DIVERGENCE_FACTOR),
});

export const TargetsSchema = z.strictObject({
  on: z.enum(["valMetric", "valLoss", "trainLoss"]).default("valMetric"),
  values: z.array(z.number().finite()).min(1).max(100),
});

/**
 * How learners are tuned: `trials` configurations drawn from each learner's search space (scrambled
 * Halton points, or independent uniform draws), each run on `seeds` seeds of its own; the best by mean
 * final validation metric is re-run on the suite's repetitions (fresh seeds), and only those runs are
 * reported as the learner's results.
 */
export const TuningSchema = z.strictObject({
  trials: z.number().int().min(1).max(1000).describe("configurations tried per learner, problem and model"),
  sampler: z
    .enum(["quasirandom", "random"])
    .default("quasirandom")
    .describe('"quasirandom": a scrambled Halton design (even coverage); "random": independent draws'),
  seeds: z.number().int().min(1).max(100).default(1).describe("seeds per trial; selection averages them"),
});

/** A learner's own search space: option paths and their ranges (the kind's default when left out). */
export const SearchSpaceSchema = z.record(name, SearchRangeSchema).superRefine((space, ctx) => {
  const keys = Object.keys(space);
  if (keys.length > 32)
    ctx.addIssue({ code: "custom", message: `at most 32 hyperparameters (got ${keys.length})` });
  for (const key of keys) {
    if (!/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(key))
      ctx.addIssue({ code: "custom", path: [key], message: "expected an option path such as optimizer.lr" });
  }
});

export const LearnerSchema = z.strictObject({
  /** A short unique name used in run ids and reports, e.g. "adam". */
  id: name.regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
  kind: name.min(1),
  config: json.default({}),
  /**
   * What tuning searches (when the suite or problem has `tuning`): option paths and ranges, e.g.
   * { "optimizer.lr": { "low": 1e-4, "high": 1, "scale": "log" } }; false: never tuned (the config as
   * given); left out: the kind's default search space (see `arena list`).
   */
  search: z.union([z.literal(false), SearchSpaceSchema]).optional(),
});

/**
 * A user's CSV file as a problem: a table with a label column (`fromCsv` in @arena/datasets), or for
 * `task: "forecast"` one numeric column read as a series in row order (`fromSeriesCsv`): windows of
 * `window` past values predict the next one, split chronologically, scaled on the training part.
 */
export const CsvSourceSchema = z
  .strictObject({
    /** Relative paths are resolved against the suite file's folder. */
    path: z.string().min(1).max(4096),
    task: z.enum(["classification", "regression", "forecast"]),
    /** classification/regression: the label column (a header name or "last"). */
    label: name.min(1).optional(),
    /** forecast: the value column (a header name or "last"). */
    column: name.min(1).optional(),
    /** forecast: past values per window (default min(12, a quarter of the series)). */
    window: z.number().int().min(1).max(10_000).optional(),
    /** forecast: season length in rows (e.g. 12 for monthly data), for the seasonal naive baseline. */
    period: z.number().int().min(2).max(100_000).optional(),
  })
  .superRefine((c, ctx) => {
    const forecast = c.task === "forecast";
    const misplaced = forecast ? (["label"] as const) : (["column", "window", "period"] as const);
    for (const key of misplaced) {
      if (c[key] !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: forecast
            ? `"${key}" is for classification and regression; a forecast reads "column"`
            : `"${key}" is only for task "forecast"`,
        });
      }
    }
  });

export const ProblemSchema = z.strictObject({
  /** Registry name (see `arena list`); with `csv`, the name the CSV problem is reported under. */
  name: name.min(1),
  csv: CsvSourceSchema.optional(),
  /** Distinguishes two entries of the same problem with different options, e.g. "digits-100". */
  id: name.regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'").optional(),
  options: json.default({}),
  /** Model specs for nn; defaults to the registry's suggestion. */
  models: z.array(json).min(1).max(SUITE_LIMITS.models).optional(),
  /** Learner ids to run on this problem; defaults to every learner of the suite. */
  learners: z.array(name).min(1).max(SUITE_LIMITS.learners).optional(),
  budget: BudgetSchema.optional(),
  targets: TargetsSchema.optional(),
  /** Overrides the suite's `divergence` for this problem. */
  divergence: DivergenceSchema.optional(),
  /** Overrides the suite's `tuning` for this problem; false: no tuning here. */
  tuning: z.union([TuningSchema, z.literal(false)]).optional(),
  /** Learner config overrides for this problem, by learner id (merged over the suite's config). */
  overrides: z.record(name, json).default({}),
});

export const SuiteSchema = z.strictObject({
  /** The JSON Schema an editor checks the file against (apps/harness/suite.schema.json); ignored here. */
  $schema: z.string().max(4096).optional(),
  name: name.regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'"),
  description: z.string().max(10_000).optional(),
  seed: z.union([z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), name.min(1)]),
  repetitions: z.number().int().min(1).max(1000),
  budget: BudgetSchema,
  checkpoints: CheckpointSchema.default({ count: 24, first: 1e-3 }),
  divergence: DivergenceSchema.default({ factor: DEFAULT_DIVERGENCE_FACTOR }),
  /**
   * Add the baselines that need no training budget (majority/mean, ridge or AR(p), naive forecasts) to
   * every problem, fitted on each repetition's splits; the report shows them beside the learners.
   */
  baselines: z.boolean().default(true),
  /** Tune every learner (with a search space) on every problem: see TuningSchema. */
  tuning: TuningSchema.optional(),
  learners: z.array(LearnerSchema).min(1).max(SUITE_LIMITS.learners),
  problems: z.array(ProblemSchema).min(1).max(SUITE_LIMITS.problems),
});

export type CsvSource = z.infer<typeof CsvSourceSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
export type Checkpoints = z.infer<typeof CheckpointSchema>;
export type Targets = z.infer<typeof TargetsSchema>;
export type Divergence = z.infer<typeof DivergenceSchema>;
export type LearnerEntry = z.infer<typeof LearnerSchema>;
export type Tuning = z.infer<typeof TuningSchema>;
export type ProblemEntryConfig = z.infer<typeof ProblemSchema>;
export type Suite = z.infer<typeof SuiteSchema>;

/** A path inside the suite file, "(root)" for the file itself. */
const pathInSuite = (path: readonly PropertyKey[]): string => formatPath(path) || "(root)";

/**
 * Walks a parsed document without recursion and throws a UsageError at the first place nested deeper
 * than `maxDepth` levels or holding a `__proto__` key, so that later code that does recurse (error
 * formatting, JSON.stringify, structured cloning to the workers) cannot overflow the stack. Shared
 * references are walked again only when reached deeper, so code-built values with cycles terminate too.
 */
export function checkNesting(data: unknown, source: string, maxDepth: number = SUITE_LIMITS.depth): void {
  const seen = new Map<object, number>();
  /** Objects on the path from the root to the current one: meeting one again is a cycle. */
  const onPath = new Set<object>();
  type Item = { value: unknown; depth: number; path: PropertyKey[] } | { leave: object };
  const stack: Item[] = [{ value: data, depth: 0, path: [] }];
  const bad = (path: PropertyKey[], why: string) =>
    new UsageError(`${source} is not a valid suite: ${pathInSuite(path)}: ${why}`);
  while (stack.length > 0) {
    const item = stack.pop()!;
    if ("leave" in item) {
      onPath.delete(item.leave);
      continue;
    }
    const { value, depth, path } = item;
    if (value === null || typeof value !== "object") continue;
    if (onPath.has(value)) throw bad(path, "the value contains itself");
    if (depth >= maxDepth) throw bad(path, `nested more than ${maxDepth} levels deep`);
    const before = seen.get(value);
    if (before !== undefined && before <= depth) continue;
    seen.set(value, depth);
    onPath.add(value);
    stack.push({ leave: value });
    if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--)
        stack.push({ value: value[i], depth: depth + 1, path: [...path, i] });
    } else {
      for (const key of Object.keys(value)) {
        if (key === "__proto__") throw bad(path, 'the key "__proto__" is not allowed');
        stack.push({
          value: (value as Record<string, unknown>)[key],
          depth: depth + 1,
          path: [...path, key],
        });
      }
    }
  }
}

/**
 * Validates parsed JSON as a suite; throws a one-line UsageError naming each problem with its path and
 * value (`source is not a valid suite: budget.flops: … (got -5); repetitions: …`).
 */
export function parseSuite(data: unknown, source = "suite"): Suite {
  checkNesting(data, source);
  let r: ReturnType<typeof SuiteSchema.safeParse>;
  try {
    r = SuiteSchema.safeParse(data, { reportInput: true });
  } catch (e) {
    throw new UsageError(
      `${source} is not a valid suite: ${e instanceof RangeError ? "it is too large or too deeply nested to check" : String(e)}`,
    );
  }
  if (r.success) {
    const ids = new Set<string>();
    r.data.learners.forEach((l, i) => {
      if (ids.has(l.id)) throw new UsageError(`${source}: learners[${i}].id "${l.id}" is used twice`);
      ids.add(l.id);
    });
    const pids = new Set<string>();
    r.data.problems.forEach((p, i) => {
      const pid = p.id ?? p.name;
      if (pids.has(pid)) {
        throw new UsageError(
          `${source}: problems[${i}] repeats id "${pid}"; give one of them a distinct "id"`,
        );
      }
      pids.add(pid);
      p.learners?.forEach((l, j) => {
        if (!ids.has(l)) {
          throw new UsageError(
            `${source}: problems[${i}].learners[${j}] is ${quote(l, 60)}, which is not a learner id of this suite (${[...ids].join(", ")})`,
          );
        }
      });
      for (const key of Object.keys(p.overrides)) {
        if (!ids.has(key)) {
          throw new UsageError(
            `${source}: problems[${i}].overrides has key ${quote(key, 60)}, which is not a learner id`,
          );
        }
      }
    });
    return r.data;
  }
  const issues = r.error.issues.slice(0, 8).map((iss) => {
    const at = pathInSuite(iss.path);
    const input = "input" in iss && iss.input !== undefined ? ` (got ${preview(iss.input)})` : "";
    return `${at}: ${iss.message}${input}`;
  });
  const more = r.error.issues.length > 8 ? `; and ${r.error.issues.length - 8} more` : "";
  throw new UsageError(`${source} is not a valid suite: ${issues.join("; ")}${more}`);
}

/**
 * Reads and validates a suite file: a regular UTF-8 file of at most 64 MiB (input-files.ts), a byte
 * order mark at its start allowed.
 */
export function loadSuite(path: string): Suite {
  const text = readInputText(path, SUITE_FILE, true);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`suite file ${quote(path)} is not valid JSON: ${(e as Error).message}`);
  }
  return parseSuite(data, quote(path));
}
