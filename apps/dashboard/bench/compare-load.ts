/**
 * Load benchmark of the compare page: BASE and NEW of `RUNS` runs each (the load benchmark's large
 * fixture, NEW with one learner worse) embedded in one dashboard, which opens on its compare page,
 * served on localhost and opened in headless Chromium. Measures navigation → the first complete
 * render, and the app's own figures: parsing both sets, the comparison (`compareResults` and grouping)
 * and the render (comparison + every problem's figures and tables). Run:
 * `pnpm --filter @arena/dashboard bench:compare [RUNS] [REPEATS]` (defaults 2000 and 3); prints a
 * Markdown table.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { serveStatic } from "../src/node/static-server.ts";
import { writeDashboard } from "../src/node/write-dashboard.ts";
import { launchChromium } from "../test/browser.ts";
import { compareBaseRecords, compareNewRecords, resultsText } from "../test/fixtures/compare-fixture.ts";

const runs = Number(process.argv[2] ?? 2000);
const repeats = Number(process.argv[3] ?? 3);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const loadBefore = loadavg();
const dir = mkdtempSync(join(tmpdir(), "arena-dashboard-compare-bench-"));
await writeDashboard(join(dir, "site"), {
  results: resultsText(compareNewRecords({ runs })),
  baseResults: resultsText(compareBaseRecords(runs)),
});
const server = await serveStatic(dir);
const browser = await launchChromium();
const rows: Record<string, number>[] = [];
try {
  for (let i = 0; i < repeats; i++) {
    const page = await browser.context.newPage();
    const t0 = performance.now();
    await page.goto(`${server.url}site/`);
    await page.waitForFunction(() => Number(document.body.dataset.renders ?? 0) >= 1, null, {
      timeout: 300_000,
    });
    const firstRender = performance.now() - t0;
    const app = await page.evaluate(() => {
      const a = (window as { __arena?: Record<string, number> }).__arena!;
      return { parseMs: a.parseMs, compareMs: a.compareMs, renderMs: a.renderMs, runs: a.runs };
    });
    if (app.runs !== runs) throw new Error(`bench: the page loaded ${app.runs} runs, expected ${runs}`);
    if ((await page.evaluate(() => document.body.dataset.page)) !== "compare")
      throw new Error("bench: the page did not open on the compare page");
    rows.push({ firstRender, ...app });
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
  rmSync(dir, { recursive: true, force: true });
}

const labels: Record<string, string> = {
  firstRender: "navigation → first complete render (the compare page, every problem)",
  parseMs: "parse NEW's results.jsonl in the page (BASE is parsed with it, not counted here)",
  compareMs: "compareResults + grouping both sides",
  renderMs: "first render of the compare page (comparison + 15 figures + 5 tables)",
};
const fmt = (l: number[]) => l.map((x) => x.toFixed(2)).join(" ");
console.log(
  [
    `# Compare page load: ${runs} runs per side, ${repeats} page loads (load average before ${fmt(loadBefore)}, after ${fmt(loadavg())})`,
    "",
    "| step | median ms | min | max |",
    "| --- | ---: | ---: | ---: |",
    ...Object.keys(labels).map((k) => {
      const v = rows.map((r) => r[k]);
      return `| ${labels[k]} | ${median(v).toFixed(0)} | ${Math.min(...v).toFixed(0)} | ${Math.max(...v).toFixed(0)} |`;
    }),
  ].join("\n"),
);
