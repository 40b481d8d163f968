import { describe, expect, it } from "vitest";
import { parseRecord, type RunRecord, serializeRecord } from "../src/index.ts";
import { rnnRecord, sampleRecord } from "./sample-record.ts";

function roundTrip(record: RunRecord): RunRecord {
  const line = serializeRecord(record);
  const parsed = parseRecord(line);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.record;
}

describe("run record: serialize and parse round-trip", () => {
  it("an ok run comes back equal, on one line", () => {
    const record = sampleRecord();
    const line = serializeRecord(record);
    expect(line).not.toContain("\n");
    expect(line.startsWith('{"schema":"arena.run/1"')).toBe(true);
    expect(roundTrip(record)).toEqual(record);
    // Serialising the parsed record gives the same bytes: the format is a fixed point.
    expect(serializeRecord(roundTrip(record))).toBe(line);
  });

  it("a diverged run keeps NaN and ±Infinity exactly, stored as tokens", () => {
    const record = sampleRecord("diverged");
    const line = serializeRecord(record);
    expect(line).toContain('"trainLoss":"NaN"');
    expect(line).toContain('"valLoss":"Infinity"');
    expect(line).not.toContain('null,"trainMetric"'); // JSON.stringify would have written null for NaN
    const back = roundTrip(record);
    expect(back).toEqual(record);
    const last = back.trace[back.trace.length - 1];
    expect(last.trainLoss).toBeNaN();
    expect(last.valLoss).toBe(Number.POSITIVE_INFINITY);
    expect(last.gradNorms?.["dense0.W"]).toBe(Number.POSITIVE_INFINITY);
    expect(back.final?.testLoss).toBeNaN();
    const negative = sampleRecord();
    negative.trace[1].trainLoss = Number.NEGATIVE_INFINITY;
    expect(serializeRecord(negative)).toContain('"trainLoss":"-Infinity"');
    expect(roundTrip(negative).trace[1].trainLoss).toBe(Number.NEGATIVE_INFINITY);
  });

  it("a failed run keeps its error; newlines and U+2028 in strings stay escaped", () => {
    const record = sampleRecord("failed");
    record.error!.message += " \u2028 (line separator)";
    const line = serializeRecord(record);
    expect(line).not.toMatch(/[\n\r\u2028\u2029]/);
    expect(roundTrip(record)).toEqual(record);
    expect(roundTrip(record).error?.stack).toContain("\n    at Dense.forward");
  });

  it("a recurrent run keeps gradient norms through time and the rmse metric", () => {
    const record = rnnRecord();
    const back = roundTrip(record);
    expect(back).toEqual(record);
    expect(back.trace[2].gradNormsThroughTime).toEqual([1e-6, 3e-4, 0.02, 0.4, 1.2]);
    expect(back.metric).toEqual({ name: "rmse", higherIsBetter: false });
  });

  it("does not modify the record it serialises", () => {
    const record = sampleRecord("diverged");
    const copy = structuredClone(record);
    serializeRecord(record);
    expect(record).toEqual(copy);
  });
});
