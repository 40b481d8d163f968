import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  arena,
  createFuzzWorkspace,
  type FuzzWorkspace,
  inPool,
  snapshot,
  usageErrorProblem,
} from "./cli-fuzz-setup.ts";
import { fixture } from "./cli-fuzz-suite-cases.ts";

/*
 * Suite files through `arena check FILE...` (one process per batch, the same reading and validation as
 * `arena run`): every generated and special suite file is refused with one line naming it, and a
 * suite with a UTF-8 byte order mark is accepted. (Flags and the other commands: cli-fuzz-commands.)
 */
describe("arena check refuses bad suite files: exit 2, one line each, no stack, no hang, nothing written", {
  timeout: 900_000,
}, () => {
  let ws: FuzzWorkspace;

  beforeAll(() => {
    ws = createFuzzWorkspace();
  }, 300_000);

  afterAll(() => {
    if (ws) rmSync(ws.T, { recursive: true, force: true });
  });

  it("arena check: every generated and special suite file, one line each", async () => {
    const { keep, files, specials, before } = ws;
    const all = [...files, ...specials];
    expect(all.length).toBeGreaterThanOrEqual(150);
    // Three batches, so that one hang cannot hide the others.
    const third = Math.ceil(all.length / 3);
    const batches = [0, 1, 2].map((b) => all.slice(b * third, (b + 1) * third));
    const outcomes = await inPool(
      batches.map((batch) => () => arena(["check", ...batch.map((f) => f.path)])),
    );
    const failures: string[] = [];
    batches.forEach((batch, b) => {
      const r = outcomes[b];
      const problem = usageErrorProblem(r, batch.length);
      if (problem) failures.push(`batch ${b}: ${problem}`);
      if (r.stdout !== "") failures.push(`batch ${b}: accepted: ${r.stdout.slice(0, 300)}`);
      // One line per file, naming it.
      const lines = r.stderr.split("\n").filter((l) => l !== "");
      batch.forEach((f, i) => {
        const line = lines[i] ?? "";
        const name = f.path.length > 100 ? f.path.slice(-30) : f.path;
        if (!line.includes(name.slice(-40)))
          failures.push(`${f.label} (${f.path.slice(-40)}): line ${i} is "${line.slice(0, 200)}"`);
      });
    });
    expect(snapshot(keep)).toBe(before);
    expect(failures).toEqual([]);
  });

  it("arena check accepts a suite that starts with a UTF-8 byte order mark", async () => {
    const { T } = ws;
    const bom = join(T, "bom.json");
    writeFileSync(bom, `\uFEFF${readFileSync(fixture, "utf8")}`);
    const r = await arena(["check", bom]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok ".*bom\.json": 30 runs$/m);
  });
});
