import { cpSync, existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { EMBEDDED_DATA_FORMAT, type EmbeddedData, embeddedDataScript } from "../data/embedded-data.ts";
import { ensureBuilt } from "./build-app.ts";

/** What to embed: the texts of the files, as read from disk. */
export interface WriteDashboardOptions {
  /** Text of results.jsonl. */
  results?: string;
  /** Text of report.json. */
  report?: string;
  /**
   * Text of a second results.jsonl, BASE, to compare `results` (NEW) against: the dashboard then
   * opens on its compare page (`arena compare BASE NEW --html`).
   */
  baseResults?: string;
}

/** What {@link writeDashboard} wrote. */
export interface WrittenDashboard {
  /** Absolute path of the folder. */
  outDir: string;
  /** Absolute path of its index.html: open it in a browser (file:// works). */
  indexHtml: string;
  /** Whether the app had to be built first. */
  built: boolean;
}

const KEYS = ["results", "report", "baseResults"];

/** What data.js embeds: null without any text; BASE's fields only when it is given. */
function embeddedData(options: WriteDashboardOptions): EmbeddedData | null {
  const { results, report, baseResults } = options;
  if (results === undefined && report === undefined && baseResults === undefined) return null;
  return {
    format: EMBEDDED_DATA_FORMAT,
    results: results ?? null,
    report: report ?? null,
    resultsName: results === undefined ? null : "results.jsonl",
    reportName: report === undefined ? null : "report.json",
    ...(baseResults === undefined ? {} : { baseResults, baseResultsName: "results.jsonl" }),
  };
}

/**
 * Writes a self-contained static dashboard into `outDir`: the built app (index.html, assets/) and a
 * `data.js` that embeds the given results and report (and BASE's results to compare them against,
 * when given), so the folder opens from disk (file://) or any static server, offline, with no back end
 * and no fetch. Builds the app with Vite first if `dist/` is missing or stale. Files of `outDir` other
 * than index.html, data.js and assets/ are left alone.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { writeDashboard } from "@arena/dashboard/node";
 * const { indexHtml } = await writeDashboard("reports/latest/dashboard", {
 *   results: readFileSync("reports/latest/results.jsonl", "utf8"),
 *   report: readFileSync("reports/latest/report.json", "utf8"),
 * });
 * console.log(`open ${indexHtml}`);
 * ```
 */
export async function writeDashboard(
  outDir: string,
  options: WriteDashboardOptions = {},
): Promise<WrittenDashboard> {
  if (typeof outDir !== "string" || outDir === "") {
    throw new TypeError(`writeDashboard: outDir must be a non-empty path, got ${JSON.stringify(outDir)}`);
  }
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key))
      throw new TypeError(`writeDashboard: unknown option "${key}"; expected one of ${KEYS.join(", ")}`);
  }
  for (const key of KEYS as (keyof WriteDashboardOptions)[]) {
    const v = options[key];
    if (v !== undefined && typeof v !== "string") {
      throw new TypeError(`writeDashboard: ${key} must be the file's text (a string), got ${typeof v}`);
    }
  }
  const { dir, built } = await ensureBuilt();
  const out = resolve(outDir);
  mkdirSync(out, { recursive: true });
  // Replace the app's own files; a stale assets/ from an older build must not linger.
  rmSync(join(out, "assets"), { recursive: true, force: true });
  cpSync(join(dir, "assets"), join(out, "assets"), { recursive: true });
  cpSync(join(dir, "index.html"), join(out, "index.html"));
  writeFileSync(join(out, "data.js"), embeddedDataScript(embeddedData(options)));
  const indexHtml = join(out, "index.html");
  if (!existsSync(indexHtml)) throw new Error(`writeDashboard: ${indexHtml} was not written`);
  return { outDir: out, indexHtml, built };
}
