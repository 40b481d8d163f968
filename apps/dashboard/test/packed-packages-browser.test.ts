import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { Page } from "playwright-core";
import { build, type Plugin } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtTarballs } from "../../../scripts/package-tarballs.ts";
import { DASHBOARD_ROOT } from "../src/node/build-app.ts";
import { type StaticServer, serveStatic } from "../src/node/static-server.ts";
import { type Browser, launchChromium } from "./browser.ts";
import { executable, PAGE_TIMEOUT } from "./dashboard-e2e-setup.ts";

/*
 * What a stranger's web page gets: every publishable package is built, packed with pnpm and installed
 * from the tarballs with npm into a blank project outside the workspace; a small plain-JS page there
 * (test/fixtures/packed-packages-page) imports @arena/swarm, @arena/genetic and @arena/nn, is bundled by
 * Vite from that project's node_modules, served on 127.0.0.1 and run in headless Chromium. It minimises
 * a 5-D sphere with PSO and with a GA and trains a 2-4-1 net on XOR; the results must be right and the
 * page must log no error. Slow (a build, a pack, an npm install from the registry).
 */

const root = resolve(DASHBOARD_ROOT, "../..");
const PAGE = join(DASHBOARD_ROOT, "test/fixtures/packed-packages-page");

/** What main.js leaves in `window.__result`. */
interface OptimizerResult {
  f: number;
  x: number[];
  evaluations: number;
  stopReason: string;
}
interface PageResult {
  error?: string;
  pso: OptimizerResult;
  ga: OptimizerResult;
  xor: { losses: number[]; loss: number; accuracy: number; predictions: number[] };
  kernels: string;
  ms: number;
}

describe.skipIf(executable === undefined)("the packed packages, bundled by Vite, in Chromium", () => {
  let work = "";
  /** Every module Vite bundled, as paths relative to the blank project (or absolute when outside it). */
  let bundled: string[] = [];
  let browser: Browser | undefined;
  let server: StaticServer | undefined;
  let page: Page;
  const errors: string[] = [];
  let result: PageResult;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), "arena-packed-browser-"));
    const project = join(work, "project");
    const outDir = join(work, "dist");
    const tarballs = builtTarballs(root, work);
    mkdirSync(project);
    writeFileSync(
      join(project, "package.json"),
      '{ "name": "stranger-page", "private": true, "type": "module" }\n',
    );
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], {
      cwd: project,
      stdio: "pipe",
    });
    cpSync(PAGE, project, { recursive: true });

    const record: Plugin = {
      name: "record-bundled-modules",
      buildEnd() {
        bundled = [...this.getModuleIds()].map((id) =>
          id.startsWith(project + sep) ? relative(project, id) : id,
        );
      },
    };
    await build({
      root: project,
      configFile: false,
      logLevel: "silent",
      plugins: [record],
      build: { outDir, emptyOutDir: true },
    });

    server = await serveStatic(outDir, { host: "127.0.0.1", port: 0 });
    browser = await launchChromium(executable);
    page = await browser.context.newPage();
    page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(`console.error: ${m.text()}`);
    });
    page.on("response", (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()}: ${r.url()}`);
    });
    // A script error (say, a module that fails to load) ends the wait at once, with its message.
    const crashed = new Promise<never>((_, reject) =>
      page.once("pageerror", (e) => reject(new Error(`the page threw before its result: ${e.message}`))),
    );
    crashed.catch(() => {}); // handled by the race below; a late error is in `errors` as well
    await page.goto(server.url, { waitUntil: "domcontentloaded", timeout: PAGE_TIMEOUT });
    await Promise.race([
      page.waitForFunction(() => "__result" in window, undefined, { timeout: PAGE_TIMEOUT }),
      crashed,
    ]);
    result = await page.evaluate(() => (window as unknown as { __result: PageResult }).__result);
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("bundles the packages from the blank project's node_modules, not from the workspace", () => {
    const arena = bundled.filter((id) => id.includes("@arena"));
    for (const name of ["swarm", "genetic", "nn", "objectives", "rng", "tensor"])
      expect(arena).toContain(`node_modules/@arena/${name}/dist/index.js`);
    // Nothing from the workspace, and only the packages' built JavaScript (no TypeScript sources).
    expect(bundled.filter((id) => id.startsWith(root))).toEqual([]);
    expect(arena.filter((id) => !/^node_modules\/@arena\/[a-z-]+\/dist\/.+\.js$/.test(id))).toEqual([]);
  });

  it("runs without errors, on nn's WebAssembly kernels", () => {
    expect(result.error).toBeUndefined();
    expect(errors).toEqual([]);
    // The default backend where WebAssembly works: the module embedded in @arena/tensor loads from the bundle.
    expect(result.kernels).toBe("wasm");
  });

  it("minimises a 5-D sphere with PSO and with a GA", () => {
    // Fixed seeds, so these are exact runs. Measured: PSO (seed 1, 4 000 evaluations) f = 1.03e-7,
    // GA (seed 2, 10 000 evaluations) f = 9.63e-7; the thresholds leave a factor of ten.
    expect(result.pso.evaluations).toBe(4000);
    expect(result.pso.f).toBeLessThan(1e-6);
    expect(result.ga.evaluations).toBe(10_000);
    expect(result.ga.f).toBeLessThan(1e-5);
  });

  it("trains a 2-4-1 net to solve XOR", () => {
    // Measured: loss 0.0044 after 1 500 steps (as nn's README says for Node), predictions
    // 0.003, 0.994, 0.998, 0.006.
    expect(result.xor.accuracy).toBe(1);
    expect(result.xor.loss).toBeLessThan(0.01);
    const [p00, p01, p10, p11] = result.xor.predictions;
    expect([p00 < 0.1, p01 > 0.9, p10 > 0.9, p11 < 0.1]).toEqual([true, true, true, true]);
    // The page's text shows the same result.
    return expect(page.textContent("#result")).resolves.toContain('"accuracy": 1');
  });
});
