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

/*
 * The views of a dashboard with results and report, in headless Chromium: traces, baselines and
 * shifts, detectability, gradient heat maps, names shown as text. (Filters, the URL and loading files:
 * dashboard-e2e-loading.test.ts.)
 */
describe.skipIf(executable === undefined)("dashboard in headless Chromium: the views", () => {
  let site: E2eSite;
  let page: Page;
  let watch: Watch;

  beforeAll(async () => {
    site = await startSite({
      full: { results: smallFixtureResults({ badLines: true }), report: smallFixtureReport() },
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  // One page for every test of this file (each moves it to another view): loading it is the slow part.
  beforeAll(async () => {
    ({ page, watch } = await open(site.browser, `${site.server.url}full/index.html`));
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
});
