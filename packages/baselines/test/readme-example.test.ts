import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, vi } from "vitest";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

/** The README's first code block of the given language. */
function block(lang: string): string {
  const m = readme.match(new RegExp(`\`\`\`${lang}\\n([\\s\\S]*?)\`\`\``));
  if (!m) throw new Error(`README.md has no \`\`\`${lang} block`);
  return m[1];
}

const dir = mkdtempSync(join(tmpdir(), "arena-baselines-readme-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("README example", () => {
  it("runs and prints what the README says", async () => {
    // Point the package imports at the workspace sources, so the block runs from a temporary file.
    const require = createRequire(import.meta.url);
    const own = fileURLToPath(new URL("../src/index.ts", import.meta.url));
    const code = block("ts").replace(/from "(@arena\/[a-z-]+)"/g, (_, name: string) => {
      const path = name === "@arena/baselines" ? own : require.resolve(name);
      return `from ${JSON.stringify(path)}`;
    });
    const file = join(dir, "example.ts");
    writeFileSync(file, code);
    const lines: string[] = [];
    const spy = vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
    try {
      await import(/* @vite-ignore */ pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
    }
    expect(lines.join("\n")).toBe(block("text").trimEnd());
  });
});
