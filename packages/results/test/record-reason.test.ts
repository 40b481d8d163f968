import { describe, expect, it } from "vitest";
import { parseRecord, parseRecordValue, serializeRecord } from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

describe("run record: the reason of a diverged run", () => {
  it("round-trips on a diverged record, and records written before it (without one) still parse", () => {
    const withReason = { ...sampleRecord("diverged"), reason: "training loss 5.7e5 exceeds 1000 × 0.69" };
    const back = parseRecord(serializeRecord(withReason));
    expect(back.ok && back.record.reason).toBe(withReason.reason);
    const old = sampleRecord("diverged");
    expect(old.reason).toBeUndefined();
    expect(parseRecord(serializeRecord(old)).ok).toBe(true);
  });

  it("is rejected on a run that did not diverge", () => {
    const v = JSON.parse(serializeRecord(sampleRecord("ok")));
    v.reason = "because";
    const r = parseRecordValue(v);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toContain('reason: reason is set but status is "ok"');
  });
});
