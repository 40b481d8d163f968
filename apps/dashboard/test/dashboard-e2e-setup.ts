/**
 * Shared setup of the browser tests (`dashboard-e2e-*.test.ts`): a headless Chromium, dashboards written
 * into a temporary folder and served on localhost, and helpers that open a page, wait for the app's
 * renders, count Plotly's traces and take screenshots.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Page } from "playwright-core";
import { DASHBOARD_ROOT } from "../src/node/build-app.ts";
import { type StaticServer, serveStatic } from "../src/node/static-server.ts";
import { type WriteDashboardOptions, writeDashboard } from "../src/node/write-dashboard.ts";
import { type Browser, browserForTests, launchChromium } from "./browser.ts";

/** Screenshots for a human to look at (git-ignored). */
export const SHOTS = resolve(DASHBOARD_ROOT, "../../reports/dashboard");

/**
 * How long a page may take to load and draw. Generous on purpose: CI runs every package's tests at once
 * on two cores, and a loaded machine has taken over 30 s to load a page. No test asserts speed.
 */
export const PAGE_TIMEOUT = 180_000;

/**
 * Chromium or Chrome (ARENA_CHROMIUM, else the usual paths). None: the tests are skipped with a
 * notice on stderr naming the install command, or, with ARENA_REQUIRE_BROWSER=1 (.ci/run), this throws
 * and the test file fails.
 */
export const executable = browserForTests();

/** A browser and a static server over dashboards in a temporary folder (`root`). */
export interface E2eSite {
  browser: Browser;
  server: StaticServer;
  root: string;
  close(): Promise<void>;
}

/** Writes each dashboard into `<root>/<name>/`, serves `root`, and launches the browser. */
export async function startSite(dashboards: Record<string, WriteDashboardOptions>): Promise<E2eSite> {
  const root = mkdtempSync(join(tmpdir(), "arena-dashboard-e2e-"));
  const browser = await launchChromium(executable);
  browser.context.setDefaultTimeout(PAGE_TIMEOUT);
  mkdirSync(SHOTS, { recursive: true });
  for (const [name, options] of Object.entries(dashboards)) await writeDashboard(join(root, name), options);
  const server = await serveStatic(root);
  return {
    browser,
    server,
    root,
    close: async () => {
      await browser.close();
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** What a page did that it should not have: script errors, dialogs (alert), console errors. */
export interface Watch {
  errors: string[];
  dialogs: string[];
}

/** Opens `url` in a new page, watching it, and waits for its first render. */
export async function open(browser: Browser, url: string): Promise<{ page: Page; watch: Watch }> {
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
export async function andRender(page: Page, action: () => Promise<unknown>): Promise<void> {
  const before = await renders(page);
  await action();
  await waitForRenders(page, before + 1);
}

/**
 * Number of traces Plotly holds for each figure shown (`el.data`, which Plotly attaches); figures of
 * the page not shown (the overview's, on the problem page) are left out.
 */
export function traceCounts(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const el of Array.from(document.querySelectorAll<HTMLElement>("[data-figure]"))) {
      if (el.offsetParent === null) continue;
      out[el.dataset.figure ?? "?"] = (el as HTMLElement & { data?: unknown[] }).data?.length ?? -1;
    }
    return out;
  });
}

/** A screenshot of the page, or of the element `selector` names, into reports/dashboard/<name>.png. */
export async function shoot(page: Page, name: string, selector?: string): Promise<void> {
  if (selector) await page.locator(selector).screenshot({ path: join(SHOTS, `${name}.png`) });
  else await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** Traces per figure of digits-mini: 4 learners, and the baselines (majority, linear) as references. */
export const DIGITS = {
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
