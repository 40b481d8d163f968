import { ensureBuilt } from "../src/node/build-app.ts";

/** Builds the app once per test run when dist/ is missing or older than the sources. */
export default async function setup(): Promise<void> {
  await ensureBuilt();
}
