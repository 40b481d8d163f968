import * as z from "zod";
import { jsonObject, jsonValue } from "./json-value.ts";
import { anyNumber, count, nonNegative } from "./non-finite.ts";
import { tuningInfoSchema } from "./tuning-info.ts";

/** The version tag every run record carries; readers skip records with another tag. */
export const RUN_SCHEMA = "arena.run/1";

/** Metrics the datasets report besides the loss. */
export const METRIC_NAMES = ["accuracy", "rmse"] as const;

/** Outcomes of a run. */
export const RUN_STATUSES = ["ok", "diverged", "failed"] as const;

/** Loss and metric on each split, at one point of training. Non-finite values (a diverged run) are allowed. */
const splitFigures = {
  trainLoss: anyNumber,
  trainMetric: anyNumber,
  valLoss: anyNumber,
  valMetric: anyNumber,
};

/** One evaluation of the learner's current parameters during training. */
export const checkpointSchema = z.strictObject({
  /** Number of `learner.step()` calls so far. */
  step: count,
  /** Training samples forwarded divided by the training-set size (fractional for partial epochs). */
  epoch: nonNegative,
  /** Cumulative analytic FLOPs spent by the learner. */
  flops: nonNegative,
  /** Cumulative samples forwarded by the learner. */
  evaluations: nonNegative,
  /** MEASURED: wall-clock milliseconds since the run started (training only, evaluation time excluded). */
  wallMs: nonNegative,
  ...splitFigures,
  /** Test figures at this checkpoint, when the harness evaluates the test split at every checkpoint. */
  testLoss: anyNumber.optional(),
  testMetric: anyNumber.optional(),
  /** Gradient norm per layer (layer name → L2 norm), for gradient learners. */
  gradNorms: z.record(z.string(), anyNumber).optional(),
  /** For recurrent models: ‖∂L/∂h_t‖ for t = 0 … T−1, which shows vanishing or exploding gradients. */
  gradNormsThroughTime: z.array(anyNumber).optional(),
  /** Any other series the learner reports (`Learner.diagnostics()`), e.g. population diversity. */
  diagnostics: z.record(z.string(), z.array(anyNumber)).optional(),
});

/** Train, validation and test loss and metric. */
export const figuresSchema = z.strictObject({
  ...splitFigures,
  testLoss: anyNumber,
  testMetric: anyNumber,
});

/** Figures at the checkpoint of best validation metric. */
export const bestFiguresSchema = z.strictObject({
  /** Index into `trace`. */
  checkpoint: count,
  step: count,
  epoch: nonNegative,
  flops: nonNegative,
  evaluations: nonNegative,
  ...figuresSchema.shape,
});

/** First reach of one target of the suite's ladder (a value of the metric). */
export const targetHitSchema = z.strictObject({
  /** The target value of the metric (reached when ≥ target if higher is better, else ≤ target). */
  target: anyNumber,
  reached: z.boolean(),
  /** Cost at the first checkpoint that reached the target; null when not reached. */
  flops: nonNegative.nullable(),
  evaluations: nonNegative.nullable(),
  step: count.nullable(),
  /** MEASURED: wall ms at first reach; null when not reached. */
  wallMs: nonNegative.nullable(),
});

/** Roles of baselines: the floor a learner must leave to have learned, the linear model, naive forecasts. */
export const BASELINE_ROLES = ["trivial", "linear", "naive"] as const;

/** What a baseline record is: its method, its role, its settings (e.g. the ridge λ chosen on validation). */
export const baselineInfoSchema = z.strictObject({
  method: z.string().min(1),
  role: z.enum(BASELINE_ROLES),
  /** One line, e.g. "ridge least squares on one-hot targets, λ chosen on validation". */
  description: z.string(),
  /** Numbers first: a token such as "NaN" or "-0" is read back as the number it was written for. */
  settings: z.record(z.string(), z.union([anyNumber, z.string()])),
  /** Arithmetic of the closed-form fit, for information: baselines are charged to no budget. */
  fitFlops: nonNegative,
});

