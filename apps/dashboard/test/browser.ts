import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium } from "playwright-core";

/** Debian's Chromium, which CI installs with `apt-get install -y chromium`. */
export const CHROMIUM = "/usr/bin/chromium";

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

/** Launches Debian's Chromium, or throws saying how to install it (tests must fail, not skip). */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `${CHROMIUM} is missing: the dashboard's browser tests need Debian's Chromium (apt-get update && apt-get install -y chromium)`,
    );
  }
  const profile = mkdtempSync(join(tmpdir(), "arena-dashboard-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
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
