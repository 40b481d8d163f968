import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { tuningView } from "../src/views/tuning.ts";
import { powerOfTwoTicks } from "../src/views/tuning-budget-figure.ts";
import { smallFixtureRecords, XSS_LEARNER } from "./fixtures/fixture-suites.ts";
import { tunedFixtureRecords } from "./fixtures/tuned-fixture.ts";
import { viewContext } from "./fixtures/view-context.ts";

const problems = groupRuns(tunedFixtureRecords());

describe("the tuning view", () => {
  it("is shown only when the data has trial records", () => {
    expect(tuningView.shown?.(problems)).toBe(true);
    expect(tuningView.shown?.(groupRuns(smallFixtureRecords()))).toBe(false);
    const out = tuningView.build(viewContext(groupRuns(smallFixtureRecords()), "digits-mini", null));
    expect(out.figures).toEqual([]);
    expect(out.notes).toEqual(["No learner was tuned on problem “digits-mini”."]);
  });

  it("draws the budget curves and one sensitivity figure per tuned learner", () => {
    const out = tuningView.build(viewContext(problems, "moons", null));
    // Budget: band + median per tuned learner. Sensitivity: per hyperparameter, finished trials,
    // unfinished ones (red ×) and the chosen ring: sgd has 2 hyperparameters, the GA 3.
    expect(out.figures.map((f) => [f.id, f.data.length])).toEqual([
      ["tuning-budget", 2 * 2],
      ["tuning-sensitivity-0", 2 * 3],
      ["tuning-sensitivity-1", 3 * 3],
    ]);
    const budget = out.figures[0];
    expect(budget.layout.xaxis?.title).toEqual({ text: "trials (k)" });
    expect(budget.layout.xaxis?.type).toBe("log");
    expect(budget.layout.xaxis?.tickvals).toEqual([1, 2, 4, 6]);
    expect(budget.layout.yaxis?.title).toEqual({
      text: "best validation accuracy of k trials<br>(higher is better)",
    });
    // The learners' colours of the other views.
    const ctx = viewContext(problems, "moons", null);
    const medians = (budget.data as { name: string; mode: string; line: { color: string } }[]).filter(
      (d) => d.mode === "lines+markers",
    );
    expect(medians.map((d) => [d.name, d.line.color])).toEqual([
      ["sgd", ctx.colors.get("mlp-2-8-2/sgd")],
      ["ga", ctx.colors.get("mlp-2-8-2/ga")],
    ]);
  });

  it("says when the ranking depends on the budget, and which trials did not finish", () => {
    const out = tuningView.build(viewContext(problems, "moons", null));
    expect(out.notes[0]).toBe(
      "The order depends on the tuning budget: by median best of k trials, ga > sgd at k = 1, but sgd > ga at k = 6.",
    );
    expect(out.notes[1]).toMatch(/^Trials that diverged or failed \(sgd: 1, ga: 1\) score the worst value/);
  });

  it("tabulates the chosen configuration and the cost of the search", () => {
    const [table] = tuningView.build(viewContext(problems, "moons", null)).tables;
    expect(table.id).toBe("tuning");
    expect(table.head.slice(0, 5)).toEqual([
      "learner",
      "trials × seeds, sampler",
      "trials finished / diverged / failed",
      "chosen trial",
      "chosen configuration",
    ]);
    const [sgd, ga] = table.rows.map((r) => r.cells);
    expect(sgd.slice(0, 5)).toEqual([
      "sgd",
      "6 × 2, quasirandom",
      "5 / 1 / 0",
      "4",
      "optimizer.lr = 0.562, batchSize = 64",
    ]);
    expect(table.head.slice(5)).toEqual([
      "its validation accuracy (mean over seeds)",
      "trial runs",
      "FLOPs",
      "wall time (summed)",
    ]);
    expect(sgd[6]).toBe("12");
    expect(sgd[8]).toMatch(/ s$/);
    expect(ga[2]).toBe("5 / 0 / 1");
  });

  it("follows the learner filter and the log-x toggle", () => {
    const out = tuningView.build(
      viewContext(problems, "moons", null, { learners: ["mlp-2-8-2/ga", "mlp-2-8-2/pso"], logX: false }),
    );
    expect(out.figures.map((f) => f.id)).toEqual(["tuning-budget", "tuning-sensitivity-1"]);
    expect(out.figures[0].layout.xaxis?.type).toBe("linear");
    expect(out.tables[0].rows.map((r) => r.cells[0])).toEqual(["ga"]);
    const none = tuningView.build(viewContext(problems, "moons", null, { learners: ["mlp-2-8-2/pso"] }));
    expect(none.notes).toEqual(["No tuned learner selected."]);
  });

  it("hands Plotly no user string with a raw tag", () => {
    const renamed = tunedFixtureRecords().map((r) =>
      r.learner.name === "ga" ? { ...r, learner: { ...r.learner, name: XSS_LEARNER } } : r,
    );
    const out = tuningView.build(viewContext(groupRuns(renamed), "moons", null));
    const text = JSON.stringify(out.figures);
    expect(text).not.toMatch(/<img/);
    expect(text).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("ticks k at powers of two and at N", () => {
    expect(powerOfTwoTicks(12)).toEqual([1, 2, 4, 8, 12]);
    expect(powerOfTwoTicks(8)).toEqual([1, 2, 4, 8]);
    expect(powerOfTwoTicks(1)).toEqual([1]);
  });
});
