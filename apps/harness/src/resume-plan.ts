import { REPLACED_FILE, type StoredLine } from "./results-store.ts";
import type { RunSpec } from "./run-spec.ts";

/** How a rerun into a folder that already holds records treats them (the `arena run` flags). */
export interface ResumeOptions {
  /** Run again the runs whose records were made with other settings (or have no config hash). */
  rerunChanged?: boolean;
  /** Count `failed` records (with the suite's current settings) as done instead of retrying them. */
  keepFailed?: boolean;
  /** Count records without a config hash (written by an older Arena) as done. */
  keepUnknown?: boolean;
}

export interface ResumePlan {
  /** The runs to execute, in plan order. */
  todo: RunSpec[];
  /** Run ids whose existing records move to results.replaced.jsonl before the runs start. */
  replace: Set<string>;
  /** Selected runs whose records are reused. */
  done: number;
  /** Runs with only `failed` records, run again. */
  retried: number;
  /** Runs whose records had other settings (or no hash), run again (`rerunChanged`). */
  rerunChanged: number;
  /** Runs whose records were made with other settings, left unresolved: the command must stop. */
  changed: string[];
  /** Runs whose records have no config hash, left unresolved: the command must stop. */
  unknown: string[];
}

/**
 * Decides, for each selected run, what to do with the records already in the folder (all of a run id's
 * lines are considered together):
 *
 * - none: run it;
 * - every line has the run's config hash: reuse it, unless every line is `failed`, which is retried
 *   (`keepFailed` reuses it);
 * - only `failed` lines, some with another hash or none: retried (a failed record holds no result to
 *   protect), unless `keepFailed`, which makes it a changed run like the next case;
 * - a line with another hash: changed: run again with `rerunChanged`, else the command stops;
 * - lines without a hash (older records), the others matching: unknown: reused with `keepUnknown`, run
 *   again with `rerunChanged`, else the command stops.
 *
 * Runs run again have their old lines moved aside (`replace`), never deleted.
 */
export function planResume(
  selected: readonly RunSpec[],
  records: readonly StoredLine[],
  opts: ResumeOptions = {},
): ResumePlan {
  const byId = new Map<string, StoredLine[]>();
  for (const r of records) {
    const g = byId.get(r.runId);
    if (g) g.push(r);
    else byId.set(r.runId, [r]);
  }
  const plan: ResumePlan = {
    todo: [],
    replace: new Set(),
    done: 0,
    retried: 0,
    rerunChanged: 0,
    changed: [],
    unknown: [],
  };
  const again = (spec: RunSpec) => {
    plan.todo.push(spec);
    plan.replace.add(spec.runId);
  };
  for (const spec of selected) {
    const lines = byId.get(spec.runId);
    if (!lines) {
      plan.todo.push(spec);
      continue;
    }
    const allFailed = lines.every((l) => l.status === "failed");
    const same = lines.every((l) => l.configHash === spec.configHash);
    if (allFailed && !opts.keepFailed) {
      again(spec);
      plan.retried++;
    } else if (same) {
      plan.done++;
    } else {
      const differs = lines.some((l) => l.configHash !== undefined && l.configHash !== spec.configHash);
      if (!differs && opts.keepUnknown) plan.done++;
      else if (opts.rerunChanged) {
        again(spec);
        plan.rerunChanged++;
      } else (differs ? plan.changed : plan.unknown).push(spec.runId);
    }
  }
  return plan;
}

function listRuns(ids: readonly string[], shown = 3): string {
  const head = ids.slice(0, shown).join(", ");
  return ids.length > shown ? `${head} and ${ids.length - shown} more` : head;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The one-line message that stops a rerun whose folder holds records made with other settings (or
 * without a config hash): which runs (the first few and how many), and the choices.
 */
export function resumeConflictMessage(
  path: string,
  changed: readonly string[],
  unknown: readonly string[],
): string {
  const parts: string[] = [];
  if (changed.length > 0) {
    parts.push(
      `${path}: ${plural(changed.length, "run was", "runs were")} recorded with other settings than the suite now gives (config hash differs): ${listRuns(changed)}.`,
    );
  }
  if (unknown.length > 0) {
    parts.push(
      `${changed.length > 0 ? "And" : `${path}:`} ${plural(unknown.length, "run was", "runs were")} recorded without a config hash (by an older Arena), so whether the settings match is unknown: ${listRuns(unknown)}.`,
    );
  }
  const them = changed.length + unknown.length === 1 ? "it" : "them";
  const choices = [
    ...(unknown.length > 0 ? ["--keep-unknown to count the records without a hash as done"] : []),
    `--rerun-changed to run ${them} again (the old records move to ${REPLACED_FILE})`,
    "--fresh to discard this folder's results",
    "a new --out folder",
  ];
  const last = choices.pop();
  parts.push(`Nothing was run; choose ${choices.join(", ")}, or ${last}.`);
  return parts.join(" ");
}
