import type { Checkpoint, RunRecord, TargetHit } from "./run-record.ts";

/**
 * The fields that are measured rather than computed, and so differ between two runs of the same seed:
 * the `measured` group (timestamps, total wall time, peak memory, host, and provenance: Arena version,
 * git commit, kernel backend, worker count) and the wall-clock time in each checkpoint and at each
 * target's first reach. Everything else (including `configHash`) is a deterministic function of the
 * suite, the seed and the code.
 */
export const MEASURED_FIELDS = ["measured", "trace[].wallMs", "targets[].wallMs"] as const;

/** A record without its measured fields: equal for two runs of the same seed (see `stripMeasured`). */
export type UnmeasuredRecord = Omit<RunRecord, "measured" | "trace" | "targets"> & {
  trace: Omit<Checkpoint, "wallMs">[];
  targets: Omit<TargetHit, "wallMs">[];
};

/**
 * A deep copy of the record without {@link MEASURED_FIELDS}, so that two runs of the same seed can be
 * compared for bit-identical results: `expect(stripMeasured(a)).toEqual(stripMeasured(b))`.
 */
export function stripMeasured(record: RunRecord): UnmeasuredRecord {
  const { measured: _measured, trace, targets, ...rest } = record;
  return structuredClone({
    ...rest,
    trace: trace.map(({ wallMs: _wallMs, ...checkpoint }) => checkpoint),
    targets: targets.map(({ wallMs: _wallMs, ...hit }) => hit),
  });
}
