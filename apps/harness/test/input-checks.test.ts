import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cac } from "cac";
import { describe, expect, it } from "vitest";
import { integerOption, parseCommandLine } from "../src/cli-args.ts";
import {
  checkInputFile,
  checkOutputDir,
  RESULTS_MAX_BYTES,
  readInputText,
  SUITE_FILE,
  SUITE_MAX_BYTES,
} from "../src/input-files.ts";
import { planSuite } from "../src/run-plan.ts";
import { filterRuns, globContains, parseShard } from "../src/run-selection.ts";
import { BUDGET_LIMITS, checkNesting, parseSuite, UsageError } from "../src/suite.ts";

const tmp = () => mkdtempSync(join(tmpdir(), "arena-input-"));

const valid = {
  name: "s",
  seed: 1,
  repetitions: 1,
  budget: { flops: 1e6 },
  learners: [{ id: "pso", kind: "pso" }],
  problems: [{ name: "xor" }],
  baselines: false,
};

describe("input files", () => {
  it("reads a suite with a UTF-8 byte order mark, and names a UTF-16 file", () => {
    const dir = tmp();
    writeFileSync(join(dir, "bom.json"), `\uFEFF${JSON.stringify(valid)}`);
    expect(JSON.parse(readInputText(join(dir, "bom.json"), SUITE_FILE, true))).toEqual(valid);
    writeFileSync(
      join(dir, "u16.json"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("{}", "utf16le")]),
    );
    expect(() => readInputText(join(dir, "u16.json"), SUITE_FILE, true)).toThrow(
      /is not UTF-8 text \(it looks like UTF-16; save it as UTF-8\)/,
    );
  });

  it("refuses special files, folders and files over the limit without reading them", () => {
    const dir = tmp();
    const big = join(dir, "big.json");
    writeFileSync(big, "");
    truncateSync(big, SUITE_MAX_BYTES + 1);
    expect(() => checkInputFile(big, SUITE_FILE)).toThrow(
      /it is 64 MiB, more than the limit of 64 MiB for a suite file/,
    );
    expect(() => checkInputFile(dir, SUITE_FILE)).toThrow(/it is a directory; give a regular file/);
    expect(() => checkInputFile("/dev/zero", SUITE_FILE)).toThrow(/a character device/);
    expect(() => checkInputFile("/proc/self/status", SUITE_FILE)).toThrow(/under \/proc/);
    expect(() => checkInputFile(join(dir, "none.json"), SUITE_FILE)).toThrow(
      /no such file or folder \(ENOENT\)/,
    );
    expect(() => checkInputFile("", SUITE_FILE)).toThrow(/suite file is empty/);
    expect(RESULTS_MAX_BYTES).toBeLessThan(2 ** 29 - 24);
  });

  it("checks an output folder without creating it", () => {
    const dir = tmp();
    expect(checkOutputDir(join(dir, "a", "b"), "--out")).toBe(join(dir, "a", "b"));
    writeFileSync(join(dir, "file"), "x");
    expect(() => checkOutputDir(join(dir, "file"), "--out")).toThrow(/it is a regular file, not a folder/);
    expect(() => checkOutputDir(join(dir, "file", "sub"), "--out")).toThrow(
      /file" is a regular file, not a folder/,
    );
    mkdirSync(join(dir, "r", "results.jsonl"), { recursive: true });
    expect(() => checkOutputDir(join(dir, "r"), "--out")).toThrow(/its results.jsonl is a directory/);
    expect(() => checkOutputDir(join(dir, "missing"), "report DIR", { mustExist: true })).toThrow(
      /no such folder/,
    );
    for (const bad of ["/dev/null", "/sys/x", "/proc/1/x", "/dev"]) {
      expect(() => checkOutputDir(bad, "--out")).toThrow(/a folder of special files/);
    }
    expect(() => checkOutputDir("x".repeat(5000), "--out")).toThrow(/paths are limited to 4096 bytes/);
    expect(() => checkOutputDir(join(dir, "n".repeat(256)), "--out")).toThrow(
      /names are limited to 255 bytes/,
    );
  });
});

