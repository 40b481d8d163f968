import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseResultsFile } from "@arena/results";
import { describe, expect, it } from "vitest";
import { bin, arena as runArena, tmp as tmpDir } from "./arena-cli.ts";

const suite = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));
const rootPackage = fileURLToPath(new URL("../../../package.json", import.meta.url));
const tmp = () => tmpDir("arena-conv-");

/** Each invocation within two minutes, so a hang fails the test instead of stalling it. */
const arena = (args: string[]) => runArena(args, 120_000);

/** Waits until `test()` holds, polling; fails after `ms`. */
async function until(test: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!test()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((r) => child.once("exit", (code, signal) => r({ code, signal })));
}

describe("arena command-line conventions", { timeout: 300_000 }, () => {
  it("--version prints the root package.json version (and the commit in a git checkout)", () => {
    const version = (JSON.parse(readFileSync(rootPackage, "utf8")) as { version: string }).version;
    const r = arena(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^arena ${version.replace(/\./g, "\\.")}( \\(commit [0-9a-f]{4,40}\\))? node v`),
    );
  });

  it("--help shows examples, exit codes and the environment variables; run --help its examples", () => {
    const root = arena(["--help"]);
    expect(root.code).toBe(0);
    for (const s of [
      "Examples:",
      "Exit codes:",
      "130",
      "ARENA_KERNELS=ts|wasm",
      "CI",
      "ARENA_CHROMIUM",
      "ARENA_REQUIRE_BROWSER",
      "dashboard [dir]",
      "check <...suites>",
    ])
      expect(root.stdout).toContain(s);
    const run = arena(["run", "--help"]);
    expect(run.code).toBe(0);
    for (const s of ["--dry-run", "--json", "Examples:", "--filter '*/adam/*' --dry-run", "ARENA_KERNELS"])
      expect(run.stdout).toContain(s);
  });

  it("run --dry-run lists the selected run ids after filter and shard, and writes nothing", () => {
    const out = join(tmp(), "never");
    const all = arena(["run", suite, "--dry-run", "--out", out]);
    expect(all.code).toBe(0);
    expect(all.stdout.trim().split("\n")).toHaveLength(30);
    expect(all.stderr).toMatch(/30 runs planned \(dry run: nothing run or written\)/);
    const some = arena([
      "run",
      suite,
      "--dry-run",
      "--json",
      "--filter",
      "*/xor/*/adam/?",
      "--shard",
      "2/2",
      "--out",
      out,
    ]);
    expect(some.code).toBe(0);
    expect(JSON.parse(some.stdout)).toEqual([
      {
        runId: "tiny/xor/mlp-2-2-1/adam/1",
        problem: "xor",
        model: "mlp-2-2-1",
        learner: "adam",
        repetition: 1,
        seedPath: "11/xor/mlp-2-2-1/adam/1",
      },
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it("list --json gives every problem with its options, the learner kinds and the optimizers", () => {
    const r = arena(["list", "--json"]);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout) as {
      problems: { name: string; task: string; options: { key: string; type: string; default?: unknown }[] }[];
      learners: { kind: string; options: { key: string; default?: unknown }[] }[];
      optimizers: string[];
      populationOptimizers: { name: string; package: string }[];
    };
    expect(list.populationOptimizers.map((o) => o.name)).toEqual(
      expect.arrayContaining([
        "CMAES",
        "DifferentialEvolution",
        "Shade",
        "OpenAIES",
        "SNES",
        "ParticleSwarm",
      ]),
    );
    const moons = list.problems.find((p) => p.name === "moons")!;
    expect(moons.task).toBe("classification");
    expect(moons.options.find((o) => o.key === "noise")).toMatchObject({ type: "number", default: 0.1 });
    expect(list.problems.every((p) => Array.isArray(p.options))).toBe(true);
    expect(list.learners.map((l) => l.kind)).toEqual(
      expect.arrayContaining([
        "backprop",
        "ga",
        "pso",
        "random-search",
        "cmaes",
        "snes",
        "openai-es",
        "shade",
        "memetic",
        "two-stage",
      ]),
    );
    // Every learner lists its config keys, with defaults where they are plain values.
    const options = (kind: string) => list.learners.find((l) => l.kind === kind)!.options;
    expect(options("cmaes").map((o) => o.key)).toEqual(expect.arrayContaining(["population", "cmaes"]));
    expect(options("two-stage").find((o) => o.key === "share")).toMatchObject({ default: 0.5 });
    expect(options("backprop").map((o) => o.key)).toContain("gradient");
    expect(list.optimizers).toContain("adam");
  });

  it("SIGINT during a run exits 130 with every finished record intact", async () => {
    const out = tmp();
    const child = spawn(process.execPath, [bin, "run", suite, "--workers", "1", "--out", out], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr?.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    const done = exited(child);
    // The first record line: progress prints "[1/N] …" once it is appended and fsynced.
    await until(() => /\[1\/\d+\] /.test(stderr), 120_000, "the first finished run");
    child.kill("SIGINT");
    const { code } = await done;
    expect(code).toBe(130);
    expect(stderr).toMatch(/interrupted: finishing no more runs/);
    const file = parseResultsFile(readFileSync(join(out, "results.jsonl"), "utf8"));
    expect(file.skipped).toEqual([]);
    expect(file.tornTail).toBe(false);
    expect(file.records.length).toBeGreaterThanOrEqual(1);
    expect(file.records.length).toBeLessThan(30);
    // An interrupted invocation writes no report.
    expect(existsSync(join(out, "report.md"))).toBe(false);
  });

  it("dashboard DIR builds the dashboard for DIR's results and serves it on 127.0.0.1 until stopped", async () => {
    const dir = tmp();
    // A results file with one record, from a one-run dry slice of the tiny suite.
    const run = arena(["run", suite, "--filter", "tiny/xor/baseline/majority/0", "--out", dir]);
    expect(run.code).toBe(0);
    const child = spawn(process.execPath, [bin, "dashboard", dir, "--port", "0"], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    child.stdout?.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    const done = exited(child);
    await until(() => /http:\/\/127\.0\.0\.1:\d+\//.test(stdout), 180_000, "the dashboard's URL");
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(stdout)![0];
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/<html/i);
    const data = await (await fetch(`${url}data.js`)).text();
    expect(data).toContain("tiny/xor/baseline/majority/0");
    expect(readdirSync(join(dir, "dashboard"))).toEqual(expect.arrayContaining(["index.html", "data.js"]));
    child.kill("SIGINT");
    expect((await done).code).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });

  it("report.md shows names from a results file as text, never as HTML or Markdown", () => {
    const dir = tmp();
    const run = arena(["run", suite, "--filter", "tiny/xor/baseline/*", "--out", dir]);
    expect(run.code).toBe(0);
    // Suite ids are restricted, but a results file from elsewhere may hold any name.
    const evil = "quick<img src=x onerror=alert(1)>|*";
    const path = join(dir, "results.jsonl");
    const lines = readFileSync(path, "utf8").trim().split("\n");
    const edited = lines.map((l) => {
      const r = JSON.parse(l) as { suite: string; problem: { name: string } };
      return JSON.stringify({ ...r, suite: evil, problem: { ...r.problem, name: `${evil}p` } });
    });
    writeFileSync(path, `${edited.join("\n")}\n`);
    const report = arena(["report", dir]);
    expect(report.code).toBe(0);
    const md = readFileSync(join(dir, "report.md"), "utf8");
    expect(md).not.toContain("<img");
    expect(md).toContain("# Arena report: quick&lt;img src=x onerror=alert(1)&gt;&#124;\\*");
    expect(md).toContain("## quick&lt;img src=x onerror=alert(1)&gt;&#124;\\*p");
  });
});
