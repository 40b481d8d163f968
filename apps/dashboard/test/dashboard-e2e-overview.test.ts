import { copyFileSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Report } from "@arena/results";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  andRender,
  DIGITS,
  type E2eSite,
  executable,
  open,
  SHOTS,
  shoot,
  startSite,
  traceCounts,
} from "./dashboard-e2e-setup.ts";
import {
  smallFixtureReport,
  smallFixtureResults,
  XSS_LEARNER,
  XSS_MODEL,
} from "./fixtures/fixture-suites.ts";
import { pixelStats } from "./screenshot-pixels.ts";

/*
 * The overview, the page a dashboard opens on, in headless Chromium: the learners × problems table in
 * the first screen, the performance profiles and pooled ECDFs, a problem one click away, log axes
 * labelled at decades, and the pages without a report or with one older than the overview.
 */

const reportText = smallFixtureReport();
const report = JSON.parse(reportText) as Report;

/** The report's text without its overview, as written before the overview existed. */
function olderReport(): string {
  const { overview: _o, ...old } = JSON.parse(reportText) as Record<string, unknown>;
  return JSON.stringify(old);
}

/** Figures of the overview and their trace counts: one per learner, the heat map one. */
const LEARNERS = report.overview?.learners.map((l) => l.learner) ?? [];
const OVERVIEW = {
  "overview-heatmap": 1,
  "profile-flops": LEARNERS.length,
  "profile-wallMs": LEARNERS.length,
  "pooled-ecdf-flops": LEARNERS.length,
  "pooled-ecdf-wallMs": LEARNERS.length,
};

/** The log10 positions of the labelled ticks of a figure's axis (Plotly keeps them on each label). */
function tickPositions(page: Page, figure: string, axis: "x" | "y"): Promise<number[]> {
  return page.evaluate(
    ([f, a]) =>
      Array.from(document.querySelectorAll(`[data-figure="${f}"] .${a}tick text`)).map(
        (t) => (t as Element & { __data__: { x: number } }).__data__.x,
      ),
    [figure, axis] as const,
  );
}

