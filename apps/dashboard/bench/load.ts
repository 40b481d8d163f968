/**
 * Load benchmark: a 2 000-run results file (5 problems × 4 learners × 100 seeds, 20 checkpoints each)
 * with its report, written as a dashboard, served on localhost and opened in headless Chromium.
 * Measures, over several page loads: time from navigation to the first complete render (the overview,
 * where the dashboard opens, and the problem page opened by its link), the app's own parse and render
 * times, and re-renders after a change (overview → a problem's page, another problem, individual seeds
 * on, back to the overview). Run: `pnpm --filter @arena/dashboard bench:load [RUNS] [REPEATS]`.
 * Writes reports/dashboard/load-benchmark.json and .md at the repository root.
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { serializeRecord } from "@arena/results";
import type { Page } from "playwright-core";
import { DASHBOARD_ROOT } from "../src/node/build-app.ts";
import { serveStatic } from "../src/node/static-server.ts";
import { writeDashboard } from "../src/node/write-dashboard.ts";
import { launchChromium } from "../test/browser.ts";
import { buildFixtureReport } from "../test/fixtures/fixture-report.ts";
import { largeFixtureRecords } from "../test/fixtures/fixture-suites.ts";

const runs = Number(process.argv[2] ?? 2000);
const repeats = Number(process.argv[3] ?? 3);
const out = resolve(DASHBOARD_ROOT, "../../reports/dashboard");

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

async function renders(page: Page): Promise<number> {
  return page.evaluate(() => Number(document.body.dataset.renders ?? 0));
}

/** Navigation to `url` → the app's first complete render, in ms. */
async function timedLoad(page: Page, url: string): Promise<number> {
  const t0 = performance.now();
  await page.goto(url);
  await page.waitForFunction(() => Number(document.body.dataset.renders ?? 0) >= 1, null, {
    timeout: 120_000,
  });
  return performance.now() - t0;
}

/** The app's last render time (transforms + Plotly), in ms. */
function appRenderMs(page: Page): Promise<number> {
  return page.evaluate(() => (window as { __arena?: { renderMs: number } }).__arena?.renderMs ?? Number.NaN);
}

async function timedRender(page: Page, action: () => Promise<unknown>): Promise<number> {
  const before = await renders(page);
  const t0 = performance.now();
  await action();
  await page.waitForFunction((k) => Number(document.body.dataset.renders ?? 0) > k, before, {
    timeout: 120_000,
  });
  return performance.now() - t0;
}

