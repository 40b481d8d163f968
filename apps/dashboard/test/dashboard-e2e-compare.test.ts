import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  andRender,
  type E2eSite,
  executable,
  open,
  shoot,
  startSite,
  traceCounts,
} from "./dashboard-e2e-setup.ts";
import { compareBaseRecords, compareNewRecords, resultsText, WORSE } from "./fixtures/compare-fixture.ts";
import { smallFixtureRecords, smallFixtureReport, smallFixtureResults } from "./fixtures/fixture-suites.ts";

/*
 * The compare page in headless Chromium: a dashboard carrying BASE and NEW (as `arena compare BASE NEW
 * --html` writes it) opens on it, flags the learner NEW made worse and draws BASE beside NEW per
 * learner; on an ordinary dashboard, BASE loads through the page's file picker or its drop zone.
 */

const LARGE_PROBLEMS = ["digits-mini", "digits-wide", "sine-regression", "sine-deep", "parity-rnn"];

/** What Plotly holds for a figure: its traces' type, name and group, and the layout's box mode. */
function figureData(page: Page, id: string) {
  return page.evaluate((figure) => {
    const el = document.querySelector(`[data-figure="${figure}"]`) as HTMLElement & {
      data: { type: string; name: string; offsetgroup: string; y: number[] }[];
      layout: { boxmode: string };
    };
    return {
      traces: el.data.map((t) => ({
        type: t.type,
        name: t.name,
        offsetgroup: t.offsetgroup,
        points: t.y.length,
      })),
      boxmode: el.layout.boxmode,
      marks: Array.from(el.querySelectorAll(".annotation-text")).map((a) => a.textContent),
    };
  }, id);
}

describe.skipIf(executable === undefined)("dashboard in headless Chromium: the compare page", () => {
  let site: E2eSite;

  beforeAll(async () => {
    site = await startSite({
      both: { results: resultsText(compareNewRecords()), baseResults: resultsText(compareBaseRecords()) },
      single: { results: smallFixtureResults(), report: smallFixtureReport() },
    });
  });

  afterAll(async () => {
    await site?.close();
  });

  it("opens on the compare page with both sets embedded, flags the worse learner and draws grouped boxes", async () => {
    const { page, watch } = await open(site.browser, `${site.server.url}both/index.html`);
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("compare");
    expect(await page.locator(".page-link[aria-current=page]").textContent()).toBe("Compare");
    expect(await page.locator("#compare-summary .compare-headline").textContent()).toBe(
      "REGRESSION: 1 figure of NEW regressed against BASE.",
    );
    const regressions = await page.locator(".compare-regressions li").allTextContents();
    expect(regressions).toHaveLength(1);
    expect(regressions[0]).toMatch(/^digits-mini mlp-64-16-10\/backprop-adam final test accuracy: /);
    // Every problem stacked: three figures each, one box per learner and side.
    const expected = Object.fromEntries(
      LARGE_PROBLEMS.flatMap((p) => ["final", "cost", "wall"].map((f) => [`compare-${f}-${p}`, 4 * 2])),
    );
    // Half of BASE's GA runs on sine-deep reach no target: its cost is not tested, and not drawn.
    expected["compare-cost-sine-deep"] = 3 * 2;
    expect(await traceCounts(page)).toEqual(expected);
    const final = await figureData(page, `compare-final-${WORSE.problem}`);
    expect(final.boxmode).toBe("group");
    expect(final.traces.slice(0, 2)).toEqual([
      { type: "box", name: "backprop-adam · BASE", offsetgroup: "base", points: 10 },
      { type: "box", name: "backprop-adam · NEW", offsetgroup: "new", points: 10 },
    ]);
    expect(final.marks).toContain("▼ regression");
    const block = page.locator(`.compare-problem[data-problem="${WORSE.problem}"]`);
    const warn = await block.locator("tr.warn").allTextContents();
    expect(warn).toHaveLength(1);
    expect(warn[0]).toMatch(/^backprop-adam10 → 10final test accuracy.*regression$/);
    expect(await page.locator("tr.warn").count()).toBe(1);
    await shoot(page, "compare-page");
    // One problem selected: only its block, and the URL keeps it.
    await andRender(page, () => page.selectOption("#compare-problem", "sine-regression"));
    expect(await page.locator(".compare-problem").count()).toBe(1);
    expect(Object.keys(await traceCounts(page))).toEqual([
      "compare-final-sine-regression",
      "compare-cost-sine-regression",
      "compare-wall-sine-regression",
    ]);
    expect(await page.evaluate(() => location.hash)).toBe("#page=compare&problem=sine-regression");
    // The other pages still work, and the empty hash is the compare page here.
    await andRender(page, () => page.locator('.page-link[data-page="overview"]').click());
    expect(await page.evaluate(() => document.body.dataset.page)).toBe("overview");
    expect(watch.errors).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await page.close();
  });

  it("loads BASE on an ordinary dashboard through the file picker and the drop zone", async () => {
    const { page, watch } = await open(site.browser, `${site.server.url}single/#page=compare`);
    expect(await page.locator("#base-drop").isVisible()).toBe(true);
    expect(await page.locator("#compare-summary").isVisible()).toBe(false);
    expect(await traceCounts(page)).toEqual({});
    // A report is refused with a note; nothing breaks.
    await andRender(page, () =>
      page.setInputFiles("#base-file-input", {
        name: "report.json",
        mimeType: "application/json",
        buffer: Buffer.from(smallFixtureReport()),
      }),
    );
    expect(await page.locator(".compare-base-notes").textContent()).toContain(
      "report.json is a report, not results",
    );
    expect(await page.locator("#compare-summary").isVisible()).toBe(false);
    await andRender(page, () =>
      page.setInputFiles("#base-file-input", {
        name: "main.jsonl",
        mimeType: "application/x-ndjson",
        buffer: Buffer.from(smallFixtureResults({ badLines: true })),
      }),
    );
    expect(await page.locator("#compare-summary").isVisible()).toBe(true);
    // The same runs on both sides, 3–5 per learner: nothing can be detected, and the page says so.
    expect(await page.locator("#compare-summary .compare-headline").textContent()).toBe(
      "No regression flagged, but this comparison cannot detect one with these runs.",
    );
    expect(await page.locator(".compare-warnings").textContent()).toContain("cannot detect a regression");
    expect(await page.locator(".compare-base-notes").textContent()).toMatch(
      /BASE: 2 lines of main\.jsonl skipped/,
    );
    const counts = await traceCounts(page);
    expect(counts["compare-final-digits-mini"]).toBe(4 * 2);
    expect(await page.locator("#source").textContent()).toBe("results.jsonl + report.json");
    // A file dropped on the zone is BASE, not NEW: one learner fewer there, listed as only in NEW.
    const fewer = resultsText(smallFixtureRecords().filter((r) => r.learner.name !== "ga"));
    await andRender(page, () =>
      page.evaluate((text) => {
        const dt = new DataTransfer();
        dt.items.add(new File([text], "older.jsonl"));
        document
          .getElementById("base-drop")
          ?.dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
      }, fewer),
    );
    expect(await page.locator("#source").textContent()).toBe("results.jsonl + report.json");
    expect(await page.locator("#compare-base").textContent()).toContain("BASE older.jsonl");
    expect(await page.locator(".compare-lone").allTextContents()).toEqual([
      expect.stringContaining("Only in NEW (not tested): digits-mini mlp-64-16-10/ga (5 runs)."),
    ]);
    await shoot(page, "compare-page-picked");
    expect(watch.errors).toEqual([]);
    await page.close();
  });
});
