#!/usr/bin/env node
// The `arena` command. Arena's packages export TypeScript sources: the CLI runs from a bundle of them,
// rebuilt when a source changes (src/bundled-entry.mjs); ARENA_TSX=1 has tsx compile them on load instead.
import { bundledEntry } from "../src/bundled-entry.mjs";

const cli = new URL("../src/cli.ts", import.meta.url);
if (process.env.ARENA_TSX === "1") {
  const { register } = await import("tsx/esm/api");
  register();
  await import(cli.href);
} else {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  const { pathToFileURL } = await import("node:url");
  await import(pathToFileURL(await bundledEntry(cli)).href);
}
