import { appendFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
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

  it("moves a torn last line to results.rejected.jsonl with a warning, so the next append starts clean", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    writeFileSync(path, `${JSON.stringify({ runId: "x/1" })}\n{"runId":"x/2","trace":[1,2`);
    const s = ResultsStore.open(dir, reader);
    expect([...s.done]).toEqual(["x/1"]);
    expect(s.warnings).toEqual([
      expect.stringMatching(
        /moved a torn last line .* to results\.rejected\.jsonl; its run will be run again/,
      ),
    ]);
    s.store.append(JSON.stringify({ runId: "x/2" }));
    s.store.close();
    expect(readFileSync(path, "utf8")).toBe(`{"runId":"x/1"}\n{"runId":"x/2"}\n`);
    expect(readFileSync(join(dir, "results.rejected.jsonl"), "utf8")).toBe(`{"runId":"x/2","trace":[1,2\n`);
  });

  it("keeps a complete last record that only lacks its newline, and moves corrupted lines aside by number", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    writeFileSync(path, `${JSON.stringify({ runId: "x/0" })}\ngarbage\n${JSON.stringify({ runId: "x/1" })}`);
    // Reading alone changes nothing.
    const before = readFileSync(path, "utf8");
    const snap = ResultsStore.read(dir, reader);
    expect(snap.records.map((r) => [r.line, r.runId])).toEqual([
      [1, "x/0"],
      [3, "x/1"],
    ]);
    expect(snap.rejected).toEqual([{ line: 2, text: "garbage", reason: "not JSON", torn: false }]);
    expect(readFileSync(path, "utf8")).toBe(before);
    expect(existsSync(join(dir, "results.rejected.jsonl"))).toBe(false);

    const s = ResultsStore.open(dir, reader);
    expect([...s.done]).toEqual(["x/0", "x/1"]);
    expect(s.warnings).toEqual([
      `${path}:2: unreadable line (not JSON) moved to results.rejected.jsonl; its run will be run again`,
    ]);
    s.store.append(JSON.stringify({ runId: "x/3" }));
    s.store.close();
    expect(readFileSync(path, "utf8")).toBe('{"runId":"x/0"}\n{"runId":"x/1"}\n{"runId":"x/3"}\n');
    expect(readFileSync(join(dir, "results.rejected.jsonl"), "utf8")).toBe("garbage\n");
    appendFileSync(path, `${JSON.stringify({ runId: "x/1" })}\n`);
    const again = ResultsStore.open(dir, reader);
    expect(again.warnings.some((w) => /x\/1 appears more than once/.test(w))).toBe(true);
    again.store.close();
  });

  it("moves the lines `replace` selects to results.replaced.jsonl, appending after earlier ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    const lines = ["a/0", "b/0", "a/1", "b/1"].map((id) => JSON.stringify({ runId: id }));
    writeFileSync(path, `${lines.join("\n")}\n`);
    const s = ResultsStore.open(dir, reader, { replace: (l) => l.runId.startsWith("a/") });
    expect(s.replaced).toBe(2);
    expect([...s.done]).toEqual(["b/0", "b/1"]);
    expect(s.warnings).toEqual([`${path}: moved 2 records of runs to run again to results.replaced.jsonl`]);
    s.store.append(JSON.stringify({ runId: "a/0" }));
    s.store.close();
    expect(readFileSync(path, "utf8")).toBe(`${lines[1]}\n${lines[3]}\n{"runId":"a/0"}\n`);
    expect(readFileSync(join(dir, "results.replaced.jsonl"), "utf8")).toBe(`${lines[0]}\n${lines[2]}\n`);
    const t = ResultsStore.open(dir, reader, { replace: (l) => l.runId === "b/0" });
    t.store.close();
    expect(readFileSync(join(dir, "results.replaced.jsonl"), "utf8")).toBe(
      `${lines[0]}\n${lines[2]}\n${lines[1]}\n`,
    );
  });

  it("reorder puts the lines in rank order, the unranked after in file order, and leaves a sorted or unreadable file alone", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-store-"));
    const path = join(dir, "results.jsonl");
    const line = (id: string) => `${JSON.stringify({ runId: id })}\n`;
    writeFileSync(path, ["c", "other-2", "a", "other-1", "b"].map(line).join(""));
    const rank = new Map([
      ["a", 0],
      ["b", 1],
      ["c", 2],
    ]);
    expect(ResultsStore.reorder(dir, reader, (id) => rank.get(id))).toBe(true);
    expect(readFileSync(path, "utf8")).toBe(["a", "b", "c", "other-2", "other-1"].map(line).join(""));
    expect(ResultsStore.reorder(dir, reader, (id) => rank.get(id))).toBe(false);
    const unreadable = `${line("b")}not json\n${line("a")}`;
    writeFileSync(path, unreadable);
    expect(ResultsStore.reorder(dir, reader, (id) => rank.get(id))).toBe(false);
    expect(readFileSync(path, "utf8")).toBe(unreadable);
    expect(existsSync(`${path}.tmp-${process.pid}`)).toBe(false);
  });
});
