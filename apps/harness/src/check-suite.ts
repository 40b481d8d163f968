import { isAbsolute, resolve } from "node:path";
import type { ProblemEntry } from "@arena/datasets";
import { checkModelForData } from "@arena/nn";
import { OptionsError, parseOptions } from "@arena/options";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import { problemEntryFor } from "./problem-loader.ts";
import type { LearnerKind } from "./run-context.ts";
import { planSuiteWithTuning, type SuitePlan } from "./run-plan.ts";
import type { RunSpec } from "./run-spec.ts";
import type { Suite } from "./suite.ts";
import { learnerSearchSpace, tuningFor } from "./tuning-plan.ts";
import { UsageError } from "./usage-error.ts";

/** What went wrong, and where in the suite: `problems[1] (digits-100): models[0].layers[0]: …`. */
function issuesOf(where: string, e: unknown): string[] {
  if (e instanceof OptionsError)
    return e.issues.map((i) => `${where}: ${i.path ? `${i.path}: ` : ""}${i.message}`);
  return [`${where}: ${e instanceof Error ? e.message : String(e)}`];
}

/** The problem's registry entry (or CSV), its options checked; null (with the issues noted) when it cannot be had. */
function checkProblem(suite: Suite, pi: number, suiteDir: string, out: string[]) {
  const p = suite.problems[pi];
  const where = `problems[${pi}] (${p.id ?? p.name})`;
  const csv = p.csv
    ? { ...p.csv, path: isAbsolute(p.csv.path) ? p.csv.path : resolve(suiteDir, p.csv.path) }
    : undefined;
  let entry: ProblemEntry;
  try {
    entry = problemEntryFor({
      id: p.id ?? p.name,
      name: p.name,
      options: p.options,
      ...(csv ? { csv } : {}),
    });
  } catch (e) {
    out.push(...issuesOf(where, e));
    return null;
  }
  try {
    parseOptions(entry.name, entry.options, p.options);
  } catch (e) {
    out.push(...issuesOf(`${where}.options`, e));
    return null;
  }
  return { where, entry, shapes: entry.shapes(p.options) };
}

/** Every model of the problem against the problem's input and output shapes. */
function checkModels(
  suite: Suite,
  pi: number,
  resolved: NonNullable<ReturnType<typeof checkProblem>>,
  out: string[],
) {
  const p = suite.problems[pi];
  const models = p.models ?? [resolved.entry.modelFor(p.options)];
  models.forEach((spec, mi) => {
    const { name: _name, ...modelSpec } = spec as Record<string, unknown>;
    const where = p.models ? `${resolved.where}.models[${mi}]` : `${resolved.where} (the registry's model)`;
    for (const issue of checkModelForData(modelSpec, resolved.shapes.input, resolved.shapes.output)) {
      out.push(`${where}: ${issue.path ? `${issue.path}: ` : ""}${issue.message}`);
    }
  });
}

/** Every learner of the problem: a known kind, and its config (with the problem's overrides) valid. */
function checkLearners(suite: Suite, pi: number, kinds: ReadonlyMap<string, LearnerKind>, out: string[]) {
  const p = suite.problems[pi];
  for (const [li, l] of suite.learners.entries()) {
    if (p.learners && !p.learners.includes(l.id)) continue;
    const kind = kinds.get(l.kind);
    if (!kind) {
      // Reported once, at the learner, not per problem.
      if (pi === 0) {
        out.push(
          `learners[${li}] (${l.id}): unknown learner kind "${l.kind}"; known kinds: ${[...kinds.keys()].join(", ")}`,
        );
      }
      continue;
    }
    const override = p.overrides[l.id];
    const where = override
      ? `problems[${pi}] (${p.id ?? p.name}).overrides.${l.id}`
      : `learners[${li}] (${l.id}).config`;
    const config = { ...l.config, ...(override ?? {}) };
    try {
      parseOptions(l.id, kind.config, config);
    } catch (e) {
      out.push(...issuesOf(where, e));
      continue;
    }
    if (!tuningFor(suite, p)) continue;
    try {
      learnerSearchSpace(l, config);
    } catch (e) {
      out.push(
        ...issuesOf(
          `learners[${li}] (${l.id}).search${override ? ` with problems[${pi}]'s overrides` : ""}`,
          e,
        ),
      );
    }
  }
}

/**
 * Resolves the whole suite before any run, so that a bad suite is refused with everything wrong in it
 * at once and nothing written: every problem (a registry name or a readable CSV with the columns and
 * value types asked for) and its options, every model spec and whether its input and output sizes fit
 * the problem's data, every learner kind and its config as merged with each problem's overrides.
 * Returns the problems found, each naming its place in the suite; empty when the suite is sound.
 */
export function checkSuite(
  suite: Suite,
  suiteDir: string,
  kinds: ReadonlyMap<string, LearnerKind>,
): string[] {
  const out: string[] = [];
  for (const pi of suite.problems.keys()) {
    const resolved = checkProblem(suite, pi, suiteDir, out);
    if (resolved) checkModels(suite, pi, resolved, out);
    checkLearners(suite, pi, kinds, out);
  }
  // A learner's own config is checked once per problem it runs on: report each problem once.
  return [...new Set(out)];
}

/**
 * The suite's runs, after {@link checkSuite} found nothing wrong with it; otherwise a UsageError that
 * lists every problem (on one line, separated by "; "), before anything is run or written.
 */
export function planCheckedSuite(suite: Suite, suiteDir: string, kinds = LEARNER_KINDS): RunSpec[] {
  return planCheckedSuiteWithTuning(suite, suiteDir, kinds).runs;
}

/** {@link planCheckedSuite} with the tuned groups whose final runs wait for their trials. */
export function planCheckedSuiteWithTuning(suite: Suite, suiteDir: string, kinds = LEARNER_KINDS): SuitePlan {
  const issues = checkSuite(suite, suiteDir, kinds);
  if (issues.length > 0) {
    const n = issues.length === 1 ? "1 problem" : `${issues.length} problems`;
    throw new UsageError(`the suite "${suite.name}" has ${n}, so nothing was run: ${issues.join("; ")}`);
  }
  return planSuiteWithTuning(suite, suiteDir);
}
