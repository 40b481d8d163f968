import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LabelTexts } from "../src/csv-classes.ts";
import { readCsvSeries } from "../src/csv-series-reader.ts";
import { textSource, withFileSource } from "../src/csv-source.ts";
import { readCsvTable } from "../src/csv-table-reader.ts";
import { dataFilePath } from "../src/index.ts";
import {
  expectSameBytes,
  expectSameSeries,
  expectSameTable,
  outcome,
  seriesOptions,
  tableOptions,
} from "./csv-compare.ts";
import { referenceDecode, referenceSeries, referenceTable } from "./csv-reference.ts";

/**
 * The streaming CSV readers against the whole-text readers they replaced (test/csv-reference.ts): the
 * same tables, series and CsvErrors, whatever the piece size, so pieces end inside rows, quoted fields,
 * CRLF pairs, a byte-order mark and multi-byte characters.
 */
const CHUNKS = [1, 2, 3, 5, 7, 16, 64, 1 << 20];
const cls = { task: "classification" };
const reg = { task: "regression" };

const SHIPPED: [string, Record<string, unknown>][] = [
  ["iris.csv", { task: "classification", label: "species" }],
  ["wine_data.csv", { task: "classification", label: "class" }],
  ["optdigits_train.csv", { task: "classification", label: "label" }],
  ["optdigits_test.csv", { task: "classification", label: "label" }],
  ["faces_olivetti_16.csv", { task: "classification", label: "person" }],
  ["faces_olivetti_32.csv", { task: "classification", label: "person" }],
  ["diabetes.csv", { task: "regression", label: "target" }],
  ["diabetes.csv", { task: "classification", label: "sex" }],
];

describe("streaming CSV = whole-text CSV: the shipped files", () => {
  it("every shipped table, read from the file in pieces of several sizes", () => {
    for (const [name, options] of SHIPPED) {
      const path = dataFilePath(name as never);
      const o = tableOptions(options);
      const want = outcome(() => referenceTable(referenceDecode(readFileSync(path), path), o, path));
      expect(want.ok, name).toBe(true);
      for (const chunk of [4093, 1 << 16, 1 << 20]) {
        const got = outcome(() => withFileSource(path, 1 << 28, (s) => readCsvTable(s, o), chunk));
        expect(got, `${name} in pieces of ${chunk}`).toEqual(want);
      }
    }
  });

  it("the airline series, and a table of it in small pieces", () => {
    const path = dataFilePath("airline_passengers.csv");
    const text = readFileSync(path, "utf8");
    const o = seriesOptions({ column: "passengers" });
    const want = outcome(() => referenceSeries(text, o, path));
    expect(outcome(() => withFileSource(path, 1 << 20, (s) => readCsvSeries(s, o), 97))).toEqual(want);
    expectSameSeries(text, { column: "passengers" }, [1, 7, 1 << 20], path);
    expectSameTable(text, { task: "regression", label: "passengers", ignore: ["month"] }, [3, 11]);
  });
});