describe("suite limits", () => {
  it("accepts each budget up to its limit and refuses it beyond, or when not a finite positive number", () => {
    for (const [key, max] of Object.entries(BUDGET_LIMITS)) {
      expect(parseSuite({ ...valid, budget: { [key]: max } }).budget).toEqual({ [key]: max });
      expect(() => parseSuite({ ...valid, budget: { [key]: max * 1.5 } })).toThrow(
        new RegExp(`budget\\.${key}: .*\\(got ${max * 1.5}\\)`),
      );
      for (const bad of [0, -1, "1e9", null, Number.NaN, Number.POSITIVE_INFINITY]) {
        expect(() => parseSuite({ ...valid, budget: { [key]: bad } })).toThrow(UsageError);
      }
    }
    expect(() => parseSuite({ ...valid, budget: {} })).toThrow(/a budget needs at least one/);
  });

  it("gives a one-line message for nesting of any depth, and stops on a cycle", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const e = (() => {
      try {
        parseSuite({ ...valid, learners: [{ id: "pso", kind: "pso", config: { x: deep } }] }, "my.json");
      } catch (err) {
        return err as Error;
      }
    })();
    expect(e).toBeInstanceOf(UsageError);
    expect(e?.message).toMatch(
      /^my\.json is not a valid suite: learners\[0\]\.config\.x.*: nested more than 32 levels deep$/,
    );
    const cyclic: Record<string, unknown> = { ...valid };
    cyclic.self = cyclic;
    expect(() => checkNesting(cyclic, "c")).toThrow(
      /^c is not a valid suite: self: the value contains itself$/,
    );
  });

  it("refuses a plan of more than 100 000 runs before making it all", () => {
    const many = {
      ...valid,
      repetitions: 1000,
      learners: Array.from({ length: 101 }, (_, i) => ({ id: `l${i}`, kind: "pso" })),
    };
    expect(() => parseSuite(many)).toThrow(/learners: .*100/);
    const s = parseSuite({
      ...many,
      learners: many.learners.slice(0, 100),
      problems: [{ name: "xor" }, { name: "moons" }],
    });
    expect(() => planSuite(s)).toThrow(/more than 100000 runs/);
  });
});

describe("--filter and --shard", () => {
  it("matches globs by scanning, never by a regular expression built from the pattern", () => {
    expect(globContains("xor*adam/1", "s/xor/mlp-2-2-1/adam/1")).toBe(true);
    expect(globContains("adam/?", "s/xor/mlp/adam/1")).toBe(true);
    expect(globContains("adam/??", "s/xor/mlp/adam/1")).toBe(false);
    expect(globContains("(a+)+$[", "s/(a+)+$[/x")).toBe(true);
    expect(globContains(".*", "s/xor")).toBe(false);
    expect(globContains("*a*a*a*a*a*a*a*a*a*a*a*a*a*b", "a".repeat(500))).toBe(false);
    const runs = planSuite(parseSuite(valid));
    expect(() => filterRuns(runs, "nothing")).toThrow(
      /--filter "nothing" selects none of the 1 planned runs/,
    );
    expect(() => filterRuns(runs, "a".repeat(1001))).toThrow(/at most 1000/);
    expect(() => filterRuns(runs, "")).toThrow(/--filter is empty/);
    expect(() => parseShard(" 1/2")).toThrow(/i\/n/);
    expect(() => parseShard("1e1/20")).toThrow(/i\/n/);
    expect(parseShard("2/3")).toEqual({ index: 2, count: 3 });
  });
});

describe("the command line's raw values", () => {
  const cli = cac("arena");
  cli.command("run [suite]").option("--out <dir>", "").option("--workers <n>", "").option("--dry-run", "");
  cli.command("merge <...files>").option("--out <dir>", "");
  cli.help();
  const parse = (...argv: string[]) => parseCommandLine(cli, argv);

  it("keeps every value as the exact string given", () => {
    expect(parse("run", "s.json", "--out", "0", "--workers=0x2").flags).toMatchObject({
      out: "0",
      workers: "0x2",
    });
    expect(parse("run", "--dry-run", "12").args).toEqual(["12"]);
    expect(parse("merge", "a", "b", "--", "--c").args).toEqual(["a", "b", "--c"]);
  });

  it("refuses empty values, repeats, unknown options, missing values and values on switches", () => {
    expect(() => parse("run", "s", "--out", "")).toThrow(/--out is empty/);
    expect(() => parse("run", "s", "--out=")).toThrow(/--out is empty/);
    expect(() => parse("run", "s", "--out", "a", "--out", "b")).toThrow(/given more than once/);
    expect(() => parse("run", "s", "--outt", "a")).toThrow(/unknown option "--outt"/);
    expect(() => parse("run", "s", "--out.x", "a")).toThrow(/unknown option "--out.x"/);
    expect(() => parse("run", "s", "--out")).toThrow(/--out needs a value/);
    expect(() => parse("run", "s", "--out", "-x")).toThrow(/write --out=VALUE/);
    expect(() => parse("run", "s", "--dry-run=no")).toThrow(/is a switch and takes no value/);
    expect(() => parse("run", "a", "b")).toThrow(/unexpected argument "b"/);
    expect(() => parse("merge")).toThrow(/merge: missing files/);
    expect(() => parse("nope")).toThrow(/unknown command "nope"/);
  });

  it("reads integers as decimal digits only", () => {
    expect(integerOption({ workers: "12" }, "workers", 1, 256)).toBe(12);
    for (const bad of ["0x2", "1e1", " 2", "2 ", "+2", "2.0", "0", "257", "", "٢"]) {
      expect(() => integerOption({ workers: bad }, "workers", 1, 256)).toThrow(
        /--workers must be a whole number/,
      );
    }
  });
});
