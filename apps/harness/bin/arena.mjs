#!/usr/bin/env node
// The `arena` command. Arena's packages export TypeScript sources: the CLI runs from a bundle of them,
// rebuilt when a source changes (src/bundled-entry.mjs); ARENA_TSX=1 has tsx compile them on load instead.
import { setFlagsFromString } from "node:v8";
import { bundledEntry } from "../src/bundled-entry.mjs";

// The main thread's young generation stays at its initial size until the command says otherwise
// (src/main-heap.ts): `arena run` would keep 16–32 MiB of it resident while it waits for its workers.
setFlagsFromString("--semi-space-growth-factor=1");

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