/** Measured figures: they vary from machine to machine and run to run, unlike everything else. */
export const measuredSchema = z.strictObject({
  /** ISO 8601 timestamps. */
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }),
  /** Total wall-clock milliseconds of the run (training and evaluation). */
  wallMs: nonNegative,
  /** Peak resident set size of the process that ran it (meaningful with one run per process at a time). */
  peakRssBytes: nonNegative.nullable(),
  /** Peak V8 heap used. */
  peakHeapBytes: nonNegative.nullable(),
  /**
   * How many times the run was started: more than 1 when a queue started it again after its worker died
   * or froze (`arena queue`). Absent on runs made by `arena run`.
   */
  attempts: count.min(1).optional(),
  host: z.strictObject({
    /** `process.version`, e.g. "v20.20.2". */
    node: z.string(),
    /** `os.cpus()[0].model`. */
    cpu: z.string(),
    cores: count,
    /** `process.platform` and `process.arch`. */
    platform: z.string(),
    arch: z.string(),
  }),
  /**
   * What produced the record besides the machine: Arena's version (the root package.json), the git
   * commit of the Arena checkout (short hash; null outside a git work tree), the kernel backend the run
   * used (`@arena/tensor`'s `getKernels().name`), and the invocation's worker threads (null when the run
   * was not made by the harness's pool). Absent in records written before it existed.
   */
  provenance: z
    .strictObject({
      arenaVersion: z.string().min(1),
      gitCommit: z.string().min(1).nullable(),
      kernels: z.string().min(1),
      workers: count.nullable(),
    })
    .optional(),
});

const runRecordObject = z.strictObject({
  schema: z.literal(RUN_SCHEMA),
  /** Deterministic id from suite, problem, model, learner and repetition: see `runId()`. */
  runId: z.string().min(1),
  suite: z.string().min(1),
  problem: z.strictObject({
    name: z.string().min(1),
    options: jsonObject,
    /** True when the problem is a fixed set of points (XOR, parity): its test split is its training set. */
    testIsTrain: z.boolean().optional(),
  }),
  model: z.strictObject({ name: z.string().min(1), spec: jsonValue }),
  learner: z.strictObject({ name: z.string().min(1), config: jsonValue }),
  /**
   * Hash (`configHash`, 8 hex digits) of everything the run's result depends on: problem and options
   * (and a user CSV's content), model spec, learner kind and config, budget, checkpoints, targets,
   * divergence rule, seed paths and the record schema. A resume reuses a record only when its run id
   * and this hash match the suite's. Absent in records written before it existed.
   */
  configHash: z
    .string()
    .regex(/^[0-9a-f]{8}$/, "8 lower-case hex digits")
    .optional(),
  /** The Rng fork path of the run, e.g. "42/digits/pso/3". */
  seedPath: z.string().min(1),
  repetition: count,
  /** Number of trainable parameters (the length of the flat parameter vector). */
  parameters: count,
  metric: z.strictObject({ name: z.enum(METRIC_NAMES), higherIsBetter: z.boolean() }),
  status: z.enum(RUN_STATUSES),
  /** Present exactly when status is "failed". */
  error: z.strictObject({ message: z.string(), stack: z.string().optional() }).optional(),
  /** Present exactly when status is "diverged": where the loss first became non-finite. */
  divergedAt: z.strictObject({ step: count, flops: nonNegative, evaluations: nonNegative }).optional(),
  /**
   * Only when status is "diverged": why, e.g. a non-finite loss, or the training loss grown past the
   * suite's divergence factor times its initial value. Absent in records written before it existed.
   */
  reason: z.string().optional(),
  trace: z.array(checkpointSchema),
  /** Figures at the end of the run (the last checkpoint); null if the run failed before any evaluation. */
  final: figuresSchema.nullable(),
  /** Figures at the checkpoint with the best validation metric (earliest on ties; direction from
   * `metric.higherIsBetter`); null if no checkpoint has a finite validation metric. */
  best: bestFiguresSchema.nullable(),
  /** Deterministic totals of the learner's work. */
  cost: z.strictObject({ steps: count, flops: nonNegative, evaluations: nonNegative }),
  /** One entry per target of the suite's ladder, in ladder order. */
  targets: z.array(targetHitSchema),
  /** Everything that is measured rather than computed: stripped by `stripMeasured`. */
  measured: measuredSchema,
  /**
   * Present on the records of baselines (majority class, mean, ridge, naive forecasts): fitted in closed
   * form on the same splits as the learners, charged to no budget, never ranked against the learners.
   */
  baseline: baselineInfoSchema.optional(),
  /**
   * Present on the runs of a tuned learner: a trial of its search (selection reads only its validation
   * figures), or a run of the chosen configuration on fresh seeds. Absent on untuned runs.
   */
  tuning: tuningInfoSchema.optional(),
});

