import { describe, expect, it } from "vitest";
import { parseRecord, parseRecordValue, RecordSchemaError, serializeRecord } from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

/** The record as it is stored (JSON), for editing before parsing. */
// biome-ignore lint/suspicious/noExplicitAny: the tests reach into arbitrary nested JSON fields to break them
function stored(status: "ok" | "diverged" | "failed" = "ok"): Record<string, any> {
  return JSON.parse(serializeRecord(sampleRecord(status)));
}

function errorOf(value: unknown) {
  const r = parseRecordValue(value);
  if (r.ok) throw new Error("expected the record to be rejected");
  return r.error;
}

describe("run record: rejections name the path and the value", () => {
  it("a wrong type deep inside the trace", () => {
    const v = stored();
    v.trace[2].flops = "lots";
    const e = errorOf(v);
    expect(e.kind).toBe("invalid");
    expect(e.issues).toHaveLength(1);
    expect(e.issues[0].path).toBe("trace[2].flops");
    expect(e.message).toBe('trace[2].flops: expected number, got "lots"');
  });

  it("a string that is not a non-finite token in a number field", () => {
    const v = stored();
    v.final.testLoss = "nan";
    expect(errorOf(v).message).toBe(
      'final.testLoss: expected a number or one of "NaN", "Infinity", "-Infinity", "-0", got "nan"',
    );
  });

  it("missing fields, bad enums and unknown keys", () => {
    const v = stored();
    delete v.seedPath;
    v.status = "done";
    v.metric.name = "f1";
    v.measured.host.gpu = "none";
    const messages = errorOf(v).issues.map((i) => i.message);
    expect(messages).toContain("seedPath: expected string, missing");
    expect(messages).toContain(
      'status: Invalid option: expected one of "ok"|"diverged"|"failed", got "done"',
    );
    expect(messages).toContain('metric.name: Invalid option: expected one of "accuracy"|"rmse", got "f1"');
    expect(messages).toContain('measured.host: unknown key "gpu"');
  });

  it("negative costs, non-integer counts and bad timestamps", () => {
    const v = stored();
    v.cost.flops = -1;
    v.repetition = 1.5;
    v.measured.startedAt = "yesterday";
    const messages = errorOf(v).issues.map((i) => i.message);
    expect(messages.some((m) => m.startsWith("cost.flops: ") && m.endsWith("got -1"))).toBe(true);
    expect(messages.some((m) => m.startsWith("repetition: ") && m.endsWith("got 1.5"))).toBe(true);
    expect(messages.some((m) => m.startsWith("measured.startedAt: ") && m.endsWith('got "yesterday"'))).toBe(
      true,
    );
  });

  it("cross-field rules: status and error/divergedAt, target consistency, trace order, best index", () => {
    const failedWithoutError = stored("failed");
    delete failedWithoutError.error;
    expect(errorOf(failedWithoutError).message).toContain('error: status is "failed" but error is missing');

    const okWithDivergence = stored();
    okWithDivergence.divergedAt = { step: 1, flops: 1, evaluations: 1 };
    expect(errorOf(okWithDivergence).message).toContain('divergedAt: divergedAt is set but status is "ok"');

    const reachedWithoutCost = stored();
    reachedWithoutCost.targets[0].flops = null;
    expect(errorOf(reachedWithoutCost).message).toContain(
      "targets[0]: reached is true but flops, evaluations, step or wallMs is null",
    );

    const backwards = stored();
    backwards.trace[3].flops = 1;
    expect(errorOf(backwards).message).toContain(
      "trace[3]: checkpoint goes backwards (step 150, flops 1 after step 100",
    );

    const bestOutside = stored();
    bestOutside.best.checkpoint = 9;
    expect(errorOf(bestOutside).message).toContain(
      "best.checkpoint: points at checkpoint 9 but the trace has 4",
    );
  });

  it("not JSON, not an object, an unknown schema version", () => {
    const notJson = parseRecord('{"schema": "arena.run/1", ');
    expect(notJson.ok || notJson.error.kind).toBe("json");
    const array = parseRecord("[1, 2]");
    expect(array.ok || array.error.message).toBe("(record): expected object, got [1,2]");
    const v = stored();
    v.schema = "arena.run/2";
    const future = errorOf(v);
    expect(future.kind).toBe("version");
    expect(future.message).toBe(
      'schema: unknown schema version "arena.run/2"; this reader knows "arena.run/1"',
    );
    const noTag = stored();
    delete noTag.schema;
    expect(errorOf(noTag).message).toContain("schema: ");
  });

  it("serializeRecord refuses a broken record, naming the field", () => {
    const r = sampleRecord();
    r.trace[1].flops = Number.NaN; // costs must be finite: only figures may be non-finite
    expect(() => serializeRecord(r)).toThrow(RecordSchemaError);
    expect(() => serializeRecord(r)).toThrow("serializeRecord: trace[1].flops: expected number, got NaN");
    const s = sampleRecord();
    (s.learner.config as Record<string, unknown>).lr = Number.POSITIVE_INFINITY;
    expect(() => serializeRecord(s)).toThrow(
      "learner.config.lr: Infinity is not representable in JSON; use a finite number, got Infinity",
    );
    const t = sampleRecord();
    (t.model as { spec: unknown }).spec = { weights: new Float32Array(2) };
    expect(() => serializeRecord(t)).toThrow(
      "model.spec.weights: expected a plain JSON object, got an instance of Float32Array",
    );
  });
});
