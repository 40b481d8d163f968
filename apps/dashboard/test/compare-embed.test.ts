import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { compareBoxFigure } from "../src/compare/compare-box-figure.ts";
import { edgeLevel } from "../src/compare/edge-level.ts";
import { readEmbeddedData } from "../src/data/embedded-data.ts";
import { writeDashboard } from "../src/node/write-dashboard.ts";
import { formatViewState, parseViewState } from "../src/state/view-state.ts";
import { readBaseFile } from "../src/ui/base-file-input.ts";

/*
 * The compare page's plumbing: where points without a value are drawn, a dashboard carrying BASE
 * beside NEW (data.js, the page it opens on, its links), and BASE's file refused when it is a report.
 */

const dir = mkdtempSync(join(tmpdir(), "arena-dashboard-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("edge points", () => {
  it("sit past the worst value: a factor 3 on a log axis, 12% of the span on a linear one", () => {
    expect(edgeLevel([10, 1000], "top", true)).toBe(3000);
    expect(edgeLevel([10, 1000], "bottom", true)).toBeCloseTo(10 / 3);
    expect(edgeLevel([0.5, 0.9], "bottom", false)).toBeCloseTo(0.452);
    expect(edgeLevel([0.5, 0.9], "top", false)).toBeCloseTo(0.948);
    expect(edgeLevel([2, 2], "top", false)).toBeCloseTo(2.24);
    expect(edgeLevel([], "top", true)).toBe(1);
    expect(edgeLevel([0, Number.NaN], "top", true)).toBe(1);
  });

  it("runs that never reached the target are drawn on a dotted line at the top, labelled", () => {
    const figure = compareBoxFigure({
      id: "cost",
      title: "cost",
      yTitle: "FLOPs",
      log: true,
      edge: { side: "top", label: "not reached" },
      series: [
        {
          key: "m/a",
          label: "a",
          color: "#1f77b4",
          points: {
            base: [
              { value: 1e6, repetition: 0 },
              { value: 4e6, repetition: 1 },
            ],
            new: [
              { value: 2e6, repetition: 0 },
              { value: null, repetition: 1 },
            ],
          },
          regression: true,
          hover: "target 0.9",
        },
      ],
    });
    if (figure === null) throw new Error("no figure");
    const [b, n] = figure.data as { y: number[]; text: string[]; hovertemplate: string }[];
    expect(b.y).toEqual([1e6, 4e6]);
    expect(n.y).toEqual([2e6, 1.2e7]);
    expect(n.text).toEqual(["seed 0: 2.000e+6", "seed 1: not reached"]);
    expect(n.hovertemplate).toContain("target 0.9");
    expect(figure.layout.shapes).toMatchObject([{ y0: 1.2e7, y1: 1.2e7, line: { dash: "dot" } }]);
    // An annotation on a log axis is placed at the log10 of its value.
    expect(figure.layout.annotations?.[0].y).toBeCloseTo(Math.log10(1.2e7));
    expect(figure.layout.annotations?.map((a) => a.text)).toEqual(["not reached", "▼ regression"]);
  });

  it("no point on either side: no figure", () => {
    const empty = { key: "k", label: "k", color: "#000", points: { base: [], new: [] }, regression: false };
    expect(
      compareBoxFigure({
        id: "x",
        title: "x",
        yTitle: "x",
        log: false,
        edge: { side: "top", label: "" },
        series: [empty],
      }),
    ).toBeNull();
  });
});

describe("a dashboard carrying BASE beside NEW", () => {
  it("embeds both texts in data.js", async () => {
    const out = join(dir, "both");
    await writeDashboard(out, { results: "new</script>\n", baseResults: "base\n" });
    const window: { __ARENA_DATA__?: unknown } = {};
    runInNewContext(readFileSync(join(out, "data.js"), "utf8"), { window });
    expect(readEmbeddedData(window.__ARENA_DATA__)).toEqual({
      results: "new</script>\n",
      report: null,
      resultsName: "results.jsonl",
      reportName: null,
      baseResults: "base\n",
      baseResultsName: "results.jsonl",
    });
    await expect(writeDashboard(out, { baseResults: 1 } as never)).rejects.toThrow(
      "writeDashboard: baseResults must be the file's text (a string), got number",
    );
  });

  it("opens on the compare page when the link names no page; named pages and old links as before", () => {
    expect(parseViewState("", "compare").page).toBe("compare");
    expect(parseViewState("#page=overview", "compare").page).toBe("overview");
    expect(parseViewState("#problem=xor", "compare").page).toBe("problem");
    expect(parseViewState("#page=compare").page).toBe("compare");
    const state = parseViewState("", "compare");
    expect(formatViewState(state, "compare")).toBe("");
    expect(formatViewState({ ...state, page: "overview" }, "compare")).toBe("#page=overview");
    expect(formatViewState({ ...state, problem: "xor" }, "compare")).toBe("#page=compare&problem=xor");
  });
});

describe("BASE's file", () => {
  it("is the first results file; a report is refused and extra files are named, as notes", async () => {
    const results = new File(['{"schema":"arena.run/1"}\n'], "main.jsonl");
    const report = new File(['{"schema":"arena.report/1"}'], "report.json");
    const ok = await readBaseFile([results, report]);
    expect(ok.file?.name).toBe("main.jsonl");
    expect(ok.notes.map((n) => n.text)).toEqual(["BASE is one results file; not used: report.json."]);
    const refused = await readBaseFile([report]);
    expect(refused.file).toBeNull();
    expect(refused.notes[0].text).toMatch(
      /^report\.json is a report, not results: BASE needs a results\.jsonl/,
    );
  });
});
