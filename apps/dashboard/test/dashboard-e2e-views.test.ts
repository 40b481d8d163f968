import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  andRender,
  DIGITS,
  type E2eSite,
  executable,
  open,
  shoot,
  startSite,
  traceCounts,
  type Watch,
} from "./dashboard-e2e-setup.ts";
import {
  smallFixtureReport,
  smallFixtureResults,
  XSS_ERROR,
  XSS_LEARNER,
} from "./fixtures/fixture-suites.ts";
import { tunedFixtureReport, tunedFixtureResults } from "./fixtures/tuned-fixture.ts";

/*
 * The views of a dashboard with results and report, in headless Chromium: traces, baselines and
 * shifts, detectability, gradient heat maps, names shown as text, and the tuning view of a tuned suite. (Filters, the URL and loading files:
 * dashboard-e2e-loading.test.ts.)
 */
describe.skipIf(executable === undefined)("dashboard in headless Chromium: the views", () => {
  let site: E2eSite;
  let page: Page;
  let watch: Watch;

  beforeAll(async () => {
    site = await startSite({
      full: { results: smallFixtureResults({ badLines: true }), report: smallFixtureReport() },
      tuned: { results: tunedFixtureResults(), report: tunedFixtureReport() },
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  // One page for every test of this file (each moves it to another view): loading it is the slow part.
  beforeAll(async () => {
    ({ page, watch } = await open(site.browser, `${site.server.url}full/index.html#page=problem`));
  });

  it("renders every view of the served dashboard with the expected traces", async () => {
    expect(await traceCounts(page)).toEqual(DIGITS);
    // Every plot was actually drawn as SVG by Plotly.
    const drawn = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll("[data-figure]")).filter((el) => el.querySelector(".main-svg"))
          .length,
    );
    expect(drawn).toBe(Object.keys(DIGITS).length);
    const notes = await page.locator("#notes").textContent();
    expect(notes).toContain(
      "44 runs loaded from results.jsonl (40 ok, 2 diverged, 2 failed) across 3 problems, and 24 baseline fits (closed form, no budget).",
    );
    expect(notes).toContain(
      "2 lines of results.jsonl skipped: 1 not valid JSON, 1 with an unknown schema version.",
    );
    expect(notes).toContain("report.json loaded (suite fixture, 3 problems)");
    // The report's one significant pair is marked in the table and on the plot; against the best, two.
    expect(await page.locator('#view-final table[data-table="pairwise"] tr.significant').count()).toBe(1);
    expect(await page.locator('#view-final table[data-table="versus-best"] tr.significant').count()).toBe(2);
    expect(await page.locator("#view-final .annotation-text").allTextContents()).toContain(
      "rank 1 · ★ beats 1",
    );
    const yTitle = await page.evaluate(
      () =>
        (
          document.querySelector('[data-figure="convergence"]') as HTMLElement & {
            layout: { yaxis: { title: { text: string } } };
          }
        ).layout.yaxis.title.text,
    );
    expect(yTitle).toBe("loss");
    await shoot(page, "full-page-digits");
    for (const id of ["convergence", "overfitting", "cost", "ecdf", "final", "gradients"]) {
      await shoot(page, `view-${id}-digits`, `#view-${id}`);
    }
    await shoot(page, "header-and-notes", "header");
    // No trial records in this data: no tuning section.
    expect(await page.locator("#view-tuning").isHidden()).toBe(true);
    expect(watch.errors).toEqual([]);
  });
  it("shows the baselines and the shifts in the final-metric view", async () => {
    const view = page.locator("#view-final");
    const ticks = await view.locator('[data-figure="final-metric"] .xtick text').allTextContents();
    expect(ticks).toEqual([
      "backprop-adam",
      "backprop-sgd",
      "pso",
      "ga",
      "baseline: majority",
      "baseline: linear",
    ]);
    const annotations = await view.locator(".annotation-text").allTextContents();
    expect(annotations).toContain("linear baseline");
    expect(annotations).toContain("trivial baseline");
    expect(annotations.some((a) => a.includes("⚠ worse than linear"))).toBe(true);
    // The baselines' boxes are grey, the learners' are not.
    const colors = await page.evaluate(() =>
      (
        document.querySelector('[data-figure="final-metric"]') as HTMLElement & {
          data: { name: string; marker: { color: string } }[];
        }
      ).data.map((d) => [d.name, d.marker.color]),
    );
    expect(colors.filter(([, c]) => c === "#6e7781").map(([n]) => n)).toEqual([
      "baseline: majority",
      "baseline: linear",
    ]);
    const head = async (id: string) => view.locator(`table[data-table="${id}"] th`).allTextContents();
    expect(await head("versus-best")).toEqual([
      "learner",
      "shift vs best [95% CI]",
      "A12 (best)",
      "p",
      "p (Holm)",
      "verdict",
    ]);
    expect(await head("pairwise")).toContain("shift A − B [95% CI]");
    const gaRow = await view
      .locator('table[data-table="versus-best"] tr', { hasText: "ga" })
      .last()
      .textContent();
    expect(gaRow).toContain("−0.336 [−0.551, −0.209]");
    expect(gaRow).toContain("backprop-adam is better");
    const rows = await view.locator('table[data-table="rows"] tr.baseline').allTextContents();
    expect(rows.length).toBe(2);
    expect(rows[1]).toContain("baseline: linear");
    // The baselines are no learner: no filter checkbox for them.
    expect(await page.locator("#f-learners input").count()).toBe(4);
    expect(await page.locator("#f-learners").textContent()).not.toContain("baseline");
    // Reference lines in the convergence view: the majority's loss (ridge on classes has none).
    const names = await page.evaluate(() =>
      (
        document.querySelector('[data-figure="convergence"]') as HTMLElement & { data: { name: string }[] }
      ).data
        .map((d) => d.name)
        .filter((n) => n.startsWith("baseline")),
    );
    expect(names).toEqual(["baseline: majority", "baseline: majority"]);
    await shoot(page, "view-final-digits-baselines", "#view-final");
    expect(watch.errors).toEqual([]);
  });
  it("says when no difference can be detected, and flags a learner that did not learn", async () => {
    await andRender(page, () => page.evaluate(() => (location.hash = "#problem=sine-regression")));
    let notes = await page.locator("#view-final .view-notes").textContent();
    expect(notes).toContain(
      "With 3 runs per learner and 2 Holm-corrected comparisons no difference can reach α = 0.05",
    );
    expect(
      await page
        .locator('#view-final table[data-table="versus-best"] td', { hasText: "undetectable" })
        .count(),
    ).toBe(2);
    await andRender(page, () => page.evaluate(() => (location.hash = "#problem=parity-rnn&y=metric")));
    notes = await page.locator("#view-final .view-notes").textContent();
    expect(notes).toContain("Test = train by definition");
    const annotations = await page.locator("#view-final .annotation-text").allTextContents();
    expect(annotations.some((a) => a.startsWith("rank 4") && a.includes("⚠ did not learn (2/3)"))).toBe(true);
    expect(await page.locator('#view-final table[data-table="rows"] tr.warn').textContent()).toContain(
      "did not learn within the budget (2/3 runs)",
    );
    // With the metric on y, both baselines have a reference line in both panels.
    expect((await traceCounts(page)).convergence).toBe(2 * 4 * 2 + 4);
    await shoot(page, "view-final-parity", "#view-final");
    await shoot(page, "view-convergence-parity-baselines", "#view-convergence");
    expect(watch.errors).toEqual([]);
  });
  it("draws gradient heat maps for the recurrent problem", async () => {
    await andRender(page, () => page.evaluate(() => (location.hash = "#problem=parity-rnn")));
    const counts = await traceCounts(page);
    expect(counts.convergence).toBe(2 * 4 * 2 + 2);
    expect(counts["grad-norms"]).toBe(2 * 2);
    expect(counts["grad-through-time-0"]).toBe(1);
    expect(counts["grad-through-time-1"]).toBe(1);
    const types = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>('[data-figure^="grad-through-time-"]')).map(
        (el) => (el as HTMLElement & { data: { type: string }[] }).data[0].type,
      ),
    );
    expect(types).toEqual(["heatmap", "heatmap"]);
    expect(
      await page
        .locator('[data-figure="grad-through-time-0"] .hm, [data-figure="grad-through-time-0"] image')
        .count(),
    ).toBeGreaterThan(0);
    await shoot(page, "view-gradients-recurrent", "#view-gradients");
    await shoot(page, "view-convergence-recurrent", "#view-convergence");
  });
  it("shows HTML in names as text and runs no script from it", async () => {
    await andRender(page, () => page.evaluate(() => (location.hash = "#problem=sine-regression&y=metric")));
    const probe = await page.evaluate(() => ({
      xss: (window as { __xss?: unknown }).__xss ?? null,
      imgs: document.querySelectorAll('img[src="x"]').length,
      scripts: Array.from(document.scripts).filter((s) => s.textContent?.includes("__xss")).length,
      legend: Array.from(document.querySelectorAll(".legendtext")).map((t) => t.textContent ?? ""),
      learners: document.querySelector("#f-learners")?.textContent ?? "",
      notes: document.querySelector("#notes")?.textContent ?? "",
      ticks: Array.from(document.querySelectorAll('[data-figure="final-metric"] .xtick text')).map(
        (t) => t.textContent ?? "",
      ),
    }));
    expect(probe.xss).toBeNull();
    expect(probe.imgs).toBe(0);
    expect(probe.scripts).toBe(0);
    expect(watch.dialogs).toEqual([]);
    // Shown literally, exactly as written.
    expect(probe.legend.some((t) => t.includes(XSS_LEARNER))).toBe(true);
    expect(probe.ticks.some((t) => t.includes(XSS_LEARNER))).toBe(true);
    expect(probe.learners).toContain(XSS_LEARNER);
    expect(probe.notes).toContain(XSS_ERROR);
    // Hover labels too: hover a point of the XSS learner's box, and see its name as text there.
    const index = await page.evaluate(() =>
      (
        document.querySelector('[data-figure="final-metric"]') as HTMLElement & { data: { name: string }[] }
      ).data.findIndex((d) => d.name.includes("onerror=alert")),
    );
    expect(index).toBeGreaterThanOrEqual(0);
    await page
      .locator('[data-figure="final-metric"] .trace.boxes')
      .nth(index)
      .locator(".point")
      .first()
      .hover({ force: true });
    await page.waitForSelector('[data-figure="final-metric"] .hoverlayer .hovertext');
    const hover = await page.locator('[data-figure="final-metric"] .hoverlayer').textContent();
    expect(hover).toContain(XSS_LEARNER.slice(0, 20));
    expect(await page.evaluate(() => document.querySelectorAll('img[src="x"]').length)).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null)).toBeNull();
    await shoot(page, "view-final-sine-xss", "#view-final");
    await shoot(page, "view-convergence-sine", "#view-convergence");
    expect(watch.dialogs).toEqual([]);
    expect(watch.errors).toEqual([]);
  });
  it("draws the tuning view of a tuned suite, and keeps its trials out of the other views", async () => {
    const tuned = await open(site.browser, `${site.server.url}tuned/index.html#page=problem`);
    const p = tuned.page;
    expect(await p.locator("#view-tuning").isVisible()).toBe(true);
    // Budget: band + median for sgd and the GA; sensitivity: per hyperparameter, finished trials, the
    // red × of the trial that did not finish, the chosen ring (sgd: 2 hyperparameters, the GA: 3).
    // Convergence: the 3 learners' final runs only (2 panels × band + median).
    expect(await traceCounts(p)).toMatchObject({
      "tuning-budget": 4,
      "tuning-sensitivity-0": 6,
      "tuning-sensitivity-1": 9,
      convergence: 3 * 2 * 2,
      "final-metric": 3,
    });
    expect(await p.locator("#f-learners input").count()).toBe(3);
    expect(await p.locator("#f-learners").textContent()).not.toContain("trial");
    expect(await p.locator("#notes").textContent()).toContain(
      "9 runs loaded from results.jsonl (9 ok, 0 diverged, 0 failed) across 1 problem, and 24 tuning trial runs (shown in the Tuning view only).",
    );
    expect(await p.locator("#view-tuning .view-notes").textContent()).toContain(
      "The order depends on the tuning budget",
    );
    const rows = await p.locator('#view-tuning table[data-table="tuning"] tbody tr').allTextContents();
    expect(rows.length).toBe(2);
    expect(rows[0]).toContain("optimizer.lr = 0.562, batchSize = 64");
    // k on a log₂ axis, ticked at powers of two and at N.
    expect(await p.locator('[data-figure="tuning-budget"] .xtick text').allTextContents()).toEqual([
      "1",
      "2",
      "4",
      "6",
    ]);
    // The diverged trial is drawn (a red ×) and says so on hover, with its parameters.
    const sens = p.locator('[data-figure="tuning-sensitivity-0"]');
    await sens.locator(".trace.scatter").nth(1).locator(".point").first().hover({ force: true });
    await p.waitForSelector('[data-figure="tuning-sensitivity-0"] .hoverlayer .hovertext');
    const hover = await sens.locator(".hoverlayer").textContent();
    expect(hover).toContain("diverged");
    expect(hover).toContain("optimizer.lr = 31.6");
    await shoot(p, "view-tuning", "#view-tuning");
    // The learner filter applies here too.
    await andRender(p, () => p.locator("#f-learners input[value='mlp-2-8-2/ga']").uncheck());
    const counts = await traceCounts(p);
    expect(counts["tuning-budget"]).toBe(2);
    expect(counts["tuning-sensitivity-1"]).toBeUndefined();
    expect(tuned.watch.errors).toEqual([]);
    await p.close();
  });
});
