import { isTrialRecord, type RunRecord } from "@arena/results";
import { groupBy, rowKey } from "./baseline-rows.ts";

/** A report row (problem, model, learner) whose records were made with more than one configuration. */
export interface MixedConfigRow {
  problem: string;
  /** `model/learner`, as in the report's tables. */
  row: string;
  /** Each config hash of the row (null: records without one) with its number of runs, most runs first. */
  hashes: { hash: string | null; runs: number }[];
}

/**
 * The rows whose records carry different `configHash`es (or some with a hash and some without): their
 * statistics pool runs made with different settings, e.g. a learning rate changed half-way through a
 * folder's runs. Rows whose records all lack a hash (written before hashes existed) are not flagged.
 * Tuning trials differ by design and are no row's results: they are left out.
 */
export function mixedConfigRows(records: readonly RunRecord[]): MixedConfigRow[] {
  const out: MixedConfigRow[] = [];
  const results = records.filter((r) => !isTrialRecord(r));
  for (const [problem, rs] of groupBy(results, (r) => r.problem.name)) {
    for (const [row, group] of groupBy(rs, rowKey)) {
      const counts = new Map<string | null, number>();
      for (const r of group) counts.set(r.configHash ?? null, (counts.get(r.configHash ?? null) ?? 0) + 1);
      if (counts.size < 2) continue;
      const hashes = [...counts].map(([hash, runs]) => ({ hash, runs })).sort((a, b) => b.runs - a.runs);
      out.push({ problem, row, hashes });
    }
  }
  return out;
}

/** One line naming the row and its hashes, e.g. for `arena report`'s warnings and report.md. */
export function mixedConfigWarning(m: MixedConfigRow): string {
  const parts = m.hashes.map((h) => `${h.hash ?? "none"} × ${h.runs}`).join(", ");
  return (
    `${m.problem}, row ${m.row}: its runs were made with different settings (config hashes: ${parts}), ` +
    "and its statistics pool them; rerun the suite with --rerun-changed, or into a new --out"
  );
}
