import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtTarballs, publishablePackages } from "../../scripts/package-tarballs.ts";
import { readmeBlocks } from "../../scripts/readme-examples.ts";
import { exampleResult, standaloneExample } from "../../scripts/standalone-example.ts";
import { repoRoot } from "../src/runner/repo-root.ts";

/*
 * What a stranger gets: every publishable package is built, packed with pnpm, and installed from the
 * tarballs with npm into a blank project outside the workspace; then each README example runs there
 * with plain `node` (its types erased, no TypeScript loader) and must print what its comments say, and
 * publint and arethetypeswrong check each tarball. Slow (a build, a pack, an npm install from the
 * registry), so it runs once, here.
 */

const root = repoRoot();
const packages = publishablePackages(root);
const work = mkdtempSync(join(tmpdir(), "arena-stranger-"));
const project = join(work, "project");
let tarballs: string[] = [];
/** The two checkers' command-line entry files, resolved from benchmarks' own dependencies. */
const require = createRequire(import.meta.url);
const publintCli = join(dirname(require.resolve("publint")), "cli.js");
const attwCli = join(dirname(require.resolve("@arethetypeswrong/cli/package.json")), "dist/index.js");

beforeAll(() => {
  tarballs = builtTarballs(root, work);
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), '{ "name": "stranger", "private": true, "type": "module" }\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], {
    cwd: project,
    stdio: "pipe",
  });
}, 600_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("the packed packages, installed outside the workspace", () => {
  it("are all packed and installed", () => {
    expect(tarballs.map((t) => basename(t)).sort()).toEqual(
      packages.map((p) => `${p.name.replace("@", "").replace("/", "-")}-0.1.0.tgz`).sort(),
    );
    for (const p of packages)
      expect(existsSync(join(project, "node_modules", p.name, "dist/index.js"))).toBe(true);
  });

  for (const p of packages) {
    const readme = readFileSync(join(p.dir, "README.md"), "utf8");
    readmeBlocks(readme).forEach((block, i) => {
      it(`${p.name}: README block at line ${block.line} runs with plain node and prints what it says`, () => {
        const file = join(project, `${p.name.replace("@arena/", "")}-${i}.mjs`);
        writeFileSync(file, standaloneExample(block.code, block.line));
        // Imports resolve from the file, in the blank project; a file an example reads (report's
        // results fixture) is named relative to its package's folder, as in the workspace's doc tests.
        const run = spawnSync(process.execPath, [file], { cwd: p.dir, encoding: "utf8", timeout: 120_000 });
        const result = exampleResult(run.stdout);
        expect(result, `no result; exit ${run.status}; stderr:\n${run.stderr}`).not.toBeNull();
        expect(result?.failures).toEqual([]);
        expect(result?.checked).toBeGreaterThan(0);
      }, 150_000);
    });
  }

  it("pass publint and arethetypeswrong (ESM only)", () => {
    const problems: string[] = [];
    for (const t of tarballs) {
      const lint = spawnSync(process.execPath, [publintCli, "run", t, "--strict"], {
        encoding: "utf8",
      });
      if (lint.status !== 0) problems.push(`publint ${basename(t)}:\n${lint.stdout}${lint.stderr}`);
      const attw = spawnSync(process.execPath, [attwCli, t, "--profile", "esm-only", "--format", "ascii"], {
        encoding: "utf8",
      });
      if (attw.status !== 0) problems.push(`attw ${basename(t)}:\n${attw.stdout}${attw.stderr}`);
    }
    expect(problems).toEqual([]);
  }, 300_000);
});
