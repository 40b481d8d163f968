import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { bundledEntry } from "../src/bundled-entry.mjs";
import { bin, comparable, records, tmp } from "./arena-cli.ts";

const suite = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));

/** `arena ARGS` with `env` added to the environment; fails the test unless it exits 0. */
function arenaWith(env: Record<string, string>, args: string[]): void {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: "utf8",
    env: { ...process.env, CI: "true", ...env },
  });
  expect(r.stderr).not.toMatch(/Error/);
  expect(r.status).toBe(0);
}

/** A module's exports, loaded from its path. */
async function load(path: string): Promise<Record<string, unknown>> {
  return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
}

describe("bundledEntry", () => {
  /** Two TypeScript modules in a fresh folder: a.ts imports b.ts; and a cache folder beside them. */
  function sources() {
    const dir = tmp("arena-bundle-");
    const a = join(dir, "src", "a.ts");
    const b = join(dir, "src", "b.ts");
    mkdirSync(dirname(a));
    writeFileSync(
      a,
      [
        'import { value } from "./b.ts";',
        "export const answer: number = value;",
        "export const url = import.meta.url;",
        'export const text = "import.meta.url";',
        "export const named = function original() {}.name;",
        "",
      ].join("\n"),
    );
    writeFileSync(b, "export const value: number = 1;\n");
    return { a, b, cacheDir: join(dir, "cache") };
  }

  it("bundles a TypeScript entry: import.meta.url is the source's, strings and names stay", async () => {
    const { a, cacheDir } = sources();
    const m = await load(await bundledEntry(a, { cacheDir }));
    expect(m.answer).toBe(1);
    expect(m.url).toBe(pathToFileURL(a).href);
    expect(m.text).toBe("import.meta.url");
    expect(m.named).toBe("original");
  });

  it("reuses the bundle while its inputs are unchanged and rebuilds it when one changes", async () => {
    const { a, b, cacheDir } = sources();
    const first = await bundledEntry(a, { cacheDir });
    expect(await bundledEntry(a, { cacheDir })).toBe(first);
    writeFileSync(b, "export const value: number = 2;\n");
    const second = await bundledEntry(a, { cacheDir });
    expect(second).not.toBe(first);
    expect((await load(second)).answer).toBe(2);
    // A package.json above the sources is an input too (it can change how imports resolve).
    writeFileSync(join(dirname(dirname(a)), "package.json"), '{ "type": "module" }\n');
    const third = await bundledEntry(a, { cacheDir });
    expect(third).not.toBe(second);
    // A bundle whose folder is gone is built again.
    rmSync(dirname(third), { recursive: true });
    const fourth = await bundledEntry(a, { cacheDir });
    expect(existsSync(fourth)).toBe(true);
    expect((await load(fourth)).answer).toBe(2);
  });

  it("throws esbuild's message, naming the file, for a source that does not compile", async () => {
    const { a, b, cacheDir } = sources();
    writeFileSync(b, "export const value: number = ;\n");
    await expect(bundledEntry(a, { cacheDir })).rejects.toThrow(/b\.ts/);
  });
});

// Each invocation starts Node and worker threads: seconds apiece, more on a loaded machine.
describe("arena from bundles", { timeout: 300_000 }, () => {
  it("gives the records that tsx compiling the sources on load gives (ARENA_TSX=1)", () => {
    const bundled = tmp("arena-cli-");
    const compiled = tmp("arena-cli-");
    arenaWith({}, ["run", suite, "--workers", "2", "--out", bundled]);
    arenaWith({ ARENA_TSX: "1" }, ["run", suite, "--workers", "2", "--out", compiled]);
    const fromBundles = records(bundled);
    expect(fromBundles.length).toBeGreaterThan(0);
    expect(fromBundles.every((r) => r.status === "ok")).toBe(true);
    expect(comparable(fromBundles)).toEqual(comparable(records(compiled)));
  });
});
