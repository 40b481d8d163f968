import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { architectureEdges, dependencyRuleProblems } from "../../scripts/dependency-rules.ts";
import { repoRoot } from "../src/runner/repo-root.ts";

describe("the dependency rules", () => {
  it("hold on the workspace: docs/ARCHITECTURE.md draws exactly its edges, nothing forbidden, no cycle", () => {
    expect(dependencyRuleProblems(repoRoot())).toEqual([]);
  });
});

describe("dependencyRuleProblems", () => {
  const root = mkdtempSync(join(tmpdir(), "arena-rules-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const pkg = (name: string, deps: string[], dev: string[] = []) =>
    write(
      `packages/${name}/package.json`,
      JSON.stringify({
        name: `@arena/${name}`,
        private: true,
        dependencies: Object.fromEntries(deps.map((d) => [`@arena/${d}`, "workspace:*"])),
        devDependencies: Object.fromEntries(dev.map((d) => [`@arena/${d}`, "workspace:*"])),
      }),
    );
  const doc = (block: string) =>
    write("docs/ARCHITECTURE.md", `# map\n\n\`\`\`dependencies\n${block}\`\`\`\n`);

  it("finds undrawn, invented and forbidden edges, package cycles and file import cycles", () => {
    write("pnpm-workspace.yaml", "packages:\n  - packages/*\n");
    pkg("rng", []);
    pkg("nn", ["rng"]);
    pkg("swarm", ["rng", "nn"], ["stats"]);
    pkg("stats", []);
    write("packages/nn/src/a.ts", 'import { b } from "./b.ts";\nexport const a = b;\n');
    write(
      "packages/nn/src/b.ts",
      'import type { a } from "./a.ts";\nexport const b = 1 as unknown as typeof a;\n',
    );
    doc("rng ← nn, swarm   (a comment)\nnn ← harness\ntests only:\nstats ← swarm\n");
    expect(dependencyRuleProblems(root)).toEqual([
      "run-time edge swarm → nn is not drawn in docs/ARCHITECTURE.md",
      "docs/ARCHITECTURE.md draws run-time edge harness → nn, no package.json has it",
      "swarm must never import nn: an optimizer package optimises any function of a vector",
      expect.stringMatching(
        /^import cycle in nn: packages\/nn\/src\/(a|b)\.ts → .* → packages\/nn\/src\/\1\.ts$/,
      ),
    ]);
  });

  it("is clean when the document draws exactly the edges and nothing is forbidden", () => {
    pkg("swarm", ["rng"], ["stats"]);
    write("packages/nn/src/b.ts", "export const b = 1;\n");
    doc("rng ← nn, swarm\ntests only:\nstats ← swarm\n");
    expect(dependencyRuleProblems(root)).toEqual([]);
  });

  it("checks that each library's build references exactly its workspace dependencies", () => {
    write("packages/rng/package.json", JSON.stringify({ name: "@arena/rng" }));
    write(
      "packages/nn/package.json",
      JSON.stringify({
        name: "@arena/nn",
        dependencies: { "@arena/rng": "workspace:*", "@arena/stats": "workspace:*" },
      }),
    );
    write("packages/rng/tsconfig.build.json", "{}");
    write(
      "packages/nn/tsconfig.build.json",
      JSON.stringify({ references: [{ path: "../swarm/tsconfig.build.json" }] }),
    );
    write(
      "tsconfig.build.json",
      JSON.stringify({ references: [{ path: "packages/nn/tsconfig.build.json" }] }),
    );
    doc("rng ← nn, swarm\nstats ← nn\ntests only:\nstats ← swarm\n");
    expect(dependencyRuleProblems(root)).toEqual([
      "packages/nn/tsconfig.build.json does not reference packages/rng/tsconfig.build.json",
      "packages/nn/tsconfig.build.json does not reference packages/stats/tsconfig.build.json",
      "packages/nn/tsconfig.build.json references packages/swarm/tsconfig.build.json, not a dependency",
      "nn depends on the private stats",
      "tsconfig.build.json does not reference packages/rng/tsconfig.build.json",
    ]);
  });

  it("reads the block's lines and refuses one it cannot read", () => {
    const md = "```dependencies\nrng, options ← nn (why)\ntests only:\ndatasets ← neuroevolution\n```\n";
    expect(architectureEdges(md)).toEqual({
      runtime: new Set(["nn → rng", "nn → options"]),
      tests: new Set(["neuroevolution → datasets"]),
    });
    expect(() => architectureEdges("```dependencies\nrng nn\n```\n")).toThrow(/unreadable dependency line/);
    expect(() => architectureEdges("no block")).toThrow(/no ```dependencies block/);
  });
});
