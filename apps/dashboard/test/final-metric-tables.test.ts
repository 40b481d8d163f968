import type { Comparison, Report, Shift } from "@arena/results";
import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { loadData } from "../src/data/load-data.ts";
import { fmtNum, fmtShift, negateShift, undetectableNote } from "../src/views/comparison-tables.ts";
import { finalMetricView } from "../src/views/final-metric.ts";
import type { TableSpec, ViewOutput } from "../src/views/view.ts";
import { smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";
import { oldReport, viewContext } from "./fixtures/view-context.ts";

const data = loadData({ results: smallFixtureResults(), report: smallFixtureReport() });
const report = data.report as Report;
const problems = groupRuns(data.records);

function final(problem: string, r: Report | null = report, state = {}): ViewOutput {
  return finalMetricView.build(viewContext(problems, problem, r, state));
}

function table(out: ViewOutput, id: string): TableSpec | undefined {
  return out.tables.find((t) => t.id === id);
}

/** Rows as { header: cell } objects, for readable assertions. */
function rowsOf(t: TableSpec | undefined): Record<string, string>[] {
  return (t?.rows ?? []).map((r) => Object.fromEntries(t!.head.map((h, i) => [h, r.cells[i]])));
}

const shift = (estimate: number, lo: number, hi: number, achievedLevel = 0.968): Shift => ({
  estimate,
  lo,
  hi,
  level: 0.95,
  achievedLevel,
  method: "exact",
});

describe("shift cells", () => {
  it("format a shift with its interval, and say when the interval falls short of its level", () => {
    expect(fmtShift(shift(0.2261, 0.1285, 0.3284))).toBe("0.226 [0.129, 0.328]");
    expect(fmtShift(negateShift(shift(0.2261, 0.1285, 0.3284)))).toBe("−0.226 [−0.328, −0.129]");
    expect(fmtShift(shift(0.21, 0.1, 0.24, 0.9))).toBe("0.21 [0.1, 0.24] (90% only)");
    expect(fmtShift(null)).toBe("–");
    expect(fmtShift(undefined)).toBe("–");
    expect(fmtNum(1.5e-5)).toBe("1.50e-5");
    expect(fmtNum(-2e6)).toBe("−2.00e6");
  });

  it("say in words when a family cannot reach α", () => {
    expect(
      undetectableNote(
        {
          family: "pairwise",
          comparisons: 10,
          minRuns: 5,
          smallestP: 2 / 252,
          smallestAdjustedP: 20 / 252,
          canDetect: false,
        },
        0.05,
      ),
    ).toBe(
      "With 5 runs per learner and 10 Holm-corrected pairs no difference can reach α = 0.05 (all pairs): the smallest attainable p is 0.008, 0.079 after correction. These tests cannot detect anything, however large the difference: read the shifts and A12, or add repetitions.",
    );
    const can = {
      family: "versus-best",
      comparisons: 3,
      minRuns: 5,
      smallestP: 0.0079,
      smallestAdjustedP: 0.024,
    };
    expect(undetectableNote({ ...can, family: "versus-best", canDetect: true }, 0.05)).toBeNull();
    expect(undetectableNote(undefined, 0.05)).toBeNull();
  });
});

describe("the final-metric view's tables", () => {
  it("list each learner against the best with the shift learner − best, A12, p, Holm p and a verdict", () => {
    const out = final("digits-mini");
    const vb = table(out, "versus-best");
    expect(vb?.head).toEqual(["learner", "shift vs best [95% CI]", "A12 (best)", "p", "p (Holm)", "verdict"]);
    expect(vb?.caption).toMatch(/^Each learner against the best-ranked, backprop-adam \(the headline\)/);
    const digits = report.problems[0];
    const pso = digits.versusBest?.comparisons.find((c) => c.b === "mlp-64-16-10/pso") as Comparison;
    expect(rowsOf(vb)).toEqual([
      {
        learner: "backprop-sgd",
        "shift vs best [95% CI]": "–", // a diverged run: no finite value to shift by
        "A12 (best)": "0.72",
        p: "0.310",
        "p (Holm)": "0.310",
        verdict: "no significant difference",
      },
      {
        learner: "pso",
        // The report's shift is best − pso; the table shows pso − best: negative, pso is worse.
        "shift vs best [95% CI]": `−${fmtNum(pso.shift?.estimate)} [−${fmtNum(pso.shift?.hi)}, −${fmtNum(pso.shift?.lo)}]`,
        "A12 (best)": "1.00",
        p: "0.016",
        "p (Holm)": "0.032",
        verdict: "backprop-adam is better",
      },
      {
        learner: "ga",
        "shift vs best [95% CI]": "−0.336 [−0.551, −0.209]",
        "A12 (best)": "1.00",
        p: "0.008",
        "p (Holm)": "0.024",
        verdict: "backprop-adam is better",
      },
    ]);
    expect(vb?.rows.map((r) => r.strong)).toEqual([false, true, true]);
    // Digits' families can detect a difference: no note says otherwise.
    expect(out.notes.some((n) => n.includes("no difference can reach"))).toBe(false);
  });

  it("add the shift A − B to the pairwise table", () => {
    const pw = table(final("digits-mini"), "pairwise");
    expect(pw?.head).toEqual(["A", "B", "shift A − B [95% CI]", "A12", "p", "p (Holm)", "significant"]);
    const row = rowsOf(pw).find((r) => r.A === "backprop-adam" && r.B === "ga");
    expect(row?.["shift A − B [95% CI]"]).toBe("0.336 [0.209, 0.551]");
    expect(row?.significant).toBe("yes: backprop-adam is better");
  });

  it("say that a family cannot detect anything instead of 'no significant difference'", () => {
    const out = final("sine-regression");
    expect(out.notes).toContain(
      "With 3 runs per learner and 2 Holm-corrected comparisons no difference can reach α = 0.05 (each learner against the best): the smallest attainable p is 0.029, 0.057 after correction. These tests cannot detect anything, however large the difference: read the shifts and A12, or add repetitions.",
    );
    expect(out.notes.some((n) => n.startsWith("With 3 runs per learner and 3 Holm-corrected pairs"))).toBe(
      true,
    );
    const verdicts = rowsOf(table(out, "versus-best")).map((r) => r.verdict);
    expect(verdicts).toEqual(["undetectable with these runs", "undetectable with these runs"]);
    expect(new Set(rowsOf(table(out, "pairwise")).map((r) => r.significant))).toEqual(
      new Set(["undetectable with these runs"]),
    );
  });

  it("flag learners that did not learn or end worse than a baseline, and list the baselines", () => {
    const out = final("parity-rnn");
    const rows = table(out, "rows");
    expect(rowsOf(rows).map((r) => [r.rank, r.learner, r.notes])).toEqual([
      ["1", "bptt-adam", ""],
      ["2", "bptt-sgd-noclip", ""],
      ["3", "ga", ""],
      ["4", "random-search", "did not learn within the budget (2/3 runs); worse than baseline: majority"],
      ["–", "baseline: majority", expect.stringMatching(/^trivial baseline: majority class 0 of train/)],
      ["–", "baseline: linear", expect.stringMatching(/^linear baseline: ridge least squares/)],
    ]);
    expect(rows?.rows.map((r) => r.tone)).toEqual([
      undefined,
      undefined,
      undefined,
      "warn",
      "baseline",
      "baseline",
    ]);
    expect(rows?.caption).toContain("(5%)");
    const annotations = (out.figures[0].layout.annotations ?? []).map((a) => String(a.text));
    const random = annotations.find((a) => a.startsWith("rank 4"));
    expect(random).toContain("⚠ did not learn (2/3)");
    expect(random).toContain("⚠ worse than majority");
    expect(annotations.find((a) => a.startsWith("rank 1"))).toBe("rank 1");
    // Too few runs for a 95% exact interval: the table says what level it has.
    const ga = rowsOf(table(out, "versus-best")).find((r) => r.learner === "ga");
    expect(ga?.["shift vs best [95% CI]"]).toMatch(/\(90% only\)$/);
  });

  it("say that test = train by definition for a fixed set of points", () => {
    expect(final("parity-rnn").notes[0]).toMatch(/^Test = train by definition/);
    expect(final("digits-mini").notes.some((n) => n.startsWith("Test = train"))).toBe(false);
    // From the records alone too, without a report.
    expect(final("parity-rnn", null).notes[0]).toMatch(/^Test = train by definition/);
  });

  it("follow the learner filter", () => {
    const keys = ["mlp-64-16-10/backprop-adam", "mlp-64-16-10/ga"];
    const out = final("digits-mini", report, { learners: keys });
    expect(rowsOf(table(out, "versus-best")).map((r) => r.learner)).toEqual(["ga"]);
    expect(rowsOf(table(out, "pairwise")).map((r) => [r.A, r.B])).toEqual([["backprop-adam", "ga"]]);
    expect(rowsOf(table(out, "rows")).map((r) => r.learner)).toEqual([
      "backprop-adam",
      "ga",
      "baseline: majority",
      "baseline: linear",
    ]);
  });

  it("keep working with a report written before baselines, shifts and detectability", () => {
    const old = oldReport(report);
    for (const p of problems) {
      const out = final(p.name, old);
      expect(table(out, "versus-best")).toBeUndefined();
      const pw = table(out, "pairwise");
      expect(pw?.head).toEqual(["A", "B", "A12", "p", "p (Holm)", "significant"]);
      expect(rowsOf(table(out, "rows")).some((r) => r.learner.startsWith("baseline: "))).toBe(false);
      expect(out.notes.some((n) => n.includes("no difference can reach"))).toBe(false);
    }
    const digits = final("digits-mini", old);
    expect(table(digits, "pairwise")?.rows.filter((r) => r.strong).length).toBe(1);
    expect(rowsOf(table(digits, "rows")).every((r) => r.notes === "")).toBe(true);
    // Old results and an old report together: the view of before.
    const oldProblems = groupRuns(data.records.filter((r) => r.baseline === undefined));
    const out = finalMetricView.build(viewContext(oldProblems, "digits-mini", old));
    expect(out.figures[0].data.length).toBe(4);
    expect((out.figures[0].layout.annotations ?? []).map((a) => a.text)).toContain("rank 1 · ★ beats 1");
  });
});
