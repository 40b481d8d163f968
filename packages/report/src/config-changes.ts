import type { RunRecord } from "@arena/results";

/** A run recorded on both sides with different config hashes: its settings changed. */
export interface ConfigChange {
  runId: string;
  /** The config hash in BASE and in NEW. */
  base: string;
  new: string;
}

/** How the runs of two results sets pair by run id. */
export interface RunPairing {
  /** Run ids present on both sides. */
  paired: number;
  onlyInBase: number;
  onlyInNew: number;
  /** Paired runs whose config hashes differ, in NEW's order. */
  changes: ConfigChange[];
  /** Run ids of paired runs without a config hash on a side (written before hashes existed). */
  unknown: string[];
}

/** Records by run id; a run id written twice in one file (a bad merge) counts by its first record. */
function firstById(records: readonly RunRecord[]): Map<string, RunRecord> {
  const byId = new Map<string, RunRecord>();
  for (const r of records) if (!byId.has(r.runId)) byId.set(r.runId, r);
  return byId;
}

/**
 * Pairs two results sets by run id and compares their config hashes. A run present on both sides
 * with two hashes was made with other settings (problem, model, learner config, budget, seeds...): a
 * comparison of it measures the change of settings, not of the code, so `arena compare` refuses it
 * unless asked. A missing hash (older records) is unknown, neither same nor changed.
 */
export function pairRuns(base: readonly RunRecord[], next: readonly RunRecord[]): RunPairing {
  const byId = firstById(base);
  const nextById = firstById(next);
  const changes: ConfigChange[] = [];
  const unknown: string[] = [];
  let paired = 0;
  for (const [id, n] of nextById) {
    const b = byId.get(id);
    if (!b) continue;
    paired++;
    if (b.configHash === undefined || n.configHash === undefined) unknown.push(id);
    else if (b.configHash !== n.configHash)
      changes.push({ runId: id, base: b.configHash, new: n.configHash });
  }
  return {
    paired,
    onlyInBase: byId.size - paired,
    onlyInNew: nextById.size - paired,
    changes,
    unknown,
  };
}

/**
 * The runs of two results sets whose config hashes differ (see {@link pairRuns}): what `arena compare`
 * refuses to compare unless `--allow-config-change` is given.
 */
export function configChanges(base: readonly RunRecord[], next: readonly RunRecord[]): ConfigChange[] {
  return pairRuns(base, next).changes;
}
