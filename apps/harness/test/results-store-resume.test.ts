import { appendFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type LineReader, ResultsStore } from "../src/results-store.ts";

const reader: LineReader = (line) => {
  try {
    const v = JSON.parse(line) as { runId?: unknown };
    return typeof v.runId === "string" ? { ok: true, runId: v.runId } : { ok: false, reason: "no runId" };
  } catch {
    return { ok: false, reason: "not JSON" };
  }
};

describe("ResultsStore", () => {
  it("appends whole lines and reports the run ids already done on reopen", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const a = ResultsStore.open(dir, reader);
    expect(a.done.size).toBe(0);
    a.store.append(JSON.stringify({ runId: "x/1" }));
    a.store.append(JSON.stringify({ runId: "x/2" }));
    a.store.close();
    const b = ResultsStore.open(dir, reader);
    expect([...b.done]).toEqual(["x/1", "x/2"]);
    expect(b.warnings).toEqual([]);
    b.store.close();
    expect(() => b.store.append("a\nb")).toThrow(/newline/);
  });

  it("cuts a torn last line off the file with a warning, so the next append starts clean", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    writeFileSync(path, `${JSON.stringify({ runId: "x/1" })}\n{"runId":"x/2","trace":[1,2`);
    const s = ResultsStore.open(dir, reader);
    expect([...s.done]).toEqual(["x/1"]);
    expect(s.warnings[0]).toMatch(/torn last line .* will be run again/);
    s.store.append(JSON.stringify({ runId: "x/2" }));
    s.store.close();
    expect(readFileSync(path, "utf8")).toBe(`{"runId":"x/1"}\n{"runId":"x/2"}\n`);
  });

  it("keeps a complete last record that only lacks its newline, and warns about unreadable lines", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    writeFileSync(path, `garbage\n${JSON.stringify({ runId: "x/1" })}`);
    const s = ResultsStore.open(dir, reader);
    expect([...s.done]).toEqual(["x/1"]);
    expect(s.warnings).toEqual([expect.stringMatching(/:1: unreadable line ignored \(not JSON\)/)]);
    s.store.append(JSON.stringify({ runId: "x/3" }));
    s.store.close();
    expect(readFileSync(path, "utf8").split("\n")).toEqual([
      "garbage",
      '{"runId":"x/1"}',
      '{"runId":"x/3"}',
      "",
    ]);
    appendFileSync(path, `${JSON.stringify({ runId: "x/1" })}\n`);
    const again = ResultsStore.open(dir, reader);
    expect(again.warnings.some((w) => /x\/1 appears more than once/.test(w))).toBe(true);
    again.store.close();
  });
});
