import type { DataInput } from "./load-data.ts";

/** Version tag of the data a written dashboard embeds. */
export const EMBEDDED_DATA_FORMAT = "arena.dashboard-data/1";

/** What `data.js` assigns to `window.__ARENA_DATA__`: the raw texts of the files, parsed in the page. */
export interface EmbeddedData {
  format: typeof EMBEDDED_DATA_FORMAT;
  results: string | null;
  report: string | null;
  resultsName: string | null;
  reportName: string | null;
  /**
   * A second results text to compare the first against (`arena compare BASE NEW --html`): BASE, while
   * `results` is NEW. Absent when the dashboard carries one set; a dashboard with it opens on the
   * compare page.
   */
  baseResults?: string;
  baseResultsName?: string;
}

/** What a dashboard starts with: the data shown (NEW, on the compare page) and, optionally, BASE. */
export interface EmbeddedInput extends DataInput {
  /** BASE's results text, when embedded. */
  baseResults?: string;
  baseResultsName?: string | null;
}

/**
 * The source of `data.js`. The data is a JSON literal with `<` written as `\u003c` (so no
 * `</script>` or `<!--` can end or confuse an HTML script block, should the file ever be inlined) and
 * U+2028/U+2029 escaped (line terminators to older JS parsers). A classic script, not a fetch: pages
 * opened from file:// may not fetch.
 *
 * @example
 * ```ts
 * embeddedDataScript({ format: EMBEDDED_DATA_FORMAT, results: "</script>", report: null, resultsName: null, reportName: null });
 * // 'window.__ARENA_DATA__ = {"format":"arena.dashboard-data/1","results":"\u003c/script>",…};\n'
 * ```
 */
export function embeddedDataScript(data: EmbeddedData | null): string {
  const json = JSON.stringify(data)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
  return `// Written by @arena/dashboard: the data this dashboard shows (null: none; open or drop files).\nwindow.__ARENA_DATA__ = ${json};\n`;
}

/**
 * Reads `window.__ARENA_DATA__`; anything that is not embedded data of this format gives null. The
 * BASE fields are there only when BASE is embedded.
 */
export function readEmbeddedData(value: unknown): EmbeddedInput | null {
  if (value === null || typeof value !== "object") return null;
  const v = value as Partial<EmbeddedData>;
  if (v.format !== EMBEDDED_DATA_FORMAT) return null;
  const text = (s: unknown) => (typeof s === "string" ? s : null);
  const base = text(v.baseResults);
  return {
    results: text(v.results),
    report: text(v.report),
    resultsName: text(v.resultsName),
    reportName: text(v.reportName),
    ...(base === null ? {} : { baseResults: base, baseResultsName: text(v.baseResultsName) }),
  };
}