/** Cross-field rules a single field's type cannot say. */
export const runRecordSchema = runRecordObject.superRefine((r, ctx) => {
  if ((r.status === "failed") !== (r.error !== undefined)) {
    ctx.addIssue({
      code: "custom",
      path: ["error"],
      message:
        r.status === "failed"
          ? 'status is "failed" but error is missing'
          : `error is set but status is "${r.status}"`,
    });
  }
  if ((r.status === "diverged") !== (r.divergedAt !== undefined)) {
    ctx.addIssue({
      code: "custom",
      path: ["divergedAt"],
      message:
        r.status === "diverged"
          ? 'status is "diverged" but divergedAt is missing'
          : `divergedAt is set but status is "${r.status}"`,
    });
  }
  if (r.reason !== undefined && r.status !== "diverged") {
    ctx.addIssue({
      code: "custom",
      path: ["reason"],
      message: `reason is set but status is "${r.status}"`,
    });
  }
  for (let i = 1; i < r.trace.length; i++) {
    const a = r.trace[i - 1];
    const b = r.trace[i];
    if (b.flops < a.flops || b.evaluations < a.evaluations || b.step < a.step) {
      ctx.addIssue({
        code: "custom",
        path: ["trace", i],
        message: `checkpoint goes backwards (step ${b.step}, flops ${b.flops} after step ${a.step}, flops ${a.flops})`,
      });
    }
  }
  if (r.best !== null && r.best.checkpoint >= r.trace.length) {
    ctx.addIssue({
      code: "custom",
      path: ["best", "checkpoint"],
      message: `points at checkpoint ${r.best.checkpoint} but the trace has ${r.trace.length}`,
    });
  }
  r.targets.forEach((t, i) => {
    const filled = t.flops !== null && t.evaluations !== null && t.step !== null && t.wallMs !== null;
    const empty = t.flops === null && t.evaluations === null && t.step === null && t.wallMs === null;
    if (t.reached ? !filled : !empty) {
      ctx.addIssue({
        code: "custom",
        path: ["targets", i],
        message: t.reached
          ? "reached is true but flops, evaluations, step or wallMs is null"
          : "reached is false but flops, evaluations, step or wallMs is set",
      });
    }
  });
});

/** One run, as held in memory (non-finite numbers are numbers). */
export type RunRecord = z.output<typeof runRecordSchema>;
export type Checkpoint = z.output<typeof checkpointSchema>;
export type Figures = z.output<typeof figuresSchema>;
export type BestFigures = z.output<typeof bestFiguresSchema>;
export type TargetHit = z.output<typeof targetHitSchema>;
export type Measured = z.output<typeof measuredSchema>;
export type MetricName = (typeof METRIC_NAMES)[number];
export type RunStatus = (typeof RUN_STATUSES)[number];
export type BaselineInfo = z.output<typeof baselineInfoSchema>;
export type BaselineRole = (typeof BASELINE_ROLES)[number];

/** Whether a record is a trial of a hyperparameter search: it feeds the tuning analysis, never the results. */
export function isTrialRecord(r: RunRecord): boolean {
  return r.tuning?.role === "trial";
}

/** The model name reserved for baseline records (baselines are no nn model; no user model may take it). */
export const BASELINE_MODEL = "baseline";

/**
 * Whether a record is a baseline's fit rather than a learner's run: it carries `baseline`, or it has the
 * reserved model name (a failed baseline fit is written without the `baseline` field).
 */
export function isBaselineRecord(r: RunRecord): boolean {
  return r.baseline !== undefined || r.model.name === BASELINE_MODEL;
}