// The machine's load when the measuring starts and ends: the figures only mean something on a quiet one.
const loadBefore = loadavg();
const records = largeFixtureRecords(runs);
const results = `${records.map(serializeRecord).join("\n")}\n`;
const report = buildFixtureReport("large", records);
const dir = mkdtempSync(join(tmpdir(), "arena-dashboard-bench-"));
const site = join(dir, "site");
await writeDashboard(site, { results, report });
// The same app without data: what loading plotly.js and the app costs by itself.
await writeDashboard(join(dir, "empty"));
const dataBytes = statSync(join(site, "data.js")).size;
const server = await serveStatic(dir);
const browser = await launchChromium();
const rows: Record<string, number>[] = [];
try {
  for (let i = 0; i < repeats; i++) {
    const empty = await browser.context.newPage();
    const e0 = performance.now();
    await empty.goto(`${server.url}empty/`);
    await empty.waitForFunction(() => Number(document.body.dataset.renders ?? 0) >= 1, null, {
      timeout: 120_000,
    });
    const emptyPage = performance.now() - e0;
    await empty.close();
    const page = await browser.context.newPage();
    const firstRender = await timedLoad(page, `${server.url}site/`);
    const app = await page.evaluate(() => {
      const a = (window as { __arena?: { parseMs: number; renderMs: number; runs: number } }).__arena!;
      const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
      return {
        parseMs: a.parseMs,
        renderMs: a.renderMs,
        runs: a.runs,
        domContentLoaded: nav.domContentLoadedEventEnd,
      };
    });
    if (app.runs !== runs) throw new Error(`bench: the page loaded ${app.runs} runs, expected ${runs}`);
    if (i === 0) {
      mkdirSync(out, { recursive: true });
      await page.screenshot({ path: join(out, "large-overview.png"), fullPage: true });
    }
    const toProblem = await timedRender(page, () => page.locator("th.case a").first().click());
    if (i === 0) await page.screenshot({ path: join(out, "large-full-page.png"), fullPage: true });
    const problemChange = await timedRender(page, () => page.selectOption("#f-problem", "parity-rnn"));
    const seedsOn = await timedRender(page, () => page.locator("#f-seeds").check());
    if (i === 0) await page.screenshot({ path: join(out, "large-recurrent-seeds.png"), fullPage: true });
    const toOverview = await timedRender(page, () =>
      page.locator('.page-link[data-page="overview"]').click(),
    );
    await page.close();
    // The problem page opened by its link: the first screen the dashboard had before the overview.
    const problemPage = await browser.context.newPage();
    const problemFirstRender = await timedLoad(problemPage, `${server.url}site/#page=problem`);
    const problemRenderMs = await appRenderMs(problemPage);
    await problemPage.close();
    rows.push({
      emptyPage,
      firstRender,
      ...app,
      problemFirstRender,
      problemRenderMs,
      toProblem,
      problemChange,
      seedsOn,
      toOverview,
    });
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const keys = [
  "emptyPage",
  "firstRender",
  "domContentLoaded",
  "parseMs",
  "renderMs",
  "problemFirstRender",
  "problemRenderMs",
  "toProblem",
  "problemChange",
  "seedsOn",
  "toOverview",
] as const;
const summary = Object.fromEntries(
  keys.map((k) => [
    k,
    {
      median: median(rows.map((r) => r[k])),
      min: Math.min(...rows.map((r) => r[k])),
      max: Math.max(...rows.map((r) => r[k])),
    },
  ]),
);
const result = {
  runs,
  loadavg: loadavg(),
  repeats,
  dataBytes,
  resultsBytes: Buffer.byteLength(results),
  summary,
  rows,
  date: new Date().toISOString(),
};
mkdirSync(out, { recursive: true });
writeFileSync(join(out, "load-benchmark.json"), `${JSON.stringify(result, null, 2)}\n`);
const labels: Record<(typeof keys)[number], string> = {
  emptyPage: "baseline: the app without data (plotly.js + app load, empty state drawn)",
  firstRender: "navigation → first complete render (the overview)",
  domContentLoaded: "DOMContentLoaded (plotly.js, data.js and app scripts executed)",
  parseMs: "parse results.jsonl + report.json in the page",
  renderMs: "first render of the overview (table, pooled ECDFs, 5 Plotly figures)",
  problemFirstRender: "navigation to #page=problem → first complete render",
  problemRenderMs: "first render of the problem page (transforms + Plotly, 10 figures)",
  toProblem: "overview → a problem's page (click its header) → rendered",
  problemChange: "switch problem → re-rendered",
  seedsOn: "individual seeds on → re-rendered",
  toOverview: "problem page → overview (header link) → rendered",
};
const md = [
  `# Dashboard load benchmark: ${runs} runs`,
  "",
  `results.jsonl ${(result.resultsBytes / 1e6).toFixed(1)} MB, embedded data.js ${(dataBytes / 1e6).toFixed(1)} MB; headless Chromium, ${repeats} page loads; load average ${result.loadavg.map((l) => l.toFixed(2)).join(" ")} at the end (before: ${loadBefore.map((l) => l.toFixed(2)).join(" ")}).`,
  "",
  "| step | median ms | min | max |",
  "| --- | ---: | ---: | ---: |",
  ...keys.map(
    (k) =>
      `| ${labels[k]} | ${summary[k].median.toFixed(0)} | ${summary[k].min.toFixed(0)} | ${summary[k].max.toFixed(0)} |`,
  ),
  "",
];
writeFileSync(join(out, "load-benchmark.md"), md.join("\n"));
console.log(md.join("\n"));
