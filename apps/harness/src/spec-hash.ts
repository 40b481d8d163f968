import { createHash } from "node:crypto";
import { MAX_FILE_BYTES, readRegularFile } from "@arena/datasets";
import { configHash, type JsonValue, RUN_SCHEMA } from "@arena/results";
import { LEARNER_KINDS } from "./learner-kinds.ts";
import type { RunSpec } from "./run-spec.ts";
import { UsageError } from "./usage-error.ts";

/** The sha256 of a file's bytes (hex): a user CSV's content, so an edited file counts as a change. */
export function fileDigest(path: string): string {
  const bytes = readRegularFile(path, MAX_FILE_BYTES, (why) => new UsageError(`cannot read ${path}: ${why}`));
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * A learner's config as it will run: parsed by its kind's schema, so every default is written out and
 * spelling one out in the suite is no change. A config the schema refuses (the run will be recorded as
 * failed) is hashed as given.
 */
function resolvedConfig(kind: string, config: Record<string, unknown>): JsonValue {
  const schema = LEARNER_KINDS.get(kind)?.config;
  if (!schema) return config as JsonValue;
  const parsed = schema.safeParse(config);
  return (parsed.success ? JSON.parse(JSON.stringify(parsed.data)) : config) as JsonValue;
}

/** The fields of a planned run the hash reads (everything but the hash itself and the plan position). */
export type HashedSpec = Omit<RunSpec, "configHash" | "index" | "invocation">;

/**
 * A seed path with its trailing repetition replaced by `<rep>`: the suite seed and the path scheme,
 * which is what the hash needs (the repetition is in the run id), and the same for every repetition of
 * a row, so a row's runs share one hash.
 */
function perRow(path: string): string {
  return path.replace(/\/\d+$/, "/<rep>");
}

/**
 * What a run's result depends on, as plain JSON: the results schema version; the problem (registry
 * name and options; for a user CSV its reading options and the sha256 of its content, not its path);
 * the model spec; the learner kind and its config as resolved by the kind's schema (the problem's
 * overrides merged in, defaults written out); the three seed paths
 * without their repetition (the suite seed and the path scheme, see `perRow`); the targets; and for
 * learner runs the budget, checkpoints and divergence rule (a baseline is a closed-form fit that uses
 * none of them). Everything else that decides a run is in its run id (suite, problem id, model name,
 * learner id, repetition) or is the code itself.
 */
export function hashInputs(spec: HashedSpec, csvSha256?: string): JsonValue {
  const { path: _path, ...csv } = spec.problem.csv ?? { path: "" };
  const baseline = spec.learner.kind === "baseline";
  return {
    results: RUN_SCHEMA,
    problem: {
      name: spec.problem.name,
      options: spec.problem.options as JsonValue,
      ...(spec.problem.csv ? { csv: { ...csv, sha256: csvSha256 ?? null } } : {}),
    },
    model: spec.model.spec as JsonValue,
    learner: { kind: spec.learner.kind, config: resolvedConfig(spec.learner.kind, spec.learner.config) },
    seeds: { run: perRow(spec.seedPath), data: perRow(spec.dataSeedPath), init: perRow(spec.initSeedPath) },
    targets: (spec.targets ?? null) as JsonValue,
    ...(baseline
      ? {}
      : {
          budget: spec.budget as JsonValue,
          checkpoints: spec.checkpoints as JsonValue,
          divergence: (spec.divergence ?? null) as JsonValue,
        }),
  };
}

/** The run's `configHash`: 8 hex digits of FNV-1a over the canonical JSON of {@link hashInputs}. */
export function specHash(spec: HashedSpec, csvSha256?: string): string {
  return configHash(hashInputs(spec, csvSha256));
}
