import type { CompareFigureName, RunRecord } from "@arena/results";
import { median } from "@arena/stats";
import { describe, expect, it } from "vitest";
import { compareLoaded } from "../src/compare/compare-data.ts";
import { compareLearners } from "../src/compare/compare-figures.ts";
import { buildComparePage } from "../src/compare/compare-page.ts";
import { type ComparePoint, costPoints, finalPoints, wallPoints } from "../src/compare/compare-points.ts";
import { loadData } from "../src/data/load-data.ts";
import {
  COMPARE_RUNS,
  compareBaseRecords,
  compareNewRecords,
  resultsText,
  WORSE,
} from "./fixtures/compare-fixture.ts";
import { smallFixtureRecords, XSS_LEARNER } from "./fixtures/fixture-suites.ts";

/*
 * The compare page's pure parts: what it builds for two record sets (the comparison with the CLI's
 * defaults, the box traces per learner and side, the table's verdicts, the summary), and the marking
 * of rows whose settings changed.
 */

const loaded = (records: RunRecord[], name: string) =>
  loadData({ results: resultsText(records), resultsName: name });

const base = loaded(compareBaseRecords(), "base.jsonl");

type Box = { type: string; name: string; x: string[]; y: number[]; offsetgroup: string };

describe("the compare page of two results sets, NEW with one learner clearly worse", () => {
  const compared = compareLoaded(base, loaded(compareNewRecords(), "new.jsonl"));
  const page = buildComparePage(compared, WORSE.problem);
  const [digits] = page.problems;

  it("compares as arena compare does: that learner's final metric is the one regression", () => {
    const c = compared.compare;
    expect(c.settings).toEqual({ alpha: 0.05, threshold: 0.01, timeThreshold: null });
    expect(c.outcome).toBe("regression");
    expect(c.regressions).toEqual([{ problem: WORSE.problem, key: WORSE.key, figure: "finalMetric" }]);
    expect(c.base.label).toBe("base.jsonl");
    expect(c.runs).toMatchObject({ paired: COMPARE_RUNS, configChanged: 0, unknownHash: 0 });
    expect(page.summary.headline).toBe("REGRESSION: 1 figure of NEW regressed against BASE.");
    expect(page.summary.regressions).toHaveLength(1);
    expect(page.summary.regressions[0]).toMatch(
      /^digits-mini mlp-64-16-10\/backprop-adam final test accuracy: [\d.]+ → [\d.]+ \(-\d+(\.\d+)?%, p \(Holm\) /,
    );
    expect(page.summary.warnings).toEqual([]);
    expect(page.summary.sentence).toMatch(
      /^BASE base\.jsonl: 200 \(4 diverged\) runs of large; NEW new\.jsonl: 200 \(4 diverged\) runs of large\. 20 learners .* 39 tests Holm-adjusted at α = 0\.05, threshold 1%/,
    );
  });

  it("shows the selected problem, or every problem of either side", () => {
    expect(page.problemNames).toEqual([
      "digits-mini",
      "digits-wide",
      "sine-regression",
      "sine-deep",
      "parity-rnn",
    ]);
    expect(page.problems.map((p) => p.name)).toEqual(["digits-mini"]);
    expect(buildComparePage(compared, null).problems).toHaveLength(5);
    const missing = buildComparePage(compared, "nope");
    expect(missing.problems).toHaveLength(5);
    expect(missing.notes[0]).toMatch(/“nope” is in neither side/);
  });

  it("draws BASE beside NEW per learner: one box per learner and side, every run a point", () => {
    expect(digits.figures.map((f) => f.id)).toEqual([
      "compare-final-digits-mini",
      "compare-cost-digits-mini",
      "compare-wall-digits-mini",
    ]);
    for (const f of digits.figures) {
      expect(f.layout.boxmode).toBe("group");
      const boxes = f.data as Box[];
      expect(boxes).toHaveLength(4 * 2);
      expect(boxes.map((b) => b.offsetgroup)).toEqual(Array(4).fill(["base", "new"]).flat());
      expect(boxes.every((b) => b.type === "box")).toBe(true);
    }
    const final = digits.figures[0].data as Box[];
    expect(final.map((b) => b.name).slice(0, 2)).toEqual(["backprop-adam · BASE", "backprop-adam · NEW"]);
    expect(final[0].x).toEqual(Array(10).fill("backprop-adam"));
    // NEW's boxes of that learner sit WORSE_BY lower, run for run.
    expect(final[1].y.map((y, i) => y - final[0].y[i]).every((d) => Math.abs(d + 0.1) < 1e-9)).toBe(true);
    // The regression is marked above the learner in the final-metric figure only.
    const marks = (i: number) =>
      (digits.figures[i].layout.annotations ?? []).filter((a) => a.text === "▼ regression").map((a) => a.x);
    expect(marks(0)).toEqual(["backprop-adam"]);
    expect(marks(1)).toEqual([]);
    expect(digits.figures[1].layout.yaxis?.type).toBe("log");
  });

  it("tables each figure's medians, change, p, Holm p, A12 and verdict, the regression in the warn tone", () => {
    const { table } = digits;
    expect(table.head).toEqual([
      "learner",
      "runs BASE → NEW",
      "figure",
      "median BASE",
      "median NEW",
      "change",
      "p",
      "p (Holm)",
      "A12 (> 0.5: NEW better)",
      "verdict",
    ]);
    expect(table.rows).toHaveLength(4 * 3);
    const warn = table.rows.filter((r) => r.tone === "warn");
    expect(warn).toHaveLength(1);
    const [cells] = warn.map((r) => r.cells);
    expect(cells[0]).toBe("backprop-adam");
    expect(cells[1]).toBe("10 → 10");
    expect(cells[2]).toBe("final test accuracy");
    expect(cells[5]).toMatch(/^−\d+(\.\d+)?%$/);
    expect(cells[8]).toBe("0");
    expect(cells[9]).toBe("regression");
    const verdicts = table.rows.filter((r) => r.tone !== "warn").map((r) => r.cells[9]);
    expect(new Set(verdicts)).toEqual(new Set(["no change"]));
  });
});

describe("the compare page's marks", () => {
  it("marks learners whose settings changed, and says what their rows measure", () => {
    const changed = { problem: "sine-regression", key: "mlp-1-16-1/backprop-sgd" };
    const compared = compareLoaded(base, loaded(compareNewRecords({ changed }), "new.jsonl"));
    expect(compared.compare.runs.configChanged).toBe(10);
    const page = buildComparePage(compared, "sine-regression");
    expect(page.summary.warnings.join(" ")).toMatch(
      /^Settings changed: 10 runs were made with other settings in NEW.*refuses this comparison unless --allow-config-change.*measure the change of settings/,
    );
    const [sine] = page.problems;
    const labels = new Set(sine.table.rows.map((r) => r.cells[0]));
    expect(labels).toEqual(new Set(["backprop-adam", "backprop-sgd (config changed)", "ga", "pso"]));
    expect(sine.notes.join(" ")).toMatch(/Config changed for mlp-1-16-1\/backprop-sgd/);
    const names = (sine.figures[0].data as Box[]).map((b) => b.name);
    expect(names).toContain("backprop-sgd (config changed) · NEW");
  });

  it("lists a learner on one side only, draws its one box, and tests nothing of it", () => {
    const drop = { problem: "parity-rnn", key: "rnn-16/ga" };
    const compared = compareLoaded(base, loaded(compareNewRecords({ drop }), "new.jsonl"));
    expect(compared.compare.onlyInBase).toEqual([{ problem: "parity-rnn", key: "rnn-16/ga", runs: 10 }]);
    const page = buildComparePage(compared, "parity-rnn");
    expect(page.summary.lone).toEqual(["Only in BASE (not tested): parity-rnn rnn-16/ga (10 runs)."]);
    const [parity] = page.problems;
    const lone = parity.table.rows.at(-1);
    expect(lone?.cells[0]).toBe("ga");
    expect(lone?.cells.at(-1)).toBe("only in BASE: not tested");
    const boxes = parity.figures[0].data as Box[];
    expect(boxes.filter((b) => b.name.startsWith("ga ·")).map((b) => b.name)).toEqual(["ga · BASE"]);
  });

  it("draws diverged runs on a labelled line past the worst value, and escapes names for Plotly", () => {
    const records = smallFixtureRecords();
    const compared = compareLoaded(loaded(records, "a.jsonl"), loaded(records, "b.jsonl"));
    expect(compared.compare.outcome).toBe("cannot detect");
    const page = buildComparePage(compared, null);
    expect(page.summary.warnings[0]).toMatch(/cannot detect a regression with these runs/);
    const digits = page.problems[0];
    const final = digits.figures[0];
    const sgd = (final.data as Box[]).find((b) => b.name === "backprop-sgd · NEW") as Box;
    const line = final.layout.shapes?.[0];
    expect(line?.line?.dash).toBe("dot");
    const finite = (final.data as Box[]).flatMap((b) => b.y).filter((y) => y !== line?.y0);
    // Accuracy: the worst end is the bottom.
    expect(line?.y0).toBeLessThan(Math.min(...finite));
    expect(sgd.y.filter((y) => y === line?.y0)).toHaveLength(1);
    expect(final.layout.annotations?.some((a) => a.text === "diverged (worst value)")).toBe(true);
    const sine = page.problems.find((p) => p.name === "sine-regression");
    if (!sine) throw new Error("no sine-regression");
    const names = (sine.figures[0].data as Box[]).map((b) => b.name);
    expect(names.some((n) => n.startsWith("&lt;img"))).toBe(true);
    expect(names.join("")).not.toContain(XSS_LEARNER);
    // The table is text for the DOM: the name as written.
    expect(sine.table.rows.some((r) => r.cells[0].includes(XSS_LEARNER))).toBe(true);
  });

  it("draws the values arena compare tests: their medians are the comparison's, edge points as ±∞", () => {
    const records = smallFixtureRecords();
    const next = records.map((r) =>
      r.final && r.learner.name === "ga"
        ? { ...r, final: { ...r.final, testMetric: r.final.testMetric * 0.9 } }
        : r,
    );
    const compared = compareLoaded(loaded(records, "a.jsonl"), loaded(next, "b.jsonl"));
    let checked = 0;
    for (const problem of compared.next) {
      for (const l of compareLearners(compared, problem.name)) {
        const row = l.row;
        if (row === null) continue;
        const worst = row.metric.higherIsBetter ? -Infinity : Infinity;
        const target = row.figures.costToTarget.target ?? null;
        type Check = [CompareFigureName, (rs: RunRecord[]) => ComparePoint[], number];
        const sides: Check[] = [
          ["finalMetric", finalPoints, worst],
          ["wallMs", wallPoints, Infinity],
        ];
        if (target !== null) sides.push(["costToTarget", (rs) => costPoints(rs, target), Infinity]);
        for (const [figure, points, edge] of sides) {
          const m = (rs: RunRecord[]) => median(points(rs).map((p) => p.value ?? edge));
          expect(m(l.base), `${problem.name} ${l.key} ${figure}`).toBe(row.figures[figure].baseMedian);
          expect(m(l.next), `${problem.name} ${l.key} ${figure}`).toBe(row.figures[figure].newMedian);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(25);
  });
});
