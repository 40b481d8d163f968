import type { LayoutAxis } from "plotly.js";
import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { DEFAULT_VIEW_STATE } from "../src/state/view-state.ts";
import { VIEWS } from "../src/views/all-views.ts";
import { labelLogAxes } from "../src/views/label-log-axes.ts";
import { logAxisTicks, mantissaLabel } from "../src/views/log-axis-ticks.ts";
import type { Figure } from "../src/views/view.ts";
import { smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";
import { viewContext } from "./fixtures/view-context.ts";

describe("log axis ticks", () => {
  it("labels only decades when the span holds two or more", () => {
    expect(logAxisTicks(3e3, 2e9)).toEqual({
      tickmode: "linear",
      tick0: 0,
      dtick: 1,
      exponentformat: "power",
      minor: { ticks: "outside", ticklen: 3, dtick: "D1", showgrid: false },
    });
    // Exactly two powers of ten, computed in floating point (log10(1e-3) is not exactly -3).
    expect(logAxisTicks(1e-3, 0.01).dtick).toBe(1);
    // Twenty decades: every third one, so at most eight labels, and no minor digits between.
    const wide = logAxisTicks(1e-10, 1e10);
    expect(wide.dtick).toBe(3);
    expect(wide.minor).toBeUndefined();
  });

  it("labels 1, 2 and 5 in full on a span of one decade, never a bare digit", () => {
    expect(logAxisTicks(0.15, 2.3)).toMatchObject({
      tickmode: "array",
      tickvals: [0.2, 0.5, 1, 2],
      ticktext: ["0.2", "0.5", "1", "2"],
    });
    const flops = logAxisTicks(1.5e6, 3e7);
    expect(flops.tickvals).toEqual([2e6, 5e6, 1e7, 2e7]);
    expect(flops.ticktext).toEqual(["2×10⁶", "5×10⁶", "10⁷", "2×10⁷"]);
  });

  it("takes more digits on a shorter span, and leaves Plotly's full labels on the shortest", () => {
    expect(logAxisTicks(0.25, 0.95).ticktext).toEqual(["0.3", "0.5", "0.7"]);
    expect(logAxisTicks(0.31, 0.55)).toEqual({ tickmode: "auto", exponentformat: "power" });
  });

  it("writes a value in full: decimals near 1, powers of ten beyond", () => {
    expect(mantissaLabel(2, -3)).toBe("0.002");
    expect(mantissaLabel(5, 3)).toBe("5000");
    expect(mantissaLabel(1, -4)).toBe("10⁻⁴");
    expect(mantissaLabel(3, 12)).toBe("3×10¹²");
  });
});

function fig(layout: Figure["layout"], data: Figure["data"]): Figure {
  return { id: "f", data, layout, height: 300 };
}

describe("labelLogAxes", () => {
  it("ticks each log axis from the values drawn on it, and leaves linear ones alone", () => {
    const f = labelLogAxes(
      fig({ xaxis: { type: "log" }, yaxis: { type: "linear" }, yaxis2: { type: "log" } }, [
        { type: "scatter", x: [1e3, 1e6, 0, null], y: [1, 2] },
        { type: "scatter", x: [5e3], y: [0.15, 2.3], yaxis: "y2" },
      ]),
    );
    expect((f.layout.xaxis as Partial<LayoutAxis>).dtick).toBe(1);
    expect(f.layout.yaxis).toEqual({ type: "linear" });
    expect(f.layout.yaxis2?.ticktext).toEqual(["0.2", "0.5", "1", "2"]);
  });

  it("labels matched axes alike, over both spans", () => {
    const f = labelLogAxes(
      fig({ yaxis: { type: "log" }, yaxis2: { type: "log", matches: "y" } }, [
        { type: "scatter", x: [1, 2], y: [0.15, 0.3] },
        { type: "scatter", x: [1, 2], y: [0.9, 2.3], yaxis: "y2" },
      ]),
    );
    expect(f.layout.yaxis?.tickvals).toEqual([0.2, 0.5, 1, 2]);
    expect(f.layout.yaxis2?.tickvals).toEqual([0.2, 0.5, 1, 2]);
  });

  it("keeps an axis's own ticks, and uses a fixed range over the data", () => {
    const own = { type: "log" as const, tickvals: [1, 2, 4], ticktext: ["1", "2", "4"] };
    expect(labelLogAxes(fig({ xaxis: own }, [{ x: [1, 4], y: [0, 1] }])).layout.xaxis).toEqual(own);
    const ranged = labelLogAxes(fig({ xaxis: { type: "log", range: [-3, 3] } }, [{ x: [2, 3], y: [0, 1] }]));
    expect(ranged.layout.xaxis?.dtick).toBe(1);
  });

  it("gives every log axis the views draw decade labels or full values, never Plotly's bare digits", () => {
    const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
    const problems = groupRuns(data.records);
    let logAxes = 0;
    for (const p of problems) {
      const ctx = viewContext(problems, p.name, data.report, { ...DEFAULT_VIEW_STATE, page: "problem" });
      for (const view of VIEWS) {
        for (const figure of view.build(ctx).figures.map(labelLogAxes)) {
          for (const [key, ax] of Object.entries(figure.layout)) {
            if (!/^[xy]axis\d*$/.test(key) || (ax as Partial<LayoutAxis>).type !== "log") continue;
            const a = ax as Partial<LayoutAxis>;
            logAxes++;
            expect(a.dtick === undefined || typeof a.dtick === "number", `${figure.id} ${key}`).toBe(true);
            if (a.tickmode === "linear") expect(a.exponentformat).toBe("power");
            if (a.tickmode === "array") expect(a.ticktext?.length).toBe(a.tickvals?.length);
          }
        }
      }
    }
    expect(logAxes).toBeGreaterThan(10);
    // The convergence view's FLOPs axis spans decades: decade labels only.
    const conv = VIEWS.find((v) => v.id === "convergence")?.build(viewContext(problems, "digits-mini", null));
    const x = labelLogAxes(conv?.figures[0] as Figure).layout.xaxis;
    expect(x).toMatchObject({ tickmode: "linear", dtick: 1, exponentformat: "power" });
  });
});
