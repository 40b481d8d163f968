import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CsvError, parseCsv, parseCsvBytes } from "../src/index.ts";

const VALID = "a,b,c,label\n1.5,2,-3e2,cat\n4,5.25,6,dog\n7,8,9,cat\n";
const ALPHABET = [
  ",",
  '"',
  "\n",
  "\r",
  " ",
  "0",
  "1",
  "9",
  ".",
  "-",
  "e",
  "E",
  "+",
  "a",
  "x",
  "N",
  "\uFEFF",
  "\t",
  ";",
];

/** A successful parse must be a complete, consistent table. */
function checkTable(t: ReturnType<typeof parseCsv>): void {
  expect(t.features.length).toBe(t.n * t.d);
  expect(t.targets.length).toBe(t.n);
  expect(t.n).toBeGreaterThan(0);
  for (const v of t.features) expect(Number.isFinite(v)).toBe(true);
  if (t.task === "classification") {
    expect(t.classes?.length).toBeGreaterThanOrEqual(2);
    for (const c of t.labels ?? []) expect(c >= 0 && c < (t.classes?.length ?? 0)).toBe(true);
  }
}

/** Every failure must be a CsvError that names the file; any other exception fails the property. */
function parseOrCsvError(run: () => ReturnType<typeof parseCsv>): void {
  try {
    checkTable(run());
  } catch (e) {
    if (!(e instanceof CsvError)) throw e;
    expect(e.file).toBe("fuzz.csv");
    expect(e.message.startsWith("fuzz.csv")).toBe(true);
    expect(e.reason.length).toBeGreaterThan(0);
  }
}

const mutation = fc.oneof(
  fc.record({ kind: fc.constant("insert" as const), at: fc.nat(), ch: fc.constantFrom(...ALPHABET) }),
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), len: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant("replace" as const), at: fc.nat(), ch: fc.constantFrom(...ALPHABET) }),
);

interface Mutation {
  readonly kind: "insert" | "delete" | "replace";
  readonly at: number;
  readonly ch?: string;
  readonly len?: number;
}

function mutate(text: string, ms: readonly Mutation[]): string {
  let s = text;
  for (const m of ms) {
    const at = s.length === 0 ? 0 : m.at % (s.length + 1);
    if (m.kind === "insert") s = s.slice(0, at) + m.ch + s.slice(at);
    else if (m.kind === "delete") s = s.slice(0, at) + s.slice(at + (m.len ?? 1));
    else s = s.slice(0, at) + m.ch + s.slice(at + 1);
  }
  return s;
}

describe("CSV fuzzing: failures are always CsvErrors", () => {
  it("random bytes", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom("classification", "regression"),
        (bytes, task) => {
          parseOrCsvError(() =>
            parseCsvBytes(bytes, { task: task as "classification" | "regression" }, "fuzz.csv"),
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it("random text from CSV-ish characters", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET), { maxLength: 120 }), (chars) => {
        parseOrCsvError(() => parseCsv(chars.join(""), { task: "classification" }, "fuzz.csv"));
        parseOrCsvError(() => parseCsv(chars.join(""), { task: "regression", label: "first" }, "fuzz.csv"));
      }),
      { numRuns: 500 },
    );
  });

  it("random mutations of a valid file", () => {
    expect(parseCsv(VALID, { task: "classification" }, "fuzz.csv").n).toBe(3);
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (ms) => {
        const text = mutate(VALID, ms);
        parseOrCsvError(() => parseCsv(text, { task: "classification", label: "label" }, "fuzz.csv"));
        parseOrCsvError(() =>
          parseCsvBytes(new TextEncoder().encode(text), { task: "classification" }, "fuzz.csv"),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it("a mutation that breaks a number is reported at that number's line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 2 }), (row, col) => {
        const lines = VALID.split("\n");
        const cells = lines[row].split(",");
        cells[col] = `${cells[col]}x`;
        lines[row] = cells.join(",");
        try {
          parseCsv(lines.join("\n"), { task: "classification" }, "fuzz.csv");
          return false;
        } catch (e) {
          return (
            e instanceof CsvError && e.line === row + 1 && e.column === col + 1 && e.value === cells[col]
          );
        }
      }),
    );
  });
});
