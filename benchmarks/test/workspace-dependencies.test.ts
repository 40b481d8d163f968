import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { moduleUses, workspaceDependencyProblems } from "../../scripts/workspace-dependencies.ts";
import { repoRoot } from "../src/runner/repo-root.ts";

/*
 * A workspace-wide check, kept here because benchmarks is the one package above all the others (it
 * depends on the harness, which depends on every library), so turbo re-runs this test whenever any
 * package's sources, tests or package.json change (through the `^typecheck` hashes, and the extra
 * inputs in benchmarks/turbo.json); and no library's tests should read their siblings.
 */

describe("the workspace's package.json files", () => {
  it("declare every package each package imports, and only what its run-time files import as dependencies", () => {
    expect(workspaceDependencyProblems(repoRoot())).toEqual([]);
  });
});

describe("workspaceDependencyProblems", () => {
  const root = mkdtempSync(join(tmpdir(), "arena-deps-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const manifest = (name: string, extra: object) =>
    `${JSON.stringify({ name, scripts: { test: "vitest run" }, ...extra }, null, 2)}\n`;

  it("finds undeclared, misplaced and unused dependencies, unknown commands and relative reach-ins", () => {
    write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
    write("package.json", manifest("root", { devDependencies: { vitest: "1" } }));
    write(
      "packages/a/package.json",
      manifest("@x/a", {
        scripts: { test: "vitest run", build: "tsx build.ts && node x.js" },
        dependencies: { "@x/b": "1", "left-pad": "1", zod: "1" },
        devDependencies: { vite: "1", vitest: "1", "@x/c": "1", "@types/node": "1", "@types/plotly.js": "1" },
      }),
    );
    write(
      "packages/a/src/index.ts",
      [
        "// import { nothing } from 'commented-out';",
        'import { b } from "@x/b";',
        'import type { Layout } from "plotly.js";',
        'import { readFileSync } from "node:fs";',
        'import { join } from "path";',
        "export const s = \"import x from 'in-a-string'\";",
        'export const build = () => import("vite");',
        'export { c } from "../../b/src/c.ts";',
        "export const l = (x: Layout) => [b, x, readFileSync, join];",
      ].join("\n"),
    );
    write("packages/a/test/a.test.ts", 'import { it } from "vitest";\nimport fc from "fast-check";\n');
    write("packages/a/.scratch/s.ts", 'import "ignored-scratch";\n');
    write("packages/b/package.json", manifest("@x/b", { devDependencies: { vitest: "1" } }));
    write("packages/b/src/c.ts", "export const c = 1;\n");
    write("packages/b/test/b.test.ts", 'import { it } from "vitest";\n');

    expect(workspaceDependencyProblems(root)).toEqual([
      'packages/a/package.json: src/index.ts imports ../../b/src/c.ts, inside @x/b, by a relative path: import "@x/b" and declare it',
      "packages/a/package.json: fast-check is imported (test/a.test.ts) but not declared: add it to devDependencies",
      "packages/a/package.json: vite is imported at run time (src/index.ts) but is in devDependencies: move it to dependencies",
      'packages/a/package.json: script "build" runs tsx, which no declared dependency provides',
      "packages/a/package.json: left-pad is in dependencies but nothing imports it: remove it",
      "packages/a/package.json: zod is in dependencies but nothing imports it: remove it",
      "packages/a/package.json: @x/c is in devDependencies but nothing imports or runs it: remove it",
    ]);
  });

  it("reads require, require.resolve, createRequire(…).resolve and import types, not comments", () => {
    const uses = moduleUses(
      "f.ts",
      [
        'import { createRequire } from "node:module";',
        "const require = createRequire(import.meta.url);",
        'require("brain.js");',
        'require.resolve("tsx");',
        'createRequire(import.meta.url).resolve("@tensorflow/tfjs-backend-wasm");',
        'import.meta.resolve("plotly.js-cartesian-dist-min");',
        'type P = import("playwright-core").Page;',
        'import { type A, type B } from "only-types";',
        '/** import { x } from "@arena/in-a-comment"; */',
      ].join("\n"),
    );
    expect(uses).toEqual([
      { specifier: "node:module", typeOnly: false },
      { specifier: "brain.js", typeOnly: false },
      { specifier: "tsx", typeOnly: false },
      { specifier: "@tensorflow/tfjs-backend-wasm", typeOnly: false },
      { specifier: "plotly.js-cartesian-dist-min", typeOnly: false },
      { specifier: "playwright-core", typeOnly: true },
      { specifier: "only-types", typeOnly: true },
    ]);
  });
});
