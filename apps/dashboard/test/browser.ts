import { accessSync, constants, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Names a Chromium or Chrome binary; when set, it is the only one tried. */
export const BROWSER_ENV = "ARENA_CHROMIUM";

/** When `1`, a missing browser fails the browser tests instead of skipping them (`.ci/run` sets it). */
export const REQUIRE_ENV = "ARENA_REQUIRE_BROWSER";

/** Where Debian, Ubuntu, Google's packages and snap put Chromium or Chrome, in the order tried. */
export const SYSTEM_BROWSERS = [
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
  "/usr/bin/google-chrome-stable",
  "/snap/bin/chromium",
];

/** Where `npx playwright install chromium` puts its Chromium (tried after the system ones). */
function playwrightBrowser(): string[] {
  try {
    return [chromium.executablePath()];
  } catch {
    return [];
  }
}

/** True when `path` is an executable file. */
function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** The outcome of looking for a browser: its path, or why none was found and what to do about it. */
export type BrowserLookup = { found: true; path: string } | { found: false; message: string };

/**
 * Finds the browser for the tests: `ARENA_CHROMIUM` when set (and then nothing else, so a wrong path
 * is reported rather than silently replaced), otherwise the first executable of `candidates`.
 */
export function findBrowser(
  options: {
    env?: NodeJS.ProcessEnv;
    candidates?: readonly string[];
    exists?: (path: string) => boolean;
  } = {},
): BrowserLookup {
  const env = options.env ?? process.env;
  const exists = options.exists ?? isExecutable;
  const chosen = env[BROWSER_ENV];
  if (chosen) {
    if (exists(chosen)) return { found: true, path: chosen };
    return { found: false, message: missingMessage(`${BROWSER_ENV}=${chosen} is not an executable file`) };
  }
  const candidates = options.candidates ?? [...SYSTEM_BROWSERS, ...playwrightBrowser()];
  const path = candidates.find(exists);
  if (path) return { found: true, path };
  return {
    found: false,
    message: missingMessage(`${BROWSER_ENV} is not set and none of ${candidates.join(", ")} exists`),
  };
}

function missingMessage(reason: string): string {
  return (
    `No Chromium or Chrome for the dashboard's browser tests: ${reason}. ` +
    `Install one (Debian/Ubuntu: apt-get install chromium) or set ${BROWSER_ENV} to a Chromium or Chrome binary.`
  );
}

/**
 * The browser for a test file, decided when the file is collected. When none is found: with
 * `ARENA_REQUIRE_BROWSER=1` throws (the file fails, nothing is skipped); otherwise prints a notice
 * to stderr and returns undefined, and the caller skips its tests (`describe.skipIf`).
 */
export function browserForTests(
  lookup: BrowserLookup = findBrowser(),
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (lookup.found) return lookup.path;
  if (env[REQUIRE_ENV] === "1") {
    throw new Error(`${lookup.message} (${REQUIRE_ENV}=1: a missing browser fails the tests.)`);
  }
  console.warn(
    `SKIPPED: ${lookup.message} (Set ${REQUIRE_ENV}=1 to fail instead. Under turbo, after installing, ` +
      "rerun with `pnpm test --force`: turbo replays a cached skip.)",
  );
  return undefined;
}

/**
 * Flags for a quiet, sandbox-free headless Chromium in a container. Playwright adds `--headless`
 * itself and takes the profile folder as `userDataDir` (it refuses `--user-data-dir` in args).
 */
const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** A headless Chromium with a fresh profile in a temporary folder; `close()` removes it. */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Launches Chromium or Chrome: `executablePath`, or the one `findBrowser` finds; throws saying how to
 * install one when there is none.
 */
export async function launchChromium(executablePath?: string): Promise<Browser> {
  if (executablePath === undefined) {
    const lookup = findBrowser();
    if (!lookup.found) throw new Error(lookup.message);
    executablePath = lookup.path;
  }
  const profile = mkdtempSync(join(tmpdir(), "arena-dashboard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
