import { describe, expect, it } from "vitest";
import {
  MEASURED_FIELDS,
  parseRecordValue,
  type RunRecord,
  serializeRecord,
  stripMeasured,
} from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

/** Leaf paths with array indices generalised to [], e.g. "trace[].wallMs". */
function leafPaths(v: unknown, prefix = ""): Set<string> {
  const out = new Set<string>();
  if (Array.isArray(v)) {
    for (const c of v) for (const p of leafPaths(c, `${prefix}[]`)) out.add(p);
  } else if (v !== null && typeof v === "object") {
    for (const [k, c] of Object.entries(v))
      for (const p of leafPaths(c, prefix ? `${prefix}.${k}` : k)) out.add(p);
  } else out.add(prefix);
  return out;
}

describe("stripMeasured", () => {
  it("removes exactly the measured fields and nothing else", () => {
    for (const status of ["ok", "diverged", "failed"] as const) {
      const record = sampleRecord(status);
      const before = leafPaths(record);
      const after = leafPaths(stripMeasured(record));
      const removed = [...before].filter((p) => !after.has(p));
      for (const p of after) expect(before.has(p)).toBe(true);
      // Every removed leaf lies under one of MEASURED_FIELDS, and each listed field was present and removed.
      for (const p of removed)
        expect(MEASURED_FIELDS.some((f) => p === f || p.startsWith(`${f}.`))).toBe(true);
      const expectedFields = status === "failed" ? ["measured", "targets[].wallMs"] : [...MEASURED_FIELDS];
      for (const f of expectedFields)
        expect(removed.some((p) => p === f || p.startsWith(`${f}.`))).toBe(true);
    }
  });

  it("makes two runs that differ only in measurements equal, but not runs that differ in results", () => {
    const a = sampleRecord();
    const b: RunRecord = structuredClone(a);
    b.measured = { ...b.measured, wallMs: 9999, startedAt: "2030-01-01T00:00:00.000Z", peakRssBytes: 1 };
    b.measured.host = { ...b.measured.host, cpu: "Apple M3" };
    b.trace[2].wallMs = 123;
    b.targets[0].wallMs = 7;
    expect(a).not.toEqual(b);
    expect(stripMeasured(a)).toEqual(stripMeasured(b));
    const c: RunRecord = structuredClone(a);
    c.trace[2].valLoss += 1e-12;
    expect(stripMeasured(a)).not.toEqual(stripMeasured(c));
  });

  it("returns a copy and leaves the record untouched", () => {
    const record = sampleRecord();
    const copy = structuredClone(record);
    const stripped = stripMeasured(record);
    (stripped.learner.config as Record<string, unknown>).particles = 1;
    stripped.trace[0].trainLoss = -1;
    expect(record).toEqual(copy);
  });
});

describe("provenance and configHash", () => {
  it("provenance is measured (stripped); configHash is not", () => {
    const a = sampleRecord();
    expect(a.measured.provenance?.kernels).toBe("wasm");
    const s = stripMeasured(a) as Record<string, unknown>;
    expect(JSON.stringify(s)).not.toMatch(/provenance|arenaVersion|gitCommit/);
    expect(s.configHash).toBe("1a2b3c4d");
    const b: RunRecord = structuredClone(a);
    b.measured.provenance = { arenaVersion: "0.2.0", gitCommit: null, kernels: "ts", workers: null };
    expect(stripMeasured(b)).toEqual(stripMeasured(a));
  });

  it("records written before either field existed still parse; a malformed hash does not", () => {
    const v = JSON.parse(serializeRecord(sampleRecord()));
    delete v.configHash;
    delete v.measured.provenance;
    expect(parseRecordValue(v).ok).toBe(true);
    v.configHash = "XYZ";
    const r = parseRecordValue(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^configHash: 8 lower-case hex digits/);
  });
});
