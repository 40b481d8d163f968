import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvField, csvNumber, csvRow } from "../src/csv-field.ts";
import { numberOf, readCsv } from "./read-csv.ts";

describe("csvField", () => {
  it("quotes a field with a comma, a quote or a line break, doubling the quotes (RFC 4180)", () => {
    expect(csvField("plain name-1/x")).toBe("plain name-1/x");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('pso "ring"')).toBe('"pso ""ring"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField("cr\r")).toBe('"cr\r"');
  });

  it("writes NaN and infinities as NaN, Inf, -Inf, -0 as -0, missing values as empty fields", () => {
    expect([Number.NaN, Infinity, -Infinity, -0, 0].map(csvNumber)).toEqual([
      "NaN",
      "Inf",
      "-Inf",
      "-0",
      "0",
    ]);
    expect(csvRow([undefined, null, true, false, 1e-7, 1.386e21])).toBe(",,true,false,1e-7,1.386e+21");
  });

  it("reads back exactly: any row of strings and floats survives a write and a strict read", () => {
    const value = fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.constantFrom(-0, 2 ** 53 + 2));
    fc.assert(
      fc.property(fc.array(value, { minLength: 1, maxLength: 8 }), (values) => {
        const [row] = readCsv(`${csvRow(values)}\n`);
        const same = (v: string | number, i: number) =>
          typeof v === "string" ? row[i] === v : Object.is(numberOf(row[i]), v);
        return row.length === values.length && values.every(same);
      }),
      { numRuns: 500 },
    );
  });
});
