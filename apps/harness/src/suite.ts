import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * A suite file: which problems, models and learners to compare, how many seeds, and at what budget.
 * Validated with zod; every error names the path inside the file and the bad value.
 */

const positive = z.number().finite().positive();
const json = z.record(z.string(), z.unknown());

/** Stop a run when any of the given limits is reached. FLOPs are the default currency. */
export const BudgetSchema = z
  .strictObject({
    flops: positive.optional(),
    evaluations: positive.optional(),
    epochs: positive.optional(),
    wallMs: positive.optional(),
  })
  .refine((b) => Object.values(b).some((v) => v !== undefined), {
    message: "a budget needs at least one of flops, evaluations, epochs, wallMs",
  });

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
  values: z.array(z.number().finite()).min(1),
});

export const LearnerSchema = z.strictObject({
  /** A short unique name used in run ids and reports, e.g. "adam". */
  id: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'"),
  kind: z.string().min(1),
  config: json.default({}),
});

/**
 * A user's CSV file as a problem: a table with a label column (`fromCsv` in @arena/datasets), or for
 * `task: "forecast"` one numeric column read as a series in row order (`fromSeriesCsv`): windows of
 * `window` past values predict the next one, split chronologically, scaled on the training part.
 */
export const CsvSourceSchema = z
  .strictObject({
    /** Relative paths are resolved against the suite file's folder. */
    path: z.string().min(1),
    task: z.enum(["classification", "regression", "forecast"]),
    /** classification/regression: the label column (a header name or "last"). */
    label: z.string().min(1).optional(),
    /** forecast: the value column (a header name or "last"). */
    column: z.string().min(1).optional(),
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
  name: z.string().min(1),
  csv: CsvSourceSchema.optional(),
  /** Distinguishes two entries of the same problem with different options, e.g. "digits-100". */
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]*$/, "lower-case letters, digits, '.', '_' or '-'")
    .optional(),
  options: json.default({}),
  /** Model specs for nn; defaults to the registry's suggestion. */
  models: z.array(json).min(1).optional(),
  /** Learner ids to run on this problem; defaults to every learner of the suite. */
  learners: z.array(z.string()).min(1).optional(),
  budget: BudgetSchema.optional(),
  targets: TargetsSchema.optional(),
  /** Overrides the suite's `divergence` for this problem. */
  divergence: DivergenceSchema.optional(),
  /** Learner config overrides for this problem, by learner id (merged over the suite's config). */
  overrides: z.record(z.string(), json).default({}),
});

export const SuiteSchema = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, "letters, digits, '.', '_' or '-'"),
  description: z.string().optional(),
  seed: z.union([z.number().int(), z.string().min(1)]),
  repetitions: z.number().int().min(1).max(1000),
  budget: BudgetSchema,
  checkpoints: CheckpointSchema.default({ count: 24, first: 1e-3 }),
  divergence: DivergenceSchema.default({ factor: DEFAULT_DIVERGENCE_FACTOR }),
  /**
   * Add the baselines that need no training budget (majority/mean, ridge or AR(p), naive forecasts) to
   * every problem, fitted on each repetition's splits; the report shows them beside the learners.
   */
  baselines: z.boolean().default(true),
  learners: z.array(LearnerSchema).min(1),
  problems: z.array(ProblemSchema).min(1),
});

export type CsvSource = z.infer<typeof CsvSourceSchema>;
export type Budget = z.infer<typeof BudgetSchema>;
export type Checkpoints = z.infer<typeof CheckpointSchema>;
export type Targets = z.infer<typeof TargetsSchema>;
export type Divergence = z.infer<typeof DivergenceSchema>;
export type LearnerEntry = z.infer<typeof LearnerSchema>;
export type ProblemEntryConfig = z.infer<typeof ProblemSchema>;
export type Suite = z.infer<typeof SuiteSchema>;

/** A user error: bad suite, flag, name or file. The CLI prints the message and exits with code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

function describeValue(v: unknown): string {
  const s = JSON.stringify(v);
  if (s === undefined) return String(v);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const p of path) out += typeof p === "number" ? `[${p}]` : out ? `.${String(p)}` : String(p);
  return out || "(root)";
}

/** Validates parsed JSON as a suite; throws a UsageError listing each problem with its path and value. */
export function parseSuite(data: unknown, source = "suite"): Suite {
  const r = SuiteSchema.safeParse(data, { reportInput: true });
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
            `${source}: problems[${i}].learners[${j}] is "${l}", which is not a learner id of this suite (${[...ids].join(", ")})`,
          );
        }
      });
      for (const key of Object.keys(p.overrides)) {
        if (!ids.has(key)) {
          throw new UsageError(
            `${source}: problems[${i}].overrides has key "${key}", which is not a learner id`,
          );
        }
      }
    });
    return r.data;
  }
  const lines = r.error.issues.slice(0, 8).map((iss) => {
    const at = formatPath(iss.path);
    const input = "input" in iss && iss.input !== undefined ? ` (got ${describeValue(iss.input)})` : "";
    return `  ${at}: ${iss.message}${input}`;
  });
  const more = r.error.issues.length > 8 ? `\n  ... and ${r.error.issues.length - 8} more` : "";
  throw new UsageError(`${source} is not a valid suite:\n${lines.join("\n")}${more}`);
}

/** Reads and validates a suite file. */
export function loadSuite(path: string): Suite {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new UsageError(
      `cannot read suite file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`suite file ${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseSuite(data, path);
}