describe.skipIf(executable === undefined)("dashboard in headless Chromium: the overview", () => {
  let site: E2eSite;

  beforeAll(async () => {
    site = await startSite({
      full: { results: smallFixtureResults(), report: reportText },
      "no-report": { results: smallFixtureResults() },
      "old-report": { results: smallFixtureResults(), report: olderReport() },
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it("opens on the overview: the table in the first screen, its profiles and pooled ECDFs drawn", async () => {
    const { page, watch } = await open(site.browser, `${site.server.url}full/index.html`);
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("overview");
    expect(await page.locator(".page-link[aria-current=page]").textContent()).toBe("Overview");
    expect(await page.locator("#view-convergence").isVisible()).toBe(false);
    expect(await page.locator("#filters").isVisible()).toBe(false);
    const table = page.locator('table[data-table="overview"]');
    // In the first screen (1280 × 900): its header and first rows at least.
    const box = await table.boundingBox();
    expect(box).not.toBeNull();
    expect(box?.y ?? 1e9).toBeLessThan(900 - 150);
    expect(await table.locator("th.case a").allTextContents()).toEqual([
      "digits-mini",
      "sine-regression/mlp-1-16-1",
      `sine-regression/${XSS_MODEL}`,
      "parity-rnn",
    ]);
    const rows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-learner")));
    expect(rows).toEqual(LEARNERS);
    expect([...rows].sort()).toEqual(
      [
        "backprop-adam",
        "backprop-sgd",
        "bptt-adam",
        "bptt-sgd-noclip",
        "ga",
        "pso",
        "random-search",
        XSS_LEARNER,
      ].sort(),
    );
    const adam = await table.locator('tr[data-learner="backprop-adam"] td').allTextContents();
    expect(adam[0]).toBe("1.00 #1 ★");
    expect(await table.locator("td.mark-worse").count()).toBeGreaterThan(0);
    expect(await page.locator("#overview-page .legend-text").textContent()).toContain(
      "0 = its trivial baseline",
    );
    expect(await traceCounts(page)).toEqual(OVERVIEW);
    const drawn = await page.evaluate(
      () =>
        Array.from(document.querySelectorAll("#overview [data-figure]")).filter((el) =>
          el.querySelector(".main-svg"),
        ).length,
    );
    expect(drawn).toBe(Object.keys(OVERVIEW).length);
    expect(await page.locator('[data-figure="profile-flops"] .legendtext').first().textContent()).toBe(
      "backprop-adam (score 0.50)",
    );
    // The first screen, as a person opening the dashboard sees it: drawn, not blank.
    const path = join(tmpdir(), `arena-overview-first-screen-${process.pid}.png`);
    const png = await page.screenshot({ path });
    const stats = await pixelStats(page, readFileSync(path));
    expect({ width: stats.width, height: stats.height }).toEqual({ width: 1280, height: 900 });
    expect(stats.colors).toBeGreaterThan(50);
    expect(stats.inked).toBeGreaterThan(0.03);
    expect(stats.luminanceSd).toBeGreaterThan(10);
    expect(png.length).toBeGreaterThan(20_000);
    copyFileSync(path, join(SHOTS, "overview-first-screen.png"));
    rmSync(path, { force: true });
    await shoot(page, "overview-full");
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await page.close();
  });

  it("labels log axes at decades only, on the overview and on a problem's views", async () => {
    const { page, watch } = await open(site.browser, `${site.server.url}full/index.html`);
    const ecdfTicks = await tickPositions(page, "pooled-ecdf-flops", "x");
    expect(ecdfTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of ecdfTicks) expect(Math.abs(t - Math.round(t))).toBeLessThan(1e-9);
    await andRender(page, () => page.evaluate(() => (location.hash = "#page=problem&problem=digits-mini")));
    const convTicks = await tickPositions(page, "convergence", "x");
    expect(convTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of convTicks) expect(Math.abs(t - Math.round(t))).toBeLessThan(1e-9);
    // No label is a bare mantissa ("2", "5") between decades.
    const labels = await page.locator('[data-figure="convergence"] .xtick text').allTextContents();
    expect(labels.every((l) => /^(1|10|10\u200b?[−-]?\d+\u200b?)$/.test(l))).toBe(true);
    await shoot(page, "log-axes-convergence-digits", "#view-convergence");
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  it("opens a problem's views from its header, and the overview again from the header's link", async () => {
    const { page, watch } = await open(site.browser, `${site.server.url}full/index.html`);
    await andRender(page, () => page.locator('th.case a[data-problem="digits-mini"]').click());
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("problem");
    expect(await page.evaluate(() => location.hash)).toBe("#page=problem&problem=digits-mini");
    expect(await page.locator("#overview").isVisible()).toBe(false);
    expect(await page.locator("#f-problem").inputValue()).toBe("digits-mini");
    expect(await traceCounts(page)).toEqual(DIGITS);
    // The browser's back button returns to the overview (the link was a step in history).
    await andRender(page, () => page.goBack());
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("overview");
    // A problem with two models: its header opens the problem.
    await andRender(page, () => page.locator("th.case a").nth(2).click());
    expect(await page.locator("#f-problem").inputValue()).toBe("sine-regression");
    await andRender(page, () => page.locator('.page-link[data-page="overview"]').click());
    expect(await page.locator('table[data-table="overview"]').isVisible()).toBe(true);
    expect(await traceCounts(page)).toEqual(OVERVIEW);
    // Names with HTML in them are text: no element was made from them.
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss ?? null)).toBeNull();
    expect(await page.locator('table[data-table="overview"]').textContent()).toContain(XSS_LEARNER);
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await page.close();
  });

  it("draws the pooled ECDFs from the results alone, and says what the table needs", async () => {
    for (const [site_, words] of [
      ["no-report", "The table and the performance profiles need report.json"],
      ["old-report", "older than the overview"],
    ] as const) {
      const { page, watch } = await open(site.browser, `${site.server.url}${site_}/`);
      expect(await page.evaluate(() => document.body.dataset.page)).toBe("overview");
      expect(await page.locator("#overview-page .view-notes").textContent()).toContain(words);
      expect(await page.locator('table[data-table="overview"]').count()).toBe(0);
      expect(await traceCounts(page)).toEqual({
        "pooled-ecdf-flops": LEARNERS.length,
        "pooled-ecdf-wallMs": LEARNERS.length,
      });
      await shoot(page, `overview-${site_}`);
      expect(watch.errors).toEqual([]);
      await page.close();
    }
  });
});
