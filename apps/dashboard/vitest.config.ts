import { mergeConfig } from "vitest/config";
import shared from "../../vitest.shared.ts";

// The browser tests need the built app: build it once (when stale) before any test file runs.
export default mergeConfig(shared, { test: { globalSetup: ["test/global-setup.ts"] } });
