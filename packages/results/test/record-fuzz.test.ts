import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseRecord, parseRecordValue, parseResultsFile, serializeRecord } from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

/** Every path to a leaf or container inside a JSON value. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) out.push(...paths(v[i], [...prefix, i]));
  } else if (v !== null && typeof v === "object")
    for (const [k, c] of Object.entries(v)) out.push(...paths(c, [...prefix, k]));
  return out;
}

const storedLine = serializeRecord(sampleRecord("diverged"));
const storedValue = JSON.parse(storedLine);
const allPaths = paths(storedValue).filter((p) => p.length > 0);

function checkResult(r: ReturnType<typeof parseRecordValue>): void {
  if (!r.ok) {
    expect(["json", "version", "invalid"]).toContain(r.error.kind);
    expect(r.error.issues.length).toBeGreaterThan(0);
    for (const issue of r.error.issues) {
      expect(typeof issue.message).toBe("string");
      expect(issue.message.startsWith(`${issue.path}: `)).toBe(true);
    }
  }
}

describe("parseRecord never throws", () => {
  it("on arbitrary strings", () => {
    // JSON-ish characters reach the schema far more often than random text; plain strings cover the rest.
    const jsonish = fc.string({
      unit: fc.constantFrom(...'{}[]":,.-0123456789eE aflnrstuNI'),
      maxLength: 200,
    });
    fc.assert(
      fc.property(fc.oneof(jsonish, fc.string({ maxLength: 200 })), (s) => {
        checkResult(parseRecord(s));
      }),
    );
  });

  it("on arbitrary JSON values and arbitrary JS values", () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        checkResult(parseRecord(JSON.stringify(v) ?? "null"));
      }),
    );
    fc.assert(
      fc.property(
        fc.anything({ withBigInt: true, withMap: true, withTypedArray: true, withNullPrototype: true }),
        (v) => {
          checkResult(parseRecordValue(v));
        },
      ),
    );
  });

  it("on a real record with one field replaced by anything", () => {
    fc.assert(
      fc.property(fc.constantFrom(...allPaths), fc.jsonValue({ maxDepth: 2 }), (path, replacement) => {
        const v = structuredClone(storedValue);
        let parent = v;
        for (const key of path.slice(0, -1)) parent = parent[key];
        parent[path[path.length - 1]] = replacement;
        const r = parseRecordValue(v);
        checkResult(r);
        // A record that parses must serialise again.
        if (r.ok) expect(() => serializeRecord(r.record)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it("on a real record with one field deleted, and on truncated lines", () => {
    for (const path of allPaths) {
      const v = structuredClone(storedValue);
      let parent = v;
      for (const key of path.slice(0, -1)) parent = parent[key];
      if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
      else delete parent[path[path.length - 1]];
      checkResult(parseRecordValue(v));
    }
    fc.assert(
      fc.property(fc.integer({ min: 0, max: storedLine.length - 1 }), (cut) => {
        const r = parseRecord(storedLine.slice(0, cut));
        expect(r.ok).toBe(false);
        checkResult(r);
      }),
    );
  });

  it("on pathological nesting", () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    checkResult(parseRecord(deep));
    let nested: unknown = 1;
    for (let i = 0; i < 10_000; i++) nested = { a: nested };
    const v = structuredClone(storedValue);
    v.learner.config = nested;
    const r = parseRecordValue(v);
    expect(r.ok).toBe(false);
    checkResult(r);
  });

  it("parseResultsFile never throws on arbitrary text", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constant(storedLine)), { maxLength: 6 }), (lines) => {
        const r = parseResultsFile(lines.join("\n"));
        expect(r.records.length + r.skipped.length + (r.tornTail ? 1 : 0)).toBeLessThanOrEqual(lines.length);
      }),
    );
  });
});
