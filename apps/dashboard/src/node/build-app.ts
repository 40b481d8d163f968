import {
  chmodSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The dashboard package's directory (apps/dashboard). */
export const DASHBOARD_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where the built app lives. */
export const DIST_DIR = join(DASHBOARD_ROOT, "dist");

/** Written last by a build; its mtime says when the build finished. */
const STAMP = ".built";

/** Newest modification time (ms) of the files under `path` (0 if missing). */
function newestMtime(path: string, skip: (p: string) => boolean = () => false): number {
  if (!existsSync(path) || skip(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, name), skip));
  return newest;
}

/**
 * The source folders of the workspace packages the browser bundle takes in: the dashboard's `@arena/*`
 * dependencies (`@arena/results`, `@arena/stats`), and theirs, read from each package.json.
 */
function workspaceDependencySources(): string[] {
  const seen = new Set<string>();
  const sources: string[] = [];
  const visit = (packageDir: string) => {
    const manifestPath = join(packageDir, "package.json");
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as {
      dependencies?: Record<string, string>;
    };
    const require = createRequire(manifestPath);
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!name.startsWith("@arena/") || seen.has(name)) continue;
      seen.add(name);
      const src = dirname(require.resolve(name)); // <package>/src, from its exports' entry
      sources.push(src);
      visit(dirname(src));
    }
  };
  visit(DASHBOARD_ROOT);
  return sources;
}

/** The inputs of the browser bundle: if any is newer than the last build, the build is stale. */
function sourcesMtime(): number {
  const nodeDir = join(DASHBOARD_ROOT, "src", "node");
  return Math.max(
    newestMtime(join(DASHBOARD_ROOT, "src"), (p) => p === nodeDir),
    newestMtime(join(DASHBOARD_ROOT, "index.html")),
    newestMtime(join(DASHBOARD_ROOT, "vite.config.ts")),
    newestMtime(join(DASHBOARD_ROOT, "public")),
    ...workspaceDependencySources().map((src) => newestMtime(src)),
  );
}

/** True when dist/ holds a build newer than every source file. */
export function isBuildFresh(): boolean {
  const stamp = join(DIST_DIR, STAMP);
  return (
    existsSync(stamp) && existsSync(join(DIST_DIR, "index.html")) && statSync(stamp).mtimeMs >= sourcesMtime()
  );
}

/**
 * Makes sure `dist/` holds a current build of the app, running Vite's `build()` when it is missing or
 * older than the sources. The build goes to a fresh temporary folder that then replaces `dist/`, so
 * a reader never sees a half-written build; if another process installed a build in the meantime,
 * that one is kept. Returns the folder to copy from.
 */
export async function ensureBuilt(
  options: { force?: boolean } = {},
): Promise<{ dir: string; built: boolean }> {
  for (const key of Object.keys(options)) {
    if (key !== "force") throw new TypeError(`ensureBuilt: unknown option "${key}"; expected "force"`);
  }
  if (!options.force && isBuildFresh()) return { dir: DIST_DIR, built: false };
  const { build } = await import("vite");
  const tmp = mkdtempSync(join(DASHBOARD_ROOT, ".dist-"));
  chmodSync(tmp, 0o755); // mkdtemp makes it private; dist/ is an ordinary readable folder
  try {
    await build({
      root: DASHBOARD_ROOT,
      configFile: join(DASHBOARD_ROOT, "vite.config.ts"),
      logLevel: "warn",
      build: { outDir: tmp, emptyOutDir: true },
    });
    writeFileSync(join(tmp, STAMP), `${new Date().toISOString()}\n`);
    rmSync(DIST_DIR, { recursive: true, force: true });
    try {
      renameSync(tmp, DIST_DIR);
    } catch (e) {
      // Another build landed first (ENOTEMPTY/EEXIST): theirs is as good as ours.
      if (!existsSync(join(DIST_DIR, "index.html"))) throw e;
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return { dir: DIST_DIR, built: true };
}
