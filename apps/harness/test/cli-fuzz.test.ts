import { spawn, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Bad invocations of the real `arena` command, generated from a fixed seed so a failure reproduces: each
 * must end with exit code 2 and one line `arena: <message>` on stderr (no stack trace), within a time
 * limit (no hang: FIFOs, /dev/zero, /proc), and leave a results folder already on disk byte for byte as
 * it was. Suite files are checked in batches through `arena check FILE...` (one process, the same
 * reading and validation as `arena run`); flags, special files and a sample of the suites go through
 * single invocations of `arena run`, `report`, `merge`, `dashboard`, `bench` and `list`.
 */

const bin = fileURLToPath(new URL("../bin/arena.mjs", import.meta.url));
const fixture = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));
/** The seed of every generated case (the number). */
const SEED = 14;
/** A bad invocation that has not ended after this long counts as a hang. */
const HANG_MS = 90_000;

interface Outcome {
  code: number | null;
  stdout: string;
  stderr: string;
  hung: boolean;
  ms: number;
}

/** Runs `arena args`, killing it (a hang) after HANG_MS. */
function arena(args: string[]): Promise<Outcome> {
  return new Promise((resolvePromise) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CI: "true" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      if (stdout.length < 1e6) stdout += d;
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => {
      if (stderr.length < 1e6) stderr += d;
    });
    let hung = false;
    const timer = setTimeout(() => {
      hung = true;
      child.kill("SIGKILL");
    }, HANG_MS);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr, hung, ms: Date.now() - t0 });
    });
  });
}

/** Each file's path and content hash under `dir`, sorted: equal snapshots mean byte-for-byte equal folders. */
function snapshot(dir: string): string {
  const out: string[] = [];
  const walk = (d: string, rel: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      const st = lstatSync(p);
      if (st.isDirectory()) {
        out.push(`${rel}${name}/`);
        walk(p, `${rel}${name}/`);
      } else out.push(`${rel}${name} ${createHash("sha256").update(readFileSync(p)).digest("hex")}`);
    }
  };
  walk(dir, "");
  return out.join("\n");
}

/** What is wrong with an outcome that should be a usage error with `lines` message lines; "" if nothing. */
function usageErrorProblem(r: Outcome, lines = 1): string {
  if (r.hung) return `hung (killed after ${HANG_MS / 1000} s)`;
  if (/\n\s+at /.test(r.stderr)) return `stack trace on stderr: ${r.stderr.slice(0, 400)}`;
  if (r.code !== 2) return `exit code ${r.code}, stderr: ${r.stderr.slice(0, 400)}`;
  const got = r.stderr.split("\n").filter((l) => l !== "");
  if (got.length !== lines)
    return `${got.length} lines on stderr, expected ${lines}: ${r.stderr.slice(0, 400)}`;
  const bad = got.find((l) => !/^arena: \S/.test(l));
  if (bad !== undefined) return `a stderr line is not "arena: <message>": ${bad.slice(0, 200)}`;
  return "";
}

/** Runs tasks two at a time (the CI machine has two cores). */
async function inPool<T>(tasks: (() => Promise<T>)[], width = 2): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]();
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return results;
}

// ---------------------------------------------------------------------------------------------------
// Generated suite files

type Json = unknown;
// biome-ignore lint/suspicious/noExplicitAny: a suite document that the generators mutate freely
type Doc = Record<string, any>;
/** A mutation of the valid suite: the document, or raw bytes for the file. */
interface SuiteCase {
  label: string;
  /** Returns the file's content. */
  content: () => string | Buffer;
}

const BASE = JSON.parse(readFileSync(fixture, "utf8")) as Record<string, Json>;
const base = () => structuredClone(BASE) as Doc;
const doc = (label: string, f: (s: Doc) => void): SuiteCase => ({
  label,
  content: () => {
    const s = base();
    f(s);
    return JSON.stringify(s);
  },
});

