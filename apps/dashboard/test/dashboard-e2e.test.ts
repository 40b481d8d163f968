import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DASHBOARD_ROOT } from "../src/node/build-app.ts";
import { type StaticServer, serveStatic } from "../src/node/static-server.ts";
import { writeDashboard } from "../src/node/write-dashboard.ts";
import { type Browser, browserForTests, launchChromium } from "./browser.ts";
import {
  smallFixtureReport,
  smallFixtureResults,
  XSS_ERROR,
  XSS_LEARNER,
} from "./fixtures/fixture-suites.ts";

/** Screenshots for a human to look at (git-ignored). */
const SHOTS = resolve(DASHBOARD_ROOT, "../../reports/dashboard");

/**
 * How long a page may take to load and draw. Generous on purpose: CI runs every package's tests at once
 * on two cores, and a loaded machine has taken over 30 s to load a page. No test asserts speed.
 */
const PAGE_TIMEOUT = 180_000;

/**
 * Chromium or Chrome (ARENA_CHROMIUM, else the usual paths). None: the tests below are skipped with a
 * notice on stderr naming the install command, or, with ARENA_REQUIRE_BROWSER=1 (.ci/run), this throws
 * and the file fails.
 */
const executable = browserForTests();

let browser: Browser;
let server: StaticServer;
let root: string;

/** What a page did that it should not have: script errors, dialogs (alert), console errors. */
interface Watch {
  errors: string[];
  dialogs: string[];
}

async function open(url: string): Promise<{ page: Page; watch: Watch }> {
  const page = await browser.context.newPage();
  const watch: Watch = { errors: [], dialogs: [] };
  page.on("pageerror", (e) => watch.errors.push(e.message));
  page.on("console", (m) => {
    if (m.type() === "error") watch.errors.push(m.text());
  });
  page.on("dialog", (d) => {
    watch.dialogs.push(d.message());
    void d.dismiss();
  });
  // The app's render counter, not the load event, says when the page is ready.
  await page.goto(url, { waitUntil: "domcontentloaded", timeout: PAGE_TIMEOUT });
  await waitForRenders(page, 1);
  return { page, watch };
}

function renders(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.renders ?? 0));
}

async function waitForRenders(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => Number(document.body.dataset.renders ?? 0) >= k, n, {
    timeout: PAGE_TIMEOUT,
  });
}

/** Runs an action that changes the view and waits until the dashboard has drawn the result. */
async function andRender(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await renders(page);
  await action();
  await waitForRenders(page, before + 1);
}

/** Number of traces Plotly holds for each figure on the page (`el.data`, which Plotly attaches). */
function traceCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-figure]"))) {
      out[el.dataset.figure ?? "?"] = (el as HTMLElement & { data?: unknown[] }).data?.length ?? -1;
    }
    return out;
  });
}

async function shoot(page: Page, name: string, selector?: string): Promise<void> {
  if (selector) await page.locator(selector).screenshot({ path: join(SHOTS, `${name}.png`) });
  else await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Traces per figure of digits-mini: 4 learners, and the baselines (majority, linear) as references. */
const DIGITS = {
  // 2 panels × 4 learners × (band + median), and the majority baseline's loss line in each panel
  // (ridge on classes has no loss, so no line).
  convergence: 16 + 2,
  "overfitting-curves": 12 + 1,
  "overfitting-gap": 8,
  "cost-to-target": 8,
  "success-rate": 4,
  ecdf: 4,
  // 4 learners' boxes and 2 baselines' boxes.
  "final-metric": 4 + 2,
  "grad-norms": 4,
};

describe.skipIf(executable === undefined)("dashboard in headless Chromium", () => {
  let page: Page;
  let watch: Watch;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "arena-dashboard-e2e-"));
    browser = await launchChromium(executable);
    browser.context.setDefaultTimeout(PAGE_TIMEOUT);
    mkdirSync(SHOTS, { recursive: true });
    await writeDashboard(join(root, "full"), {
      results: smallFixtureResults({ badLines: true }),
      report: smallFixtureReport(),
    });
    await writeDashboard(join(root, "no-report"), { results: smallFixtureResults() });
    await writeDashboard(join(root, "empty"));
    server = await serveStatic(root);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  // One page for the next four tests (each moves it to another view): loading it is the slow part.
  beforeAll(async () => {
    ({ page, watch } = await open(`${server.url}full/index.html`));
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

  it("changes the plots when a filter changes, and keeps the filters in the URL", async () => {
    await andRender(page, () => page.evaluate(() => (location.hash = "")));
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
    const shared = `${pathToFileURL(join(root, "full", "index.html")).href}${hash}`;
    ({ page, watch } = await open(shared));
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
    const { page: p, watch: w } = await open(`${server.url}no-report/`);
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
    const { page: p, watch: w } = await open(`${server.url}empty/`);
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
    expect(await traceCounts(p)).toEqual(DIGITS);
    expect(await p.locator("#notes").textContent()).toContain("report.json loaded");
    expect(w.errors).toEqual([]);
    await p.close();
  });
});
