import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import { anyNumber, parseRecord, type RunRecord, serializeRecord } from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

function roundTrip(record: RunRecord): RunRecord {
  const parsed = parseRecord(serializeRecord(record));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return parsed.record;
}

describe("anyNumber: the float-json tokens", () => {
  it("round-trips every double through JSON bit for bit, -0 included", () => {
    fc.assert(
      fc.property(fc.double(), (x) => {
        const text = JSON.stringify(z.encode(anyNumber, x));
        expect(Object.is(z.decode(anyNumber, JSON.parse(text)), x)).toBe(true);
      }),
    );
    expect([Number.NaN, Infinity, -Infinity, -0, 0, 1.5].map((x) => z.encode(anyNumber, x))).toEqual([
      "NaN",
      "Infinity",
      "-Infinity",
      "-0",
      0,
      1.5,
    ]);
  });

  it('writes -0 as "-0" and reads it back as -0', () => {
    const record = sampleRecord();
    record.trace[1].trainMetric = -0;
    const line = serializeRecord(record);
    expect(line).toContain('"trainMetric":"-0"');
    const back = roundTrip(record);
    expect(Object.is(back.trace[1].trainMetric, -0)).toBe(true);
    expect(serializeRecord(back)).toBe(line);
  });

  it("still reads records written before -0 had a token: numbers (0 for -0) and the three old tokens", () => {
    const old = JSON.parse(serializeRecord(sampleRecord("diverged")));
    old.trace[0].trainLoss = 0;
    old.trace[0].valLoss = "-Infinity";
    const parsed = parseRecord(JSON.stringify(old));
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(Object.is(parsed.record.trace[0].trainLoss, 0)).toBe(true);
    expect(parsed.record.trace[0].valLoss).toBe(Number.NEGATIVE_INFINITY);
    expect(parsed.record.trace.at(-1)?.trainLoss).toBeNaN();
    expect(parsed.record.trace.at(-1)?.valLoss).toBe(Number.POSITIVE_INFINITY);
  });

  it("keeps a baseline's numeric settings numbers, non-finite and -0 included, and its strings strings", () => {
    const record = sampleRecord();
    record.baseline = {
      method: "ridge",
      role: "linear",
      description: "ridge least squares",
      settings: {
        lambda: 0.01,
        zero: -0,
        limit: Number.POSITIVE_INFINITY,
        missing: Number.NaN,
        solver: "qr",
      },
      fitFlops: 10,
    };
    const back = roundTrip(record).baseline?.settings;
    expect(back).toEqual(record.baseline.settings);
    expect(Object.is(back?.zero, -0)).toBe(true);
  });
});
