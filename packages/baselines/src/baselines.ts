import type { Problem } from "@arena/datasets";
import { fitNaive, fitSeasonalNaive, forecastWindow, seasonalReason } from "./forecast.ts";
import { problemLayout, resolveLoss } from "./layout.ts";
import { fitLinear, linearPlan } from "./linear.ts";
import { fitMajority, fitMean } from "./trivial.ts";
import {
  BASELINE_METHODS,
  type BaselineMethod,
  type BaselineOptions,
  type BaselinePlan,
  type BaselineResult,
} from "./types.ts";

/** Why `method` does not apply to `problem`, or null when it does. */
function skipReason(method: BaselineMethod, problem: Problem): string | null {
  const layout = problemLayout(problem);
  if (problem.train.n === 0) return "the training split is empty";
  const classification = problem.task === "classification";
  switch (method) {
    case "majority":
      return classification ? null : "regression: the trivial baseline is the mean";
    case "mean":
      return classification ? "classification: the trivial baseline is the majority class" : null;
    case "naive": {
      const w = forecastWindow(problem);
      return typeof w === "string" ? w : null;
    }
    case "seasonal-naive": {
      const w = forecastWindow(problem);
      return typeof w === "string" ? w : seasonalReason(problem, w);
    }
    case "linear": {
      const plan = linearPlan(problem, layout);
      return typeof plan === "string" ? plan : null;
    }
  }
}

function checkMethod(method: unknown): asserts method is BaselineMethod {
  if (!BASELINE_METHODS.includes(method as BaselineMethod)) {
    throw new RangeError(
      `unknown baseline method "${String(method)}"; expected one of ${BASELINE_METHODS.join(", ")}`,
    );
  }
}

/**
 * The baselines that apply to `problem`, in display order (majority or mean, naive, seasonal naive,
 * linear), and each skipped one with the reason. Throws when the problem is malformed (splits of
 * different shapes, a metric that does not go with the task).
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * import { getProblem } from "@arena/datasets";
 * import { baselineMethods } from "@arena/baselines";
 * baselineMethods(getProblem("iris").load(new Rng("x"))).applicable; // ["majority", "linear"]
 * ```
 */
export function baselineMethods(problem: Problem): BaselinePlan {
  const applicable: BaselineMethod[] = [];
  const skipped: { method: BaselineMethod; reason: string }[] = [];
  for (const method of BASELINE_METHODS) {
    const reason = skipReason(method, problem);
    if (reason === null) applicable.push(method);
    else skipped.push({ method, reason });
  }
  return { applicable, skipped };
}

/**
 * Fits one baseline on `problem.train` (choosing any setting on `problem.validation` alone) and scores
 * it on the three splits as nn's `evaluate` scores a model. Throws, with the reason, when the method
 * does not apply.
 */
export function fitBaseline(
  method: BaselineMethod,
  problem: Problem,
  options: BaselineOptions = {},
): BaselineResult {
  checkMethod(method);
  for (const key of Object.keys(options)) {
    if (key !== "loss") throw new RangeError(`fitBaseline: unknown option "${key}"; expected loss`);
  }
  const layout = problemLayout(problem);
  const reason = skipReason(method, problem);
  if (reason !== null)
    throw new RangeError(`${problem.name}: baseline "${method}" does not apply: ${reason}`);
  const lossKind = resolveLoss(problem, layout, options.loss);
  switch (method) {
    case "majority":
      return fitMajority(problem, layout, lossKind);
    case "mean":
      return fitMean(problem, layout);
    case "linear":
      return fitLinear(problem, layout, lossKind);
    case "naive":
    case "seasonal-naive": {
      const w = forecastWindow(problem);
      if (typeof w === "string")
        throw new RangeError(`${problem.name}: baseline "${method}" does not apply: ${w}`);
      return method === "naive" ? fitNaive(problem, layout, w) : fitSeasonalNaive(problem, layout, w);
    }
  }
}

/** Every applicable baseline of `problem`, in display order (see {@link baselineMethods}). */
export function fitBaselines(problem: Problem, options: BaselineOptions = {}): BaselineResult[] {
  return baselineMethods(problem).applicable.map((m) => fitBaseline(m, problem, options));
}