/** JSON text nested `depth` levels deep (built as text: the value itself would overflow a stringify). */
const nestedText = (depth: number, kind: "array" | "object") =>
  kind === "array"
    ? `${"[".repeat(depth)}${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;

const BUDGET_KEYS = ["flops", "evaluations", "epochs", "wallMs"] as const;
/** Budget values no suite may hold: beyond every limit, not positive, not a number. */
const badBudgetValue = fc.oneof(
  fc.constant(1e300),
  fc.double({ min: 1e16, max: 1e308, noNaN: true }),
  fc.double({ max: 0, noNaN: true }),
  fc.constantFrom("1e9", "NaN", "Infinity", "", null, true, [], {}),
);

const badTopLevel: fc.Arbitrary<[string, Json]> = fc.oneof(
  fc.tuple(
    fc.constant("name"),
    fc.oneof(
      fc.constantFrom("", "a b", "quick<img src=x>", "n".repeat(201), null, 7, [], {}),
      fc.string({ minLength: 1, maxLength: 8 }).filter((x) => !/^[A-Za-z0-9._-]+$/.test(x)),
    ),
  ),
  fc.tuple(fc.constant("seed"), fc.constantFrom("", 1.5, null, [], {}, true, 2 ** 60, "s".repeat(201))),
  fc.tuple(
    fc.constant("repetitions"),
    fc.oneof(fc.integer({ max: 0 }), fc.integer({ min: 1001 }), fc.constantFrom(1.5, "3", null, 1e300)),
  ),
  fc.tuple(
    fc.constant("checkpoints"),
    fc.oneof(
      fc.integer({ max: 1 }).map((count) => ({ count })),
      fc.integer({ min: 1001 }).map((count) => ({ count })),
      fc
        .oneof(fc.double({ max: 0, noNaN: true }), fc.double({ min: 1, max: 1e9, noNaN: true }))
        .map((first) => ({ first })),
      fc.constantFrom("x", { extra: 1 }, null),
    ),
  ),
  fc.tuple(
    fc.constant("divergence"),
    fc.oneof(
      fc.double({ max: 1, noNaN: true }).map((factor) => ({ factor })),
      fc.constantFrom({ factor: "2" }, 3),
    ),
  ),
  fc.tuple(fc.constant("baselines"), fc.constantFrom("yes", 1, null, [])),
  fc.tuple(
    fc.constant("learners"),
    fc.constantFrom(
      [],
      {},
      "adam",
      [{}],
      [{ id: "A B", kind: "pso" }],
      [{ id: "", kind: "pso" }],
      [{ id: "pso", kind: "" }],
      [
        { id: "pso", kind: "pso" },
        { id: "pso", kind: "ga" },
      ],
      Array.from({ length: 101 }, (_, i) => ({ id: `l${i}`, kind: "pso" })),
    ),
  ),
  fc.tuple(
    fc.constant("problems"),
    fc.constantFrom(
      [],
      [{}],
      [{ name: "" }],
      [{ name: "zz-no-such-problem" }],
      [{ name: "xor" }, { name: "xor" }],
      Array.from({ length: 1001 }, () => ({ name: "xor" })),
      "xor",
    ),
  ),
  fc.tuple(fc.constant("description"), fc.constantFrom("d".repeat(10_001), 5, [])),
  fc.tuple(fc.constant("budget"), fc.constantFrom({}, { flop: 1e6 }, null, 1e6, "1e6")),
);

/** Places where an unknown key is refused (strict objects, or a registry problem's options). */
const STRICT_PLACES: ((s: Doc) => Doc)[] = [
  (s) => s,
  (s) => s.budget,
  (s) => s.checkpoints,
  (s) => s.learners[0],
  (s) => s.problems[0],
  (s) => s.problems[0].budget,
  (s) => s.problems[0].targets,
  (s) => {
    s.problems[0].options = {};
    return s.problems[0].options;
  },
];

const suiteCases = (): SuiteCase[] => {
  const sample = <T>(arb: fc.Arbitrary<T>, n: number, offset: number) =>
    fc.sample(arb, { seed: SEED + offset, numRuns: n });
  const cases: SuiteCase[] = [];
  // Budgets: every key, at the suite and at a problem, beyond the limits or not a number.
  for (const [key, value, where] of sample(
    fc.tuple(fc.constantFrom(...BUDGET_KEYS), badBudgetValue, fc.constantFrom("suite", "problem")),
    32,
    1,
  )) {
    cases.push(
      doc(`budget ${where} ${key}=${JSON.stringify(value)}`, (s) => {
        if (where === "suite") s.budget = { [key]: value };
        else s.problems[1].budget = { [key]: value };
      }),
    );
  }
  // Wrong types and values of every top-level field.
  for (const [key, value] of sample(badTopLevel, 32, 2)) {
    cases.push(
      doc(`${key}=${JSON.stringify(value)?.slice(0, 40)}`, (s) => {
        s[key] = value;
      }),
    );
  }
  // Unknown keys.
  for (const [place, key] of sample(
    fc.tuple(fc.integer({ min: 0, max: STRICT_PLACES.length - 1 }), fc.stringMatching(/^[a-z]{1,8}$/)),
    16,
    3,
  )) {
    cases.push(
      doc(`unknown key x_${key} at place ${place}`, (s) => {
        STRICT_PLACES[place](s)[`x_${key}`] = 1;
      }),
    );
  }
  // Deep nesting anywhere, up to 100 000 levels.
  const places = [
    "learners[0].config.deep",
    "problems[0].options.deep",
    "problems[0].models",
    "description",
    "root",
  ];
  for (const [depth, kind, place] of sample(
    fc.tuple(
      fc.integer({ min: 33, max: 100_000 }),
      fc.constantFrom("array", "object"),
      fc.constantFrom(...places),
    ),
    16,
    4,
  )) {
    cases.push({
      label: `nested ${depth} ${kind}s at ${place}`,
      content: () => {
        const nested = nestedText(depth, kind as "array" | "object");
        if (place === "root") return nested;
        const s = base();
        if (place === "learners[0].config.deep") s.learners[0].config.deep = "__DEEP__";
        else if (place === "problems[0].options.deep") s.problems[0].options = { deep: "__DEEP__" };
        else if (place === "problems[0].models") s.problems[0].models = "__DEEP__";
        else s.description = "__DEEP__";
        return JSON.stringify(s).replace('"__DEEP__"', nested);
      },
    });
  }
  // Names, ids, references, targets and models.
  const refs: [string, (s: Doc) => void][] = [
    ["learner id upper case", (s) => (s.learners[0].id = "Adam")],
    ["learner id 201 chars", (s) => (s.learners[0].id = "a".repeat(201))],
    ["learner kind 1e5 chars", (s) => (s.learners[0].kind = "k".repeat(100_000))],
    ["problem name empty", (s) => (s.problems[0].name = "")],
    ["problem name number", (s) => (s.problems[0].name = 5)],
    ["problem id invalid", (s) => (s.problems[0].id = "X Y")],
    ["problem learners unknown", (s) => (s.problems[0].learners = ["sgd"])],
    ["problem learners empty", (s) => (s.problems[0].learners = [])],
    ["overrides unknown learner", (s) => (s.problems[0].overrides = { sgd: {} })],
    ["targets empty", (s) => (s.problems[0].targets = { values: [] })],
    ["targets not numbers", (s) => (s.problems[0].targets = { values: ["0.5"] })],
    [
      "targets 101 values",
      (s) => (s.problems[0].targets = { values: Array.from({ length: 101 }, (_, i) => i / 101) }),
    ],
    ["targets on bogus", (s) => (s.problems[0].targets = { on: "bogus", values: [0.5] })],
    ["models empty", (s) => (s.problems[0].models = [])],
    ["model kind empty", (s) => (s.problems[0].models = [{ kind: "" }])],
    [
      "model named baseline",
      (s) => (s.problems[0].models = [{ name: "baseline", kind: "mlp", layers: [2, 2, 2] }]),
    ],
    [
      "two models one name",
      (s) =>
        (s.problems[0].models = [
          { name: "m", kind: "mlp" },
          { name: "m", kind: "gru" },
        ]),
    ],
    ["options of xor wrong", (s) => (s.problems[0].options = { samples: "many" })],
    ["options of iris unknown", (s) => (s.problems[1].options = { bogus: 1 })],
    ["__proto__ key", (s) => (s.learners[0].config = JSON.parse('{"__proto__": {"lr": 1}}'))],
    [
      "too many runs",
      (s) => {
        s.repetitions = 1000;
        s.learners = Array.from({ length: 100 }, (_, i) => ({ id: `l${i}`, kind: "pso" }));
        s.problems = [{ name: "xor" }, { name: "moons" }];
      },
    ],
    ["csv path empty", (s) => (s.problems[0] = { name: "mine", csv: { path: "", task: "classification" } })],
    [
      "csv path /dev/zero",
      (s) => (s.problems[0] = { name: "mine", csv: { path: "/dev/zero", task: "classification" } }),
    ],
    [
      "csv path a folder",
      (s) => (s.problems[0] = { name: "mine", csv: { path: "/tmp", task: "regression" } }),
    ],
    [
      "csv path missing",
      (s) => (s.problems[0] = { name: "mine", csv: { path: "no-such.csv", task: "classification" } }),
    ],
    [
      "csv forecast with label",
      (s) => (s.problems[0] = { name: "mine", csv: { path: "x.csv", task: "forecast", label: "y" } }),
    ],
  ];
  for (const [label, f] of refs) cases.push(doc(label, f));
  // Raw bytes: BOMs, encodings, empty and non-JSON text, random bytes.
  const valid = readFileSync(fixture, "utf8");
  const invalidSuite = JSON.stringify({ ...BASE, repetitions: 0 });
  const raw: [string, string | Buffer][] = [
    ["empty file", ""],
    ["spaces", "   \n"],
    ["null", "null"],
    ["an array", "[]"],
    ["a string", '"suite"'],
    ["a number", "1e400"],
    ["truncated JSON", valid.slice(0, valid.length / 2)],
    ["trailing garbage", `${valid}}`],
    ["BOM + truncated JSON", `\uFEFF${valid.slice(0, 40)}`],
    ["BOM + invalid suite", `\uFEFF${invalidSuite}`],
    ["two BOMs", `\uFEFF\uFEFF${valid}`],
    ["UTF-16LE", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(valid, "utf16le")])],
    [
      "bad UTF-8",
      Buffer.concat([
        Buffer.from(valid.slice(0, 10)),
        Buffer.from([0xc3, 0x28]),
        Buffer.from(valid.slice(10)),
      ]),
    ],
    ["NUL bytes", Buffer.alloc(64)],
    ["name of a million characters", JSON.stringify({ ...BASE, name: "n".repeat(1_000_000) })],
    ["NaN literal", valid.replace('"flops": 3e6', '"flops": NaN')],
  ];
  for (const [label, content] of raw) cases.push({ label, content: () => content });
  for (const [i, bytes] of sample(fc.uint8Array({ minLength: 1, maxLength: 256 }), 10, 5).entries()) {
    cases.push({ label: `random bytes ${i}`, content: () => Buffer.from(bytes) });
  }
  return cases;
};

// ---------------------------------------------------------------------------------------------------

describe("arena refuses bad input: exit 2, one line, no stack, no hang, nothing written", {
  timeout: 900_000,
}, () => {
  const T = mkdtempSync(join(tmpdir(), "arena-fuzz-"));
  /** A results folder that must stay byte for byte as it is. */
  const keep = join(T, "keep");
  const suite = join(T, "suite.json");
  const csv = join(T, "blobs.csv");
  const fifo = join(T, "fifo");
  const files: { label: string; path: string }[] = [];
  const specials: { label: string; path: string }[] = [];
  let before = "";

  beforeAll(() => {
    mkdirSync(join(keep, "dashboard"), { recursive: true });
    writeFileSync(join(keep, "results.jsonl"), '{"keep":"me"}\nnot a record\n');
    writeFileSync(join(keep, "report.md"), "# keep\n");
    writeFileSync(join(keep, "dashboard", "index.html"), "<p>keep</p>\n");
    writeFileSync(suite, readFileSync(fixture));
    writeFileSync(
      csv,
      `x1,x2,label\n${Array.from({ length: 40 }, (_, i) => `${i % 5},${i % 3},${i % 2}`).join("\n")}\n`,
    );
    before = snapshot(keep);
    const mk = spawnSync("mkfifo", [fifo]);
    expect(mk.status, "mkfifo").toBe(0);
    for (const [i, c] of suiteCases().entries()) {
      const path = join(T, `case-${String(i).padStart(3, "0")}.json`);
      writeFileSync(path, c.content());
      files.push({ label: c.label, path });
    }
    const oversize = join(T, "oversize.json");
    writeFileSync(oversize, "");
    truncateSync(oversize, 64 * 1024 * 1024 + 1); // sparse: costs no disk
    const toZero = join(T, "to-zero.json");
    symlinkSync("/dev/zero", toZero);
    const toProc = join(T, "to-proc.json");
    symlinkSync("/proc/self/status", toProc);
    const loop = join(T, "loop.json");
    symlinkSync(loop, loop);
    specials.push(
      { label: "/dev/zero", path: "/dev/zero" },
      { label: "/dev/urandom", path: "/dev/urandom" },
      { label: "/dev/null", path: "/dev/null" },
      { label: "a FIFO with no writer", path: fifo },
      { label: "a folder", path: T },
      { label: "a file of /proc", path: "/proc/self/status" },
      { label: "a symlink to /dev/zero", path: toZero },
      { label: "a symlink into /proc", path: toProc },
      { label: "a symlink loop", path: loop },
      { label: "a missing file", path: join(T, "missing.json") },
      { label: "a 5000-character path", path: join(T, "p".repeat(5000)) },
      { label: "a 300-character name", path: join(T, `${"n".repeat(300)}.json`) },
      { label: "64 MiB + 1 byte", path: oversize },
    );
  }, 300_000);

  afterAll(() => rmSync(T, { recursive: true, force: true }));

  it("arena check: every generated and special suite file, one line each", async () => {
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
    const bom = join(T, "bom.json");
    writeFileSync(bom, `\uFEFF${readFileSync(fixture, "utf8")}`);
    const r = await arena(["check", bom]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ok ".*bom\.json": 30 runs$/m);
  });

  it("arena run, report, merge, dashboard, bench, list: bad flags, values, special files and suites", async () => {
    const long = join(T, "o".repeat(5000));
    const longName = join(T, "n".repeat(300));
    const merged = (n: number) => join(T, `merged-${n}`);
    // About fifty invocations (each costs a second or more of CPU to start): every category, not every
    // value; the values are covered in batches by the suite files above and by the unit tests.
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
