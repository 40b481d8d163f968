import { join } from "node:path";
import { pathToFileURL } from "node:url";
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
} from "./dashboard-e2e-setup.ts";
import { smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";

/*
 * Changing and loading what a dashboard shows, in headless Chromium: the filters and the URL that
 * keeps them, a report dropped onto results, and files picked into an empty dashboard. (The views
 * themselves: dashboard-e2e-views.test.ts.)
 */
describe.skipIf(executable === undefined)("dashboard in headless Chromium: filters and files", () => {
  let site: E2eSite;

  beforeAll(async () => {
    site = await startSite({
      full: { results: smallFixtureResults({ badLines: true }), report: smallFixtureReport() },
      "no-report": { results: smallFixtureResults() },
      empty: {},
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it("changes the plots when a filter changes, and keeps the filters in the URL", async () => {
    // Open on another problem by a link written before pages existed (it opens the problem page),
    // then back to the problem page's defaults.
    let { page, watch } = await open(
      site.browser,
      `${site.server.url}full/index.html#problem=sine-regression&y=metric`,
    );
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("problem");
    await andRender(page, () => page.evaluate(() => (location.hash = "#page=problem")));
    expect(await traceCounts(page)).toEqual(DIGITS);
    // Drop a learner: every per-learner view loses its traces.
    await andRender(page, () =>
      page.locator("#f-learners input[value='mlp-64-16-10/backprop-sgd']").uncheck(),
    );
    let counts = await traceCounts(page);
    expect(counts.convergence).toBe(12 + 2);
    expect(counts.ecdf).toBe(3);
    expect(counts["final-metric"]).toBe(3 + 2);
    expect(counts["grad-norms"]).toBe(2);
    // Another x axis: titles and data change.
    const xBefore = await page.evaluate(() =>
      (
        document.querySelector('[data-figure="convergence"]') as HTMLElement & { data: { x: number[] }[] }
      ).data[1].x.at(-1),
    );
    await andRender(page, () => page.selectOption("#f-x", "epoch"));
    const after = await page.evaluate(() => {
      const el = document.querySelector('[data-figure="convergence"]') as HTMLElement & {
        data: { x: number[] }[];
        layout: { xaxis: { title: { text: string } } };
      };
      return { title: el.layout.xaxis.title.text, last: el.data[1].x.at(-1) };
    });
    expect(after.title).toBe("epochs");
    expect(after.last).not.toBe(xBefore);
    // Individual seeds: one more trace per learner and panel.
    await andRender(page, () => page.locator("#f-seeds").check());
    counts = await traceCounts(page);
    expect(counts.convergence).toBe(18 + 2);
    const hash = await page.evaluate(() => location.hash);
    expect(hash).toContain("x=epoch");
    expect(hash).toContain("seeds=1");
    expect(hash).toContain("learner=mlp-64-16-10%2Fbackprop-adam");
    expect(hash).not.toContain("backprop-sgd");
    await shoot(page, "view-convergence-filtered-seeds", "#view-convergence");
    await page.close();
    expect(watch.errors).toEqual([]);
    // A shared link opens the same view; from disk too (file://, data embedded, no fetch).
    const shared = `${pathToFileURL(join(site.root, "full", "index.html")).href}${hash}`;
    ({ page, watch } = await open(site.browser, shared));
    expect((await traceCounts(page)).convergence).toBe(18 + 2);
    expect(await page.locator("#f-x").inputValue()).toBe("epoch");
    expect(await page.locator("#f-seeds").isChecked()).toBe(true);
    expect(await page.locator("#f-learners input[value='mlp-64-16-10/backprop-sgd']").isChecked()).toBe(
      false,
    );
    expect(await page.locator("#f-learners input[value='mlp-64-16-10/backprop-adam']").isChecked()).toBe(
      true,
    );
    expect(watch.errors).toEqual([]);
    await page.close();
  });
  it("says that significance needs report.json when only results are loaded, until one is dropped", async () => {
    const { page: p, watch: w } = await open(site.browser, `${site.server.url}no-report/#page=problem`);
    expect(await traceCounts(p)).toEqual(DIGITS);
    expect(await p.locator("#view-final .view-notes").textContent()).toContain(
      "Significance needs report.json",
    );
    expect(await p.locator("#view-final table").count()).toBe(0);
    expect(await p.locator("#notes").textContent()).toContain(
      "No report.json loaded: significance marks need it",
    );
    await shoot(p, "view-final-no-report", "#view-final");
    // Drag and drop report.json alone: it joins the results already shown.
    await andRender(p, () =>
      p.evaluate((t) => {
        const dt = new DataTransfer();
        dt.items.add(new File([t], "report.json", { type: "application/json" }));
        document.body.dispatchEvent(
          new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }),
        );
      }, smallFixtureReport()),
    );
    expect(await traceCounts(p)).toEqual(DIGITS);
    expect(await p.locator("#notes").textContent()).toContain(
      "report.json loaded (suite fixture, 3 problems)",
    );
    expect(await p.locator('#view-final table[data-table="pairwise"] tr.significant').count()).toBe(1);
    expect(w.errors).toEqual([]);
    await p.close();
  });
  it("explains an empty dashboard, then loads files from the picker", async () => {
    const { page: p, watch: w } = await open(site.browser, `${site.server.url}empty/`);
    expect(await p.locator("#empty-state").isVisible()).toBe(true);
    expect(await p.locator("#empty-state").textContent()).toContain("No runs to show");
    expect(await traceCounts(p)).toEqual({});
    await shoot(p, "empty-state");
    await andRender(p, () =>
      p.setInputFiles("#file-input", [
        {
          name: "results.jsonl",
          mimeType: "application/x-ndjson",
          buffer: Buffer.from(smallFixtureResults()),
        },
        { name: "report.json", mimeType: "application/json", buffer: Buffer.from(smallFixtureReport()) },
      ]),
    );
    expect(await p.locator("#empty-state").isVisible()).toBe(false);
    // The files open on the overview, its table from the report just picked.
    expect(await p.locator('table[data-table="overview"]').isVisible()).toBe(true);
    await andRender(p, () => p.locator('.page-link[data-page="problem"]').click());
    expect(await traceCounts(p)).toEqual(DIGITS);
    expect(await p.locator("#notes").textContent()).toContain("report.json loaded");
    expect(w.errors).toEqual([]);
    await p.close();
  });
});
