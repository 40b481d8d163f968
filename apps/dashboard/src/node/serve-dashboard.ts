/**
 * `pnpm dashboard [DIR] [--port N]`: writes a dashboard for DIR (default reports/latest) into
 * DIR/dashboard with DIR's results.jsonl and report.json embedded, serves it on localhost and prints
 * the URL. Without results in DIR it serves the bare app, where files can be opened or dropped.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { DASHBOARD_ROOT, ensureBuilt } from "./build-app.ts";
import { serveStatic } from "./static-server.ts";
import { writeDashboard } from "./write-dashboard.ts";

function parseArgs(argv: string[]): { dir: string; port: number } {
  let dir = resolve(DASHBOARD_ROOT, "../../reports/latest");
  let port = 5180;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") continue;
    if (a === "--port") {
      const v = Number(argv[++i]);
      if (!Number.isInteger(v) || v < 0 || v > 65535)
        throw new Error(`dashboard: --port must be 0…65535, got ${argv[i]}`);
      port = v;
    } else if (a.startsWith("--")) {
      throw new Error(`dashboard: unknown option ${a}; expected [DIR] [--port N]`);
    } else dir = resolve(a);
  }
  return { dir, port };
}

const { dir, port } = parseArgs(process.argv.slice(2));
const resultsPath = join(dir, "results.jsonl");
let serveDir: string;
if (existsSync(resultsPath)) {
  const reportPath = join(dir, "report.json");
  const written = await writeDashboard(join(dir, "dashboard"), {
    results: readFileSync(resultsPath, "utf8"),
    ...(existsSync(reportPath) ? { report: readFileSync(reportPath, "utf8") } : {}),
  });
  serveDir = written.outDir;
  console.log(
    `dashboard: wrote ${written.indexHtml}${existsSync(reportPath) ? "" : " (no report.json: no significance marks)"}`,
  );
} else {
  serveDir = (await ensureBuilt()).dir;
  console.log(`dashboard: no ${resultsPath}; serving the app without data (open or drop a results.jsonl)`);
}
const server = await serveStatic(serveDir, { port });
console.log(`dashboard: serving ${serveDir}\n  ${server.url}\n(Ctrl-C to stop)`);
