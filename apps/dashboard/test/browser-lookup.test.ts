import { chromium } from "playwright-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browserForTests, findBrowser, SYSTEM_BROWSERS } from "./browser.ts";

const only =
  (...present: string[]) =>
  (path: string) =>
    present.includes(path);

describe("findBrowser", () => {
  it("takes ARENA_CHROMIUM first, before any usual path", () => {
    const lookup = findBrowser({
      env: { ARENA_CHROMIUM: "/opt/chrome/chrome" },
      candidates: SYSTEM_BROWSERS,
      exists: only("/opt/chrome/chrome", "/usr/bin/chromium"),
    });
    expect(lookup).toEqual({ found: true, path: "/opt/chrome/chrome" });
  });

  it("reports a wrong ARENA_CHROMIUM instead of falling back to another browser", () => {
    const lookup = findBrowser({
      env: { ARENA_CHROMIUM: "/nowhere/chrome" },
      candidates: SYSTEM_BROWSERS,
      exists: only("/usr/bin/chromium"),
    });
    expect(lookup.found).toBe(false);
    if (!lookup.found) {
      expect(lookup.message).toContain("ARENA_CHROMIUM=/nowhere/chrome is not an executable file");
      expect(lookup.message).toContain("apt-get install chromium");
    }
  });

  it("tries the usual paths in order when ARENA_CHROMIUM is unset or empty", () => {
    for (const env of [{}, { ARENA_CHROMIUM: "" }]) {
      const lookup = findBrowser({
        env,
        candidates: SYSTEM_BROWSERS,
        exists: only("/usr/bin/google-chrome-stable", "/snap/bin/chromium"),
      });
      expect(lookup).toEqual({ found: true, path: "/usr/bin/google-chrome-stable" });
    }
  });

  it("names every path tried and the install command when nothing is found", () => {
    const lookup = findBrowser({ env: {}, candidates: SYSTEM_BROWSERS, exists: only() });
    expect(lookup.found).toBe(false);
    if (!lookup.found) {
      for (const path of SYSTEM_BROWSERS) expect(lookup.message).toContain(path);
      expect(lookup.message).toContain("apt-get install chromium");
      expect(lookup.message).toContain("ARENA_CHROMIUM");
    }
  });

  it("tries playwright's own Chromium after the system paths by default", () => {
    const tried: string[] = [];
    findBrowser({
      env: {},
      exists: (p) => {
        tried.push(p);
        return false;
      },
    });
    expect(tried).toEqual([...SYSTEM_BROWSERS, chromium.executablePath()]);
  });
});

describe("browserForTests", () => {
  const missing = {
    found: false,
    message: "No Chromium or Chrome for the dashboard's browser tests: x.",
  } as const;

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("returns the browser found", () => {
    expect(browserForTests({ found: true, path: "/usr/bin/chromium" }, { ARENA_REQUIRE_BROWSER: "1" })).toBe(
      "/usr/bin/chromium",
    );
  });

  it("skips with a notice on stderr when no browser is found", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(browserForTests(missing, {})).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0][0]).toContain(`SKIPPED: ${missing.message}`);
    expect(warn.mock.calls[0][0]).toContain("ARENA_REQUIRE_BROWSER=1");
  });

  it("fails with the same message under ARENA_REQUIRE_BROWSER=1", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    expect(() => browserForTests(missing, { ARENA_REQUIRE_BROWSER: "1" })).toThrow(missing.message);
    expect(warn).not.toHaveBeenCalled();
  });
});