describe("streaming CSV = whole-text CSV: accepted input", () => {
  const good = [
    "a,b,kind\n1,2,cat\n3.5,-4e1,dog\n5,6,cat\n",
    "\uFEFFa, b ,y\r\n 1 ,2,0\r\n3,4 ,1\r\n\r\n\n",
    '"a","b, really",label\n"1",2,"big ""one"""\n3,"4",small\n',
    'x,"y"\n"1",a\n2 , "b" \n',
    "a,y\n-0,a\n0.000,b\n1.,a\n.5,b\n+7,a\n1e22,b\n1e23,a\n1.2345678901234567,b\n3.4e38,a\n",
    "a,y\n1\u00a0,caf\u00e9\n\u20032,\u65e5\u672c\n3,caf\u00e9\n",
    "x,y\n1,10\n2,2\n3,2.0\n4,9\n",
    "a,b,y\n1,2,0\n3,4,1",
    "a,b,y\n1,2,0\n3,4,1\n \n\t\n\r\n",
  ];
  it("tables, every piece size, both tasks where they apply", () => {
    for (const text of good) {
      const c = expectSameTable(text, cls, CHUNKS);
      expect(c.ok, text).toBe(true);
    }
    expectSameTable(good[0], { ...reg, label: "a" }, CHUNKS);
    expectSameTable("a;b;y\n1.5;2;0\n3;4;1\n", { ...cls, delimiter: ";" }, CHUNKS);
    expectSameTable("a\tb\ty\n1\t\t2\n", { ...reg, delimiter: "\t" }, CHUNKS);
    expectSameTable("id,target,f1,f2\nA,1.5,1,2\nB,2.5,3,4\n", { ...reg, label: 1, ignore: ["id"] }, CHUNKS);
    expectSameTable("y,a\n0,1\n1,2\n", { ...cls, label: "first" }, CHUNKS);
  });

  it("series, every piece size", () => {
    expectSameSeries("month,v\n1949-01,112\n1949-02,118\n", { column: "v" }, CHUNKS);
    expectSameSeries("v\r\n1\r\n2.5\r\n\r\n", {}, CHUNKS);
  });

  it("a multi-byte character and a byte-order mark cut between pieces of bytes", () => {
    const bytes = new TextEncoder().encode("\uFEFFa,y\n1,\u00e9t\u00e9\n2,\u{1F600}\n3,\u00e9t\u00e9\n");
    expect(expectSameBytes(bytes, cls, [1, 2, 3, 4, 5]).ok).toBe(true);
  });
});

/** 30 rows whose labels are 30 distinct numbers: continuous-looking, or too many classes for 10. */
const NUMERIC_LABELS = `a,y\n${Array.from({ length: 30 }, (_, i) => `${i},${i}`).join("\n")}`;

