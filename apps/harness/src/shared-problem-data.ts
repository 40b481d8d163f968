import { csvRowsFor, problemDataKey, type SharedProblemData } from "./problem-loader.ts";
import type { RunSpec } from "./run-spec.ts";

/**
 * The data to post with each run of `specs`: for a run of a table CSV, the rows this thread read to
 * check and plan it (in shared memory) and their key; nothing for a built-in problem or a series CSV,
 * which the worker loads itself. Each file is read at most once here, and every worker then reads the
 * same rows instead of parsing the file and holding a copy of its own; the caller keeps the returned
 * map, and with it the rows, for as long as runs may still start.
 */
export function shareProblemData(specs: readonly RunSpec[]): Map<string, SharedProblemData> {
  const byKey = new Map<string, SharedProblemData>();
  const byRun = new Map<string, SharedProblemData>();
  for (const spec of specs) {
    if (!spec.problem.csv) continue;
    const key = problemDataKey(spec.problem);
    let data = byKey.get(key);
    if (data === undefined) {
      const rows = csvRowsFor(spec.problem);
      if (rows === undefined) continue;
      data = { key, rows };
      byKey.set(key, data);
    }
    byRun.set(spec.runId, data);
  }
  return byRun;
}
