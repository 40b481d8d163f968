import { describe, expect, it } from "vitest";
import { parseResultsFile, serializeRecord } from "../src/index.ts";
import { sampleRecord } from "./sample-record.ts";

const ok = serializeRecord(sampleRecord());
const diverged = serializeRecord(sampleRecord("diverged"));
const failed = serializeRecord(sampleRecord("failed"));

describe("parseResultsFile", () => {
  it("reads one record per line, ignoring blank lines and \\r\\n endings", () => {
    const text = `${ok}\r\n\n${diverged}\n   \n${failed}\n`;
    const r = parseResultsFile(text);
    expect(r.records.map((x) => x.status)).toEqual(["ok", "diverged", "failed"]);
    expect(r.skipped).toEqual([]);
    expect(r.tornTail).toBe(false);
    expect(parseResultsFile("")).toEqual({ records: [], skipped: [], tornTail: false });
  });

  it("flags a torn last line (a write cut short) separately from skipped lines", () => {
    for (const cut of [1, 17, Math.floor(diverged.length / 2), diverged.length - 1]) {
      const r = parseResultsFile(`${ok}\n${failed}\n${diverged.slice(0, cut)}`);
      expect(r.tornTail).toBe(true);
      expect(r.skipped).toEqual([]);
      expect(r.records).toHaveLength(2);
    }
  });

  it("keeps a complete last record that only lacks its newline", () => {
    const r = parseResultsFile(`${ok}\n${failed}`);
    expect(r.records).toHaveLength(2);
    expect(r.tornTail).toBe(false);
  });

  it("a torn line in the middle (followed by a newline) is skipped with its line number, not a torn tail", () => {
    const r = parseResultsFile(`${ok}\n${ok.slice(0, 40)}\n${failed}\n`);
    expect(r.records).toHaveLength(2);
    expect(r.tornTail).toBe(false);
    expect(r.skipped).toHaveLength(1);
    expect(r.skipped[0].line).toBe(2);
    expect(r.skipped[0].kind).toBe("json");
    expect(r.skipped[0].reason).toMatch(/^\(record\): not valid JSON/);
  });

  it("skips unknown schema versions and invalid records with a reason, so a reader can count them", () => {
    const future = ok.replace('"schema":"arena.run/1"', '"schema":"arena.run/2"');
    const invalid = ok.replace('"parameters":2410', '"parameters":-3');
    const r = parseResultsFile(`${future}\n${ok}\n${invalid}\n${future}`);
    expect(r.records).toHaveLength(1);
    expect(r.tornTail).toBe(false); // the last line is complete JSON of another version, not a torn write
    expect(r.skipped.map((s) => [s.line, s.kind])).toEqual([
      [1, "version"],
      [3, "invalid"],
      [4, "version"],
    ]);
    expect(r.skipped[0].reason).toContain('unknown schema version "arena.run/2"');
    expect(r.skipped[1].reason).toMatch(/^parameters: .*got -3$/);
  });

  it("accepts a byte-order mark at the start", () => {
    expect(parseResultsFile(`\uFEFF${ok}\n`).records).toHaveLength(1);
  });
});
