import { existsSync, rmSync } from "node:fs";
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

/*
 * Bad flags, values, special files and a sample of the generated suites through single invocations
 * of `arena run`, `report`, `merge`, `dashboard`, `bench` and `list`. (Every suite file, in batches
 * through `arena check`: cli-fuzz-check.)
 */
describe("arena refuses bad input: exit 2, one line, no stack, no hang, nothing written", {
  timeout: 900_000,
}, () => {
  let ws: FuzzWorkspace;

  beforeAll(() => {
    ws = createFuzzWorkspace();
  }, 300_000);

  afterAll(() => {
    if (ws) rmSync(ws.T, { recursive: true, force: true });
  });

  it("arena run, report, merge, dashboard, bench, list: bad flags, values, special files and suites", async () => {
    const { T, keep, suite, csv, fifo, files, specials, before } = ws;
    const long = join(T, "o".repeat(5000));
    const longName = join(T, "n".repeat(300));
    const merged = (n: number) => join(T, `merged-${n}`);
    // About fifty invocations (each costs a second or more of CPU to start): every category, not every
    // value; the values are covered in batches by the suite files (cli-fuzz-check) and by the unit tests.
    const cases: { args: string[]; mustNotExist?: string }[] = [
      // Integers: decimal digits only, within range.
      ...["0x2", "1e1", " 2", "-1"].map((w) => ({ args: ["run", suite, "--workers", w, "--out", keep] })),
      // --out: empty, a file, special folders, too long, given twice or without a value.
      { args: ["run", suite, "--out", ""] },
      { args: ["run", suite, "--out="] },
      { args: ["run", suite, "--out", suite] },
      { args: ["run", suite, "--out", "/dev/null"] },
      { args: ["run", suite, "--out", "/sys/kernel/arena"] },
      { args: ["run", suite, "--out", "/proc/arena"] },
      { args: ["run", suite, "--out", long], mustNotExist: long },
      { args: ["run", suite, "--out", longName] },
      { args: ["run", suite, "--out", keep, "--out", join(T, "other")] },
      { args: ["run", suite, "--out"] },
      // --filter and --shard.
      { args: ["run", suite, "--filter", "a".repeat(100_000), "--out", keep] },
      { args: ["run", suite, "--filter", "no-such-run", "--fresh", "--out", keep] },
      { args: ["run", suite, "--filter", "", "--out", keep] },
      ...["0/2", " 1/2"].map((s) => ({ args: ["run", suite, "--shard", s, "--out", keep] })),
      // Flags a suite file makes meaningless, unknown and malformed flags, bad commands.
      ...["label", "window"].map((f) => ({ args: ["run", suite, `--${f}`, "12", "--out", keep] })),
      { args: ["run", suite, "--bogus", "--out", keep] },
      { args: ["run", suite, "--json", "--out", keep] },
      { args: ["run", suite, "--dry-run=yes", "--out", keep] },
      { args: ["run", "--out", keep] },
      { args: ["frobnicate"] },
      // --data: a bad value, special files.
      { args: ["run", "--data", csv, "--workers", "0x2", "--out", keep] },
      { args: ["run", "--data", "/dev/zero", "--out", keep] },
      { args: ["run", "--data", fifo, "--out", keep] },
      // Suites through `arena run`: special files and one generated file of each kind.
      ...["/dev/zero", fifo, T, join(T, "oversize.json")].map((p) => ({ args: ["run", p, "--out", keep] })),
      ...[/^budget/, /^nested/, /BOM/, /^csv path/, /random bytes/]
        .map((re) => files.find((f) => re.test(f.label))!.path)
        .map((p) => ({ args: ["run", p, "--out", keep] })),
      // report, merge, dashboard, bench.
      { args: ["report", join(T, "missing")] },
      { args: ["report", "/dev"] },
      { args: ["merge", "/dev/zero", "--out", merged(1)], mustNotExist: merged(1) },
      { args: ["merge", fifo, "--out", merged(2)], mustNotExist: merged(2) },
      {
        args: ["merge", join(keep, "results.jsonl"), "/dev/urandom", "--out", merged(3)],
        mustNotExist: merged(3),
      },
      { args: ["merge", join(keep, "results.jsonl")] },
      { args: ["dashboard", "--port", "70000"] },
      { args: ["dashboard", "/proc"] },
      { args: ["bench", "--workers", "0x2", "--out", keep] },
      // The queue: no Redis is needed to refuse these (a closed port is refused after the connect timeout).
      { args: ["queue", "frob", "--redis", "redis://127.0.0.1:1"] },
      { args: ["queue", "submit", suite] },
      { args: ["queue", "submit", "--redis", "redis://127.0.0.1:1"] },
      { args: ["queue", "status", "--redis", "http://user:secret@127.0.0.1:1", "--name", "x"] },
      { args: ["queue", "collect", "--redis", "redis://127.0.0.1:1", "--name", "x"] },
      { args: ["queue", "work", "--redis", "redis://127.0.0.1:1", "--concurrency", "0"] },
      { args: ["queue", "status", "--redis", "redis://:secret@127.0.0.1:1", "--name", "x"] },
    ];
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(files.length + specials.length + cases.length).toBeGreaterThanOrEqual(200);
    const failures: string[] = [];
    await inPool(
      cases.map((c) => async () => {
        const r = await arena(c.args);
        const label = c.args.map((a) => (a.length > 60 ? `${a.slice(0, 20)}…(${a.length})` : a)).join(" ");
        const problem = usageErrorProblem(r);
        if (problem) failures.push(`${label}: ${problem}`);
        if (snapshot(keep) !== before) failures.push(`${label}: changed ${keep}`);
        if (c.mustNotExist && existsSync(c.mustNotExist))
          failures.push(`${label}: created ${c.mustNotExist}`);
      }),
    );
    expect(snapshot(keep)).toBe(before);
    expect(failures).toEqual([]);
  });
});
