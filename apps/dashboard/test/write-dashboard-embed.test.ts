import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { EMBEDDED_DATA_FORMAT, embeddedDataScript, readEmbeddedData } from "../src/data/embedded-data.ts";
import { ensureBuilt, isBuildFresh } from "../src/node/build-app.ts";
import { writeDashboard } from "../src/node/write-dashboard.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-dashboard-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a data.js the way a page would and returns what it assigned. */
function evaluate(script: string): unknown {
  const window: { __ARENA_DATA__?: unknown } = {};
  runInNewContext(script, { window });
  return window.__ARENA_DATA__;
}

describe("embeddedDataScript", () => {
  it("round-trips any text, and no '<' survives to close a script block", () => {
    const results = 'a</script><script>alert(1)</script>\n<!-- \u2028 \u2029 "quotes" \\ \n';
    const data = {
      format: EMBEDDED_DATA_FORMAT,
      results,
      report: null,
      resultsName: "r.jsonl",
      reportName: null,
    } as const;
    const script = embeddedDataScript(data);
    expect(script).not.toContain("<");
    expect(script).not.toMatch(/[\u2028\u2029]/);
    expect(evaluate(script)).toEqual(data);
    expect(readEmbeddedData(evaluate(script))).toEqual({
      results,
      report: null,
      resultsName: "r.jsonl",
      reportName: null,
    });
  });

  it("refuses anything that is not embedded data", () => {
    expect(readEmbeddedData(null)).toBeNull();
    expect(readEmbeddedData({ format: "other", results: "x" })).toBeNull();
  });
});

describe("writeDashboard", () => {
  it("writes the app and a data.js that embeds the texts", async () => {
    const out = join(dir, "site");
    const written = await writeDashboard(out, {
      results: "line</script>\n",
      report: '{"schema":"arena.report/1"}',
    });
    expect(written.indexHtml).toBe(join(out, "index.html"));
    const html = readFileSync(written.indexHtml, "utf8");
    expect(html).toContain('src="./data.js"');
    expect(html).toContain('src="./assets/plotly.min.js"');
    expect(html).toMatch(/<script defer src="\.\/assets\/dashboard\.js"><\/script>/);
    expect(html).not.toContain('type="module"');
    expect(html).not.toContain("crossorigin");
    expect(existsSync(join(out, "assets", "plotly.min.js"))).toBe(true);
    expect(existsSync(join(out, "assets", "style.css"))).toBe(true);
    const embedded = readEmbeddedData(evaluate(readFileSync(join(out, "data.js"), "utf8")));
    expect(embedded).toEqual({
      results: "line</script>\n",
      report: '{"schema":"arena.report/1"}',
      resultsName: "results.jsonl",
      reportName: "report.json",
    });
  });

  it("writes data.js = null without data, replaces stale assets and keeps other files", async () => {
    const out = join(dir, "bare");
    await writeDashboard(out, { results: "x" });
    writeFileSync(join(out, "assets", "stale.js"), "old");
    writeFileSync(join(out, "notes.txt"), "mine");
    await writeDashboard(out);
    expect(evaluate(readFileSync(join(out, "data.js"), "utf8"))).toBeNull();
    expect(existsSync(join(out, "assets", "stale.js"))).toBe(false);
    expect(readFileSync(join(out, "notes.txt"), "utf8")).toBe("mine");
  });

  it("rejects unknown options and non-text data, naming them", async () => {
    await expect(writeDashboard(join(dir, "x"), { result: "typo" } as never)).rejects.toThrow(
      'writeDashboard: unknown option "result"; expected one of results, report, baseResults',
    );
    await expect(writeDashboard(join(dir, "x"), { results: 3 } as never)).rejects.toThrow(
      "writeDashboard: results must be the file's text (a string), got number",
    );
    await expect(writeDashboard("")).rejects.toThrow(/outDir must be a non-empty path/);
  });
});

describe("ensureBuilt", () => {
  it("finds the build fresh after the test setup built it, and rejects unknown options", async () => {
    expect(isBuildFresh()).toBe(true);
    expect((await ensureBuilt()).built).toBe(false);
    await expect(ensureBuilt({ forse: true } as never)).rejects.toThrow(
      'ensureBuilt: unknown option "forse"; expected "force"',
    );
  });
});
