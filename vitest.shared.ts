import { defineConfig } from "vitest/config";

/**
 * Every package's vitest.config.ts re-exports this. Besides the console, each run writes
 * `.vitest/results.json`, which `.ci/run` sums into the single `N passed, N failed` line.
 */
export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    reporters: ["default", ["json", { outputFile: ".vitest/results.json" }]],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
