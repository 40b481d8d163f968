import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { formatWithOptions } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Runs every ```ts block of README.md and checks its output: a line `console.log(args); // expected`
 * must print `expected` (Node's formatting on one line; `...` in the comment stands for anything).
 * Blocks import "@arena/datasets", which is pointed at this package's sources.
 */

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => ({
  code: m[1],
  line: readme.slice(0, m.index).split("\n").length + 1,
}));
const dir = fileURLToPath(new URL("../.vitest/readme-examples/", import.meta.url));
const CHECKED = /^(.*?)console\.log\((.*)\);\s*\/\/ (.*)$/;

type Check = (line: number, expected: string, ...args: unknown[]) => void;
const globals = globalThis as { __readmeCheck?: Check };

/** The block with each commented console.log turned into a check of its output; other logs are silenced. */
function instrument(code: string): string {
  const lines = code.split("\n").map((text, i) => {
    const m = CHECKED.exec(text);
    if (!m) return text;
    return `${m[1]}globalThis.__readmeCheck(${i + 1}, ${JSON.stringify(m[3])}, ${m[2]});`;
  });
  return `${lines.join("\n").replaceAll('from "@arena/datasets"', 'from "../../src/index.ts"')}\nexport {};\n`;
}

function pattern(expected: string): RegExp {
  const parts = expected.split("...").map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join("[^]*")}$`);
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  delete globals.__readmeCheck;
});

describe("README.md examples", () => {
  it("has examples", () => expect(blocks.length).toBeGreaterThanOrEqual(3));

  blocks.forEach((block, b) => {
    it(`the block at README.md line ${block.line} runs and prints what its comments say`, async () => {
      mkdirSync(dir, { recursive: true });
      const file = `${dir}block-${b}.ts`;
      writeFileSync(file, instrument(block.code));
      const failures: string[] = [];
      let checked = 0;
      globals.__readmeCheck = (line, expected, ...args) => {
        checked++;
        const got = formatWithOptions({ breakLength: Number.POSITIVE_INFINITY }, ...args);
        if (!pattern(expected).test(got)) {
          failures.push(`README.md line ${block.line + line - 1}: expected ${expected}\n  got      ${got}`);
        }
      };
      const log = console.log;
      console.log = () => {};
      try {
        await import(pathToFileURL(file).href);
      } finally {
        console.log = log;
      }
      expect(failures).toEqual([]);
      expect(checked).toBeGreaterThan(0);
    });
  });
});
