import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { formatWithOptions } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Registers vitest tests that run every ```ts block of a package's README as written, so an example
 * cannot drift from the code. A line `console.log(args); // expected` must print `expected` (Node's
 * formatting on one line; `...` in the comment stands for anything); other output is silenced. Imports
 * of the package itself are pointed at its sources; other packages resolve from the package's folder.
 *
 * @example
 * ```ts
 * // packages/stats/test/readme-examples.test.ts
 * import { testReadmeExamples } from "../../../scripts/readme-examples.ts";
 * testReadmeExamples({ packageDir: new URL("..", import.meta.url), packageName: "@arena/stats", minBlocks: 2 });
 * ```
 */
export function testReadmeExamples(options: {
  /** The package's folder (with README.md and src/index.ts). */
  packageDir: URL;
  packageName: string;
  /** The test fails when the README has fewer ```ts blocks than this. */
  minBlocks: number;
}): void {
  const blocks = readmeBlocks(readFileSync(new URL("README.md", options.packageDir), "utf8"));
  const dir = fileURLToPath(new URL(".vitest/readme-examples/", options.packageDir));
  const entry = JSON.stringify(fileURLToPath(new URL("src/index.ts", options.packageDir)));
  const checks = globalThis as { __readmeCheck?: Check };

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    delete checks.__readmeCheck;
  });

  describe("README.md examples", () => {
    it(`has at least ${options.minBlocks} example(s)`, () => {
      expect(blocks.length).toBeGreaterThanOrEqual(options.minBlocks);
    });

    blocks.forEach((block, b) => {
      it(`the block at README.md line ${block.line} runs and prints what its comments say`, async () => {
        mkdirSync(dir, { recursive: true });
        const file = `${dir}block-${b}.ts`;
        const own = `from "${options.packageName}"`;
        writeFileSync(file, instrument(block.code).replaceAll(own, `from ${entry}`));
        const failures: string[] = [];
        let checked = 0;
        checks.__readmeCheck = (line, expected, ...args) => {
          checked++;
          const got = formatWithOptions({ breakLength: Number.POSITIVE_INFINITY }, ...args);
          if (!pattern(expected).test(got)) {
            failures.push(`README.md line ${block.line + line - 1}: expected ${expected}\n  got      ${got}`);
          }
        };
        const log = console.log;
        console.log = () => {};
        try {
          await import(/* @vite-ignore */ pathToFileURL(file).href);
        } finally {
          console.log = log;
        }
        expect(failures).toEqual([]);
        expect(checked).toBeGreaterThan(0);
      });
    });
  });
}

type Check = (line: number, expected: string, ...args: unknown[]) => void;

/** The ```ts blocks of a README, with the line each one's code starts on. */
export function readmeBlocks(readme: string): { code: string; line: number }[] {
  return [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
    code: m[1],
    line: readme.slice(0, m.index).split("\n").length + 1,
  }));
}

const CHECKED = /^(.*?)console\.log\((.*)\);\s*\/\/ (.*)$/;

/** The block with each commented console.log turned into a check of what it prints. */
export function instrument(code: string): string {
  const lines = code.split("\n").map((text, i) => {
    const m = CHECKED.exec(text);
    if (!m) return text;
    return `${m[1]}globalThis.__readmeCheck(${i + 1}, ${JSON.stringify(m[3])}, ${m[2]});`;
  });
  return `${lines.join("\n")}\nexport {};\n`;
}

/** `expected` as an anchored pattern in which `...` matches anything. */
export function pattern(expected: string): RegExp {
  const parts = expected.split("...").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^]*")}$`);
}
