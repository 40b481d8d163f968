import { describe, expect, it } from "vitest";
import { groupRuns } from "../src/data/groups.ts";
import { tuningSearch } from "../src/transforms/tuning-search.ts";
import { paramAxis, sensitivity, unfinishedLevel } from "../src/transforms/tuning-sensitivity.ts";
import { sensitivityFigure, UNFINISHED_COLOR } from "../src/views/tuning-sensitivity-figure.ts";
import { tunedFixtureRecords } from "./fixtures/tuned-fixture.ts";
import { stubSearch } from "./fixtures/tuning-search-stub.ts";

const LR = { low: 1e-4, high: 100, scale: "log", integer: false };
const BATCH = { values: [16, 32, 64, 128] };

describe("paramAxis: how a hyperparameter's axis is drawn", () => {
  it("log for a log-scaled range, linear for a linear one", () => {
    expect(paramAxis(LR, [0.1, 3.16])).toEqual({ kind: "log" });
    expect(paramAxis({ low: 0.5, high: 1, scale: "linear", integer: false }, [0.6])).toEqual({
      kind: "linear",
    });
  });

  it("categories for a list of values, in the space's order, then values not listed", () => {
    expect(paramAxis(BATCH, [64, 16])).toEqual({ kind: "category", categories: ["16", "32", "64", "128"] });
    expect(paramAxis({ values: ["adam", "sgd"] }, ["sgd", "rmsprop"])).toEqual({
      kind: "category",
      categories: ["adam", "sgd", "rmsprop"],
    });
  });

  it("linear when a log range holds a value ≤ 0; by the values without a space entry", () => {
    expect(paramAxis(LR, [0, 1])).toEqual({ kind: "linear" });
    expect(paramAxis(undefined, [1, 2])).toEqual({ kind: "linear" });
    expect(paramAxis(undefined, [true, false])).toEqual({ kind: "category", categories: ["true", "false"] });
  });
});

describe("sensitivity: each trial's value against its score", () => {
  const search = stubSearch(
    "sgd",
    [
      { score: 0.9, params: { lr: 0.1, batch: 16 } },
      { score: 0.7, params: { lr: 0.001, batch: 64 } },
      { score: -Infinity, params: { lr: 30, batch: 64 }, status: "diverged" },
      { score: 0.5, params: { lr: 1e-4, batch: 32 } },
      { score: -Infinity, params: { lr: 0.01, batch: 16 }, status: "failed" },
    ],
    { chosen: 0, space: { lr: LR, batch: BATCH } },
  );
  const plot = sensitivity(search, true);

  it("has one panel per hyperparameter of the space, with its axis", () => {
    expect(plot.panels.map((p) => [p.param, p.axis.kind])).toEqual([
      ["lr", "log"],
      ["batch", "category"],
    ]);
    expect(plot.panels[1].points.map((p) => p.x)).toEqual(["16", "64", "64", "32", "16"]);
  });

  it("draws trials that did not finish past the worst finished score, marked unfinished", () => {
    // Finished scores 0.5 … 0.9: 8% of the range below the worst.
    expect(plot.unfinishedY).toBeCloseTo(0.5 - 0.08 * 0.4, 12);
    expect(plot.unfinished).toBe(2);
    const lr = plot.panels[0].points;
    expect(lr.map((p) => [p.trial, p.finished, p.status, p.y])).toEqual([
      [0, true, "ok", 0.9],
      [1, true, "ok", 0.7],
      [2, false, "diverged", plot.unfinishedY],
      [3, true, "ok", 0.5],
      [4, false, "failed", plot.unfinishedY],
    ]);
    expect(lr[2].score).toBe(-Infinity);
    expect(lr.filter((p) => p.chosen).map((p) => p.trial)).toEqual([0]);
  });

  it("puts the unfinished level above the worst when lower is better, and at 0 with no finished trial", () => {
    expect(unfinishedLevel([1, 2, Infinity], false)).toBeCloseTo(2.08, 12);
    expect(unfinishedLevel([0.8, -Infinity], true)).toBeCloseTo(0.76, 12);
    expect(unfinishedLevel([-Infinity], true)).toBe(0);
  });

  it("figure: red × with a 'diverged' hover and the parameters, a ring on the chosen trial, log and category axes", () => {
    const fig = sensitivityFigure(plot, {
      id: "s",
      label: "sgd",
      color: "#1f77b4",
      metric: { name: "accuracy", higherIsBetter: true },
      seeds: 2,
    });
    // Per panel: finished trials, unfinished trials, the chosen ring.
    expect(fig.data.length).toBe(6);
    const unfinished = fig.data.filter(
      (d) => (d as { marker: { color: string } }).marker.color === UNFINISHED_COLOR,
    );
    expect(unfinished.length).toBe(2);
    const u = unfinished[0] as { marker: { symbol: string }; text: string[]; y: number[] };
    expect(u.marker.symbol).toMatch(/^x/);
    expect(u.y).toEqual([plot.unfinishedY, plot.unfinishedY]);
    expect(u.text[0]).toContain("diverged");
    expect(u.text[0]).toContain("lr = 30<br>batch = 64");
    expect(u.text[1]).toContain("failed");
    const ring = fig.data.find((d) => d.name === "chosen") as { text: string[]; marker: { symbol: string } };
    expect(ring.marker.symbol).toBe("circle-open");
    expect(ring.text[0]).toMatch(/^trial 0 · chosen<br>score 0\.9/);
    const layout = fig.layout as Record<string, { type?: string; categoryarray?: string[] }>;
    expect(layout.xaxis.type).toBe("log");
    expect(layout.xaxis2.type).toBe("category");
    expect(layout.xaxis2.categoryarray).toEqual(["16", "32", "64", "128"]);
    // A dotted red line at the level of the unfinished trials in each panel.
    expect(fig.layout.shapes?.map((s) => s.y0)).toEqual([plot.unfinishedY, plot.unfinishedY]);
  });
});

