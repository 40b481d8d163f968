import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";

/**
 * The suite files of the CLI fuzz tests (`cli-fuzz-*.test.ts`): mutations of a valid suite, generated
 * from a fixed seed so a failure reproduces (bad budgets, wrong types of every top-level field, unknown
 * keys, deep nesting, bad names, references, targets and models), raw bytes (BOMs, encodings, empty and
 * non-JSON text) and random bytes. Every one must be refused.
 */

/** A valid suite, the one the generated cases mutate. */
export const fixture = fileURLToPath(new URL("./fixtures/tiny-suite.json", import.meta.url));
/** The seed of every generated case (the number). */
const SEED = 14;

type Json = unknown;
// biome-ignore lint/suspicious/noExplicitAny: a suite document that the generators mutate freely
type Doc = Record<string, any>;
/** A mutation of the valid suite: the document, or raw bytes for the file. */
export interface SuiteCase {
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

export const suiteCases = (): SuiteCase[] => {
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
