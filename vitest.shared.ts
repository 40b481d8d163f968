import { defineConfig } from "vitest/config";

/**
 * Every package's vitest.config.ts re-exports this. Besides the console, each run writes
 * `.vitest/results.json`, which `.ci/run` sums into the single `N passed, N failed` line.
 * Timeouts are generous on purpose: no test asserts speed, and CI shares two cores among all packages.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
