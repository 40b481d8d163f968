#!/usr/bin/env node
// Fails when Math.random appears in a source file outside tests. Every random number in Arena must come
// from the seeded Rng passed in, or a seed no longer reproduces a run. Biome reports the same through
// scripts/no-math-random.grit; this check also covers files Biome is told to skip.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const roots = ["packages", "apps", "datasets", "benchmarks"].map((d) => join(root, d));
const skipDirs = new Set(["node_modules", "test", "dist", "reports", ".turbo", ".vitest", "data"]);
const exts = /\.(ts|tsx|js|mjs|cjs|mts|cts)$/;
const hits = [];

function walk(dir) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const path = join(dir, name);
    const st = statSync(path);
    if (st.isDirectory()) {
      if (!skipDirs.has(name)) walk(path);
    } else if (exts.test(name) && !/\.test\.[cm]?[jt]sx?$/.test(name)) {
      const lines = readFileSync(path, "utf8").split("\n");
      lines.forEach((line, i) => {
        if (line.includes("Math.random")) hits.push(`${relative(root, path)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
}

for (const r of roots) walk(r);
if (hits.length > 0) {
  console.error("Math.random is banned outside tests; use the seeded Rng passed in (@arena/rng):");
  for (const h of hits) console.error(`  ${h}`);
  process.exit(1);
}
console.log("check-math-random: no Math.random in sources");
