/** Benchmark entry points answer bad command lines with the message and the options, never a stack trace. */
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";

const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
const entry = (path: string) => fileURLToPath(new URL(`../src/${path}`, import.meta.url));

function run(path: string, args: string[]) {
  const r = spawnSync(process.execPath, ["--import", tsx, entry(path), ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("benchmark command lines", () => {
  it.each([
    ["kernels.ts", ["--bogus"], "Unknown option '--bogus'"],
    ["kernels.ts", ["--size", "12,x"], '--size must list positive integers, got "12,x"'],
    ["kernels.ts", ["--clock", "sundial"], '--clock must be wall or cpu, got "sundial"'],
    [
      "optimizers/run-optimizers.ts",
      ["--dim", "0"],
      '--dim must be positive integers separated by commas, got "0"',
    ],
    ["peers/run-peers.ts", ["--budget", "lots"], '--budget must be an integer >= 1, got "lots"'],
  ])("%s %j exits 2 with the error and the options", (path, args, message) => {
    const r = run(path, args);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`error: ${message}`);
    expect(r.stderr).toContain("options: --");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack frames
  });

  it("--help prints the options and exits 0", () => {
    const r = run("kernels.ts", ["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--clock wall|cpu");
  });
});