describe("streaming CSV = whole-text CSV: refused input, the same CsvError", () => {
  const bad: [string, Record<string, unknown>][] = [
    ["", cls],
    ["\n\n", cls],
    ["\uFEFF", cls],
    ["  \r\n", cls],
    ["a,b,y\n", cls],
    ["a,b,y\n1,2,0\n3,4\n", cls],
    ["a,b,y\n1,2,0\n3,abc,1\n", cls],
    ["a,b,y\n1,NaN,0\n2,3,1\n", cls],
    ["a,b,y\n1,1e39,0\n2,3,1\n", cls],
    ["a,b,y\n1,0x10,0\n2,3,1\n", cls],
    ["a,b,y\n1,,0\n2,3,1\n", cls],
    ["a,b\n1,2\n", { ...cls, label: "y" }],
    ["a,b\n1,2\n", { ...cls, ignore: ["c"] }],
    ["a,b\n1,2\n3,4\n", { ...cls, ignore: ["a"] }],
    ["a,b\n1,2\n", { ...cls, label: 5 }],
    ["last,b\n1,2\n3,4\n", { ...cls, label: "last" }],
    ["a,y\n1,x\n2,x\n", cls],
    ["a,y\n1,2\n2,high\n", reg],
    ["a,y\n1,x\n2,\n", cls],
    ['a,b\n"1,2\n', cls],
    ['a,b\n"1"x,2\n', cls],
    ['x,"y"\n" 1 ",a\n2,b\n', cls],
    ['a,b\n1"2,2\n', cls],
    ["a,,b\n1,2,3\n", cls],
    ["a,a,b\n1,2,3\n", cls],
    ['"a,b\n1,2\n', cls],
    ["a,b\n1,0\n\n2,1\n", cls],
    ["\na,b\n1,0\n", cls],
    ["a,b\r1,0\r2,1\r", cls],
    ["a,b\n1,0\n \r \n2,1\n", cls],
    [NUMERIC_LABELS, cls],
    [NUMERIC_LABELS, { ...cls, maxClasses: 10 }],
  ];
  it("each problem alone", () => {
    for (const [text, o] of bad) {
      expect(expectSameTable(text, o, CHUNKS).ok, JSON.stringify(text)).toBe(false);
    }
  });

  it("several problems in one file: the one the whole-text reader met first", () => {
    const several: [string, Record<string, unknown>][] = [
      ["a,b,y\n1,x,0\n3,4\n", cls], // a bad cell, then a ragged row: the ragged row
      ["a,b,y\n1,2\n3,x,0\n", cls], // a ragged row, then a bad cell
      ["a,b,y\n1,x,0\n3,4,1\n\n5,6,0\n", cls], // a bad cell, then a blank line inside
      ["a,a,y\n1,2\n3,4,0\n", cls], // a duplicate name and a ragged row: the header
      ["a,a,y\n1,2,0\n3,4,1\r5,6,0\n", cls], // a duplicate name, then a carriage return: the line
      ["a,b\n1,2\n3,4,5\n", { ...cls, label: "z" }], // no such label, and a ragged row: the row
      ["a,b\n1,x\n3,4\n", { ...cls, label: "z" }], // no such label, and a bad cell: the label
      ["a,b\n1,x\n2,y\n3,z\n", { ...reg, label: "first" }], // three bad cells: the first
      ["a,b,y\n1,x,\n2,3,1\n", cls], // a bad cell and an empty label on one row: the cell
      ["a,b,y\n1,2,\n2,x,1\n", cls], // an empty label, then a bad cell: the label
      ['a,b,y\n"1,2,0\n3,4\n', cls], // bad quoting, then a ragged row
      ["a,b,y\n1,2,0\n3,4\n\n", cls], // a ragged row before trailing blank lines
      ["a,y\n1,x\n2,x\n3,4,5\n", cls], // one class and a ragged row
    ];
    for (const [text, o] of several) {
      expect(expectSameTable(text, o, CHUNKS).ok, JSON.stringify(text)).toBe(false);
    }
    expectSameSeries("a,v\n1,x\n2,3,4\n", { column: "v" }, CHUNKS);
    expectSameSeries("a,v\n1,x\n2,3\n", { column: "w" }, CHUNKS);
  });

  it("invalid UTF-8 is reported at the line of its first bad byte, before anything else", () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    const cases = [
      new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0x0a]),
      new Uint8Array([...enc("a,y\n1,x\n2,\n\n3,"), 0xc3, 0x0a]),
      new Uint8Array([...enc("a,y\n\uFFFD,1\n2,2\n"), 0xe2, 0x82]),
      new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, ...enc("a,y\n1,2\n2,3\n")]),
    ];
    for (const bytes of cases) expectSameBytes(bytes, cls, [1, 2, 3, 7, 1 << 20]);
  });
});

describe("streaming CSV: files and memory", () => {
  it("a file read in pieces equals the same text parsed whole, errors included", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-csv-stream-"));
    const texts = ['a,"b"\r\n1,x\r\n2,y\r\n', "a,b\n1,x\n2,y\n3,\n", "a,b\n1,x\n\n2,y\n"];
    texts.forEach((text, i) => {
      const path = join(dir, `f${i}.csv`);
      writeFileSync(path, text);
      const o = tableOptions(cls);
      const want = outcome(() => referenceTable(text, o, path));
      for (const chunk of [1, 2, 5, 1 << 20]) {
        expect(outcome(() => withFileSource(path, 1 << 20, (s) => readCsvTable(s, o), chunk))).toEqual(want);
      }
    });
  });

  it("keeps one string per distinct label, not one per row", () => {
    const labels = new LabelTexts();
    const text = `a,y\n${Array.from({ length: 3000 }, (_, i) => `${i},${"abc"[i % 3]}`).join("\n")}\n`;
    const t = readCsvTable(textSource(text, "l.csv", 64), tableOptions(cls));
    for (let r = 0; r < t.n; r++) labels.id("abc"[r % 3]);
    expect(labels.texts).toEqual(["a", "b", "c"]);
    expect(t.classes).toEqual(["a", "b", "c"]);
    expect(t.features.length).toBe(3000);
    expect(t.features.buffer.byteLength).toBe(3000 * 4); // allocated once at its final size
  });
});