describe("tuningSearch from records", () => {
  const [moons] = groupRuns(tunedFixtureRecords());
  const [sgd, ga] = moons.tuned.map((t) => tuningSearch(t, true));

  it("counts trials by outcome and sums the cost of every trial run", () => {
    expect([sgd.trials, sgd.seeds, sgd.sampler]).toEqual([6, 2, "quasirandom"]);
    expect(sgd.counts).toEqual({ ok: 5, diverged: 1, failed: 0 });
    expect(ga.counts).toEqual({ ok: 5, diverged: 0, failed: 1 });
    const trials = moons.tuned[0].trials;
    expect(sgd.cost.runs).toBe(12);
    expect(sgd.cost.flops).toBe(trials.reduce((s, r) => s + r.cost.flops, 0));
    expect(sgd.cost.wallMs).toBeCloseTo(
      trials.reduce((s, r) => s + r.measured.wallMs, 0),
      9,
    );
  });

  it("takes the chosen trial from the final runs, else the best trial", () => {
    const final = moons.tuned[0].finals[0].tuning;
    expect(sgd.chosen?.trial).toBe(final?.trial);
    expect(sgd.chosenScore).toBe(final?.score);
    expect(sgd.chosen?.params).toEqual({ "optimizer.lr": 0.562, batchSize: 64 });
    const interrupted = tuningSearch({ ...moons.tuned[0], finals: [] }, true);
    expect(interrupted.chosen?.trial).toBe(4);
  });

  it("sgd: log axis for the learning rate, categories for the batch size", () => {
    const plot = sensitivity(sgd, true);
    expect(plot.panels.map((p) => [p.param, p.axis])).toEqual([
      ["optimizer.lr", { kind: "log" }],
      ["batchSize", { kind: "category", categories: ["16", "64"] }],
    ]);
    expect(plot.panels[0].points.filter((p) => !p.finished).map((p) => [p.trial, p.x, p.status])).toEqual([
      [5, 31.6, "diverged"],
    ]);
  });
});
