import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isTrimSpace } from "../src/csv-fields.ts";
import { fastNumber } from "../src/csv-number.ts";
import { expectSameBytes, expectSameSeries, expectSameTable } from "./csv-compare.ts";

/**
 * Property tests of the streaming CSV readers against the whole-text readers (test/csv-reference.ts):
 * random CSV-ish text, mutations of a valid file and random bytes give the same table or the same
 * CsvError at random piece sizes; the number fast path equals `Number`; the trimmed white space is
 * `String.prototype.trim`'s.
 */
const ALPHABET = [",", '"', "\n", "\r", " ", "0", "1", "9", ".", "-", "e", "+", "a", "x", "\uFEFF", "\t"];
const MORE = [...ALPHABET, "\u00a0", "\u00e9", "\u2028", ";", "E", "N"];
const VALID = 'a,b,c,label\n1.5,2,-3e2,cat\n4,5.25,6,"dog"\r\n7,8,9,cat\n';
const chunks = fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 3 });

describe("streaming CSV = whole-text CSV, on random input", () => {
  it("random text from CSV-ish characters: tables of both tasks and series", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...MORE), { maxLength: 80 }), chunks, (cs, sizes) => {
        const text = cs.join("");
        expectSameTable(text, { task: "classification" }, sizes);
        expectSameTable(text, { task: "regression", label: "first" }, sizes);
        expectSameSeries(text, { column: "first" }, sizes);
      }),
      { numRuns: 400 },
    );
  });

  it("random mutations of a valid file", () => {
    const mutation = fc.record({
      at: fc.nat(),
      cut: fc.integer({ min: 0, max: 3 }),
      ch: fc.constantFrom(...MORE, ""),
    });
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), chunks, (ms, sizes) => {
        let s = VALID;
        for (const m of ms) {
          const at = m.at % (s.length + 1);
          s = s.slice(0, at) + m.ch + s.slice(at + m.cut);
        }
        expectSameTable(s, { task: "classification", label: "label" }, sizes);
        expectSameTable(s, { task: "regression", label: 0, ignore: ["label"] }, sizes);
      }),
      { numRuns: 600 },
    );
  });

  it("random bytes, valid UTF-8 or not", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 120 }),
      fc
        .array(fc.constantFrom(...MORE), { maxLength: 60 })
        .map((cs) => new TextEncoder().encode(`a,y\n${cs.join("")}`)),
    );
    fc.assert(
      fc.property(bytes, chunks, (b, sizes) => {
        expectSameBytes(b, { task: "classification" }, sizes);
      }),
      { numRuns: 400 },
    );
  });
});

describe("the number fast path", () => {
  const digits = fc.array(fc.constantFrom(..."0123456789"), { maxLength: 20 }).map((d) => d.join(""));
  const numberText = fc
    .tuple(
      fc.constantFrom("", "+", "-"),
      digits,
      fc.constantFrom("", "."),
      digits,
      fc.constantFrom("", "e", "E"),
      fc.constantFrom("", "+", "-"),
      fc.array(fc.constantFrom(..."0123456789"), { maxLength: 3 }).map((d) => d.join("")),
    )
    .map((parts) => parts.join(""));

  it("equals Number bit for bit when it answers, and answers the common cells", () => {
    const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
    fc.assert(
      fc.property(numberText, fc.constantFrom("", ",", "-", "e"), (s, after) => {
        const v = fastNumber(s + after, 0, s.length);
        if (!Number.isNaN(v)) {
          expect(NUMBER.test(s), s).toBe(true);
          expect(Object.is(v, Number(s)), s).toBe(true);
        }
      }),
      { numRuns: 5000 },
    );
    for (const s of ["0", "-0", "1.5", "-3e2", "0.000123", "123456789012345", "1e22", "7.", ".5"]) {
      expect(Object.is(fastNumber(s, 0, s.length), Number(s)), s).toBe(true);
    }
  });

  it("leaves the rare and the invalid to Number and the cell checks", () => {
    for (const s of ["1e23", "1234567890123456", "", ".", "e5", "1e", "--1", "1x", "NaN", "0x10", "1 2"]) {
      expect(fastNumber(s, 0, s.length), s).toBeNaN();
    }
  });
});

describe("trimmed white space", () => {
  it("is exactly what String.prototype.trim removes, for every UTF-16 code unit", () => {
    const differ: number[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (isTrimSpace(c) !== (String.fromCharCode(c).trim() === "")) differ.push(c);
    }
    expect(differ).toEqual([]);
  });
});
