import { describe, expect, it } from "vitest";
import { classifyFile, loadData } from "../src/data/load-data.ts";
import { loadNotes } from "../src/data/load-notes.ts";
import { smallFixtureReport, smallFixtureResults, XSS_ERROR } from "./fixtures/fixture-suites.ts";

describe("loadData and its notes", () => {
  it("skips a malformed line and an unknown schema version, and says how many", () => {
    const data = loadData({ results: smallFixtureResults({ badLines: true }), report: smallFixtureReport() });
    expect(data.records.length).toBe(68);
    expect(data.skipped.map((s) => [s.line, s.kind])).toEqual([
      [11, "json"],
      [12, "version"],
    ]);
    const notes = loadNotes(data);
    const texts = notes.map((n) => n.text);
    // Baseline fits are counted apart from the learners' runs.
    expect(texts[0]).toBe(
      "44 runs loaded from results.jsonl (40 ok, 2 diverged, 2 failed) across 3 problems, and 24 baseline fits (closed form, no budget).",
    );
    expect(texts).toContain(
      "2 lines of results.jsonl skipped: 1 not valid JSON, 1 with an unknown schema version.",
    );
    const skippedNote = notes.find((n) => n.text.includes("skipped"))!;
    expect(skippedNote.level).toBe("warn");
    expect(skippedNote.details?.[1]).toMatch(/^line 12: schema: unknown schema version "arena.run\/2"/);
    expect(texts.some((t) => t.includes("report.json loaded (suite fixture, 3 problems)"))).toBe(true);
    // Error messages are passed on as plain text (the page sets them with textContent).
    expect(
      notes.find((n) => n.text.includes("failed with an error"))?.details?.some((d) => d.includes(XSS_ERROR)),
    ).toBe(true);
  });

  it("notices a torn last line", () => {
    const text = smallFixtureResults();
    const data = loadData({ results: text + text.split("\n")[0].slice(0, 80) });
    expect(data.tornTail).toBe(true);
    expect(data.records.length).toBe(68);
    expect(
      loadNotes(data).some((n) => n.text.startsWith("The last line of the results file was cut short")),
    ).toBe(true);
  });

  it("says that significance needs report.json when there is none, and why a bad one was refused", () => {
    const none = loadNotes(loadData({ results: smallFixtureResults() }));
    expect(none.some((n) => n.text.startsWith("No report.json loaded: significance marks need it"))).toBe(
      true,
    );
    const bad = loadNotes(
      loadData({ results: smallFixtureResults(), report: '{"schema":"arena.report/9"}' }),
    );
    expect(
      bad.some((n) =>
        /report\.json could not be read: schema: unknown schema version "arena\.report\/9"/.test(n.text),
      ),
    ).toBe(true);
  });

  it("says nothing of baselines for results written before them", () => {
    const old = smallFixtureResults()
      .split("\n")
      .filter((line) => !line.includes('"baseline"'))
      .join("\n");
    const data = loadData({ results: old });
    expect(data.records.length).toBe(44);
    expect(loadNotes(data)[0].text).toBe(
      "44 runs loaded from results.jsonl (40 ok, 2 diverged, 2 failed) across 3 problems.",
    );
  });

  it("loads nothing from nothing, without notes about runs", () => {
    const data = loadData({});
    expect(data.records).toEqual([]);
    expect(loadNotes(data)).toEqual([]);
  });
});

describe("classifyFile", () => {
  it("tells results from reports by name, then by content", () => {
    expect(classifyFile("results.jsonl", "{}")).toBe("results");
    expect(classifyFile("anything.json", '{\n  "schema": "arena.report/1",')).toBe("report");
    expect(classifyFile("run.txt", '{"schema":"arena.run/1","runId":"a"}\n')).toBe("results");
    expect(classifyFile("report.json", "not json")).toBe("report");
    expect(classifyFile("data", "not json")).toBe("results");
  });
});
