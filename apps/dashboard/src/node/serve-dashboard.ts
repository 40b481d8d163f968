import { ensureBuilt } from "./build-app.ts";
import { type StaticServer, serveStatic } from "./static-server.ts";
import { type WrittenDashboard, writeDashboard } from "./write-dashboard.ts";

/** What to serve: the texts of a results folder's files, already read (the caller checks the files). */
export interface ServeDashboardOptions {
  /** Folder to write the dashboard into (e.g. DIR/dashboard); required when `results` is given. */
  outDir?: string;
  /** Text of results.jsonl; without it the bare app is served, where files can be opened or dropped. */
  results?: string;
  /** Text of report.json (significance marks and ranks). */
  report?: string;
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

/** A served dashboard. */
export interface ServedDashboard {
  server: StaticServer;
  /** The folder served. */
  dir: string;
  /** What was written, when data was given. */
  written?: WrittenDashboard;
}

const KEYS = ["outDir", "results", "report", "port"];

/**
 * Writes a dashboard with the given results (and report) embedded into `outDir` and serves that folder on
 * 127.0.0.1 only; without results, serves the bare app. `arena dashboard [DIR]` (apps/harness) reads
 * DIR's files and calls this; `pnpm dashboard` runs that command.
 *
 * @example
 * ```ts
 * import { readFileSync } from "node:fs";
 * import { serveDashboard } from "@arena/dashboard/node";
 * const { server } = await serveDashboard({
 *   outDir: "reports/latest/dashboard",
 *   results: readFileSync("reports/latest/results.jsonl", "utf8"),
 * });
 * console.log(server.url);
 * await server.close();
 * ```
 */
export async function serveDashboard(options: ServeDashboardOptions = {}): Promise<ServedDashboard> {
  for (const key of Object.keys(options)) {
    if (!KEYS.includes(key))
      throw new TypeError(`serveDashboard: unknown option "${key}"; expected one of ${KEYS.join(", ")}`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`serveDashboard: port must be an integer in 0…65535, got ${String(port)}`);
  }
  if (options.results === undefined) {
    const { dir } = await ensureBuilt();
    return { server: await serveStatic(dir, { port, host: "127.0.0.1" }), dir };
  }
  if (options.outDir === undefined) throw new TypeError("serveDashboard: outDir is required with results");
  const written = await writeDashboard(options.outDir, {
    results: options.results,
    ...(options.report !== undefined ? { report: options.report } : {}),
  });
  const server = await serveStatic(written.outDir, { port, host: "127.0.0.1" });
  return { server, dir: written.outDir, written };
}
