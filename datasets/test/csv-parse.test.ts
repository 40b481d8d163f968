import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadCsv, parseCsv, parseCsvBytes, parseSeriesCsv, tableDataset } from "../src/index.ts";
import { csvError } from "./expect-csv-error.ts";

const cls = { task: "classification" } as const;
const reg = { task: "regression" } as const;

describe("parseCsv: good input", () => {
  it("reads features row-major, labels, classes and column names", () => {
    const t = parseCsv("a,b,kind\n1,2,cat\n3.5,-4e1,dog\n5,6,cat\n", cls, "pets.csv");
    expect(t.file).toBe("pets.csv");
    expect(t.columns).toEqual(["a", "b", "kind"]);
    expect(t.featureNames).toEqual(["a", "b"]);
    expect(t.labelName).toBe("kind");
    expect([t.n, t.d]).toEqual([3, 2]);
    expect(Array.from(t.features)).toEqual([1, 2, 3.5, -40, 5, 6]);
    expect(t.classes).toEqual(["cat", "dog"]);
    expect(Array.from(t.labels ?? [])).toEqual([0, 1, 0]);
    expect(Array.from(t.targets)).toEqual([0, 1, 0]);
  });

  it("orders numeric class names numerically and merges equal numbers", () => {
    const t = parseCsv("x,y\n1,10\n2,2\n3,2.0\n4,9\n", cls);
    expect(t.classes).toEqual(["2", "9", "10"]);
    expect(Array.from(t.labels ?? [])).toEqual([2, 0, 0, 1]);
  });

  it("takes the label by name, first, or index, and ignores columns", () => {
    const text = "id,target,f1,f2\nA,1.5,1,2\nB,2.5,3,4\n";
    const t = parseCsv(text, { task: "regression", label: "target", ignore: ["id"] });
    expect(t.featureNames).toEqual(["f1", "f2"]);
    expect(Array.from(t.targets)).toEqual([1.5, 2.5]);
    expect(t.labels).toBeUndefined();
    const byIndex = parseCsv(text, { task: "regression", label: 1, ignore: ["id"] });
    expect(Array.from(byIndex.targets)).toEqual([1.5, 2.5]);
    const first = parseCsv("y,a\n0,1\n1,2\n", { task: "classification", label: "first" });
    expect(first.featureNames).toEqual(["a"]);
  });

  it("accepts a BOM, CRLF line endings, trailing blank lines and spaces around fields", () => {
    const t = parseCsv("\uFEFFa, b ,y\r\n 1 ,2,0\r\n3,4 ,1\r\n\r\n\n", cls);
    expect(t.columns).toEqual(["a", "b", "y"]);
    expect(Array.from(t.features)).toEqual([1, 2, 3, 4]);
  });

  it("accepts quoted fields, with commas and doubled quotes inside", () => {
    const t = parseCsv('"a","b, really",label\n"1",2,"big ""one"""\n3,"4",small\n', cls);
    expect(t.columns).toEqual(["a", "b, really", "label"]);
    expect(Array.from(t.features)).toEqual([1, 2, 3, 4]);
    expect(t.classes).toEqual(['big "one"', "small"]);
  });

  it("accepts other delimiters", () => {
    const t = parseCsv("a;b;y\n1,5;2;0\n3;4;1\n".replace("1,5", "1.5"), { ...cls, delimiter: ";" });
    expect(Array.from(t.features)).toEqual([1.5, 2, 3, 4]);
  });

  it("turns a table into a Dataset with one-hot or value targets", () => {
    const c = tableDataset(parseCsv("a,y\n1,b\n2,a\n", cls));
    expect(c.yShape).toEqual([2]);
    expect(Array.from(c.y)).toEqual([0, 1, 1, 0]);
    const r = tableDataset(parseCsv("a,y\n1,0.5\n2,7\n", reg));
    expect(r.yShape).toEqual([1]);
    expect(Array.from(r.y)).toEqual([0.5, 7]);
  });

  it("reads a series column", () => {
    const s = parseSeriesCsv("month,v\n1949-01,112\n1949-02,118\n", { column: "v" });
    expect(s.name).toBe("v");
    expect(Array.from(s.values)).toEqual([112, 118]);
    expect(() => parseSeriesCsv("m,v\n1,2\n", { column: "v", colum: 1 } as never)).toThrow(
      'parseSeriesCsv: unknown key "colum"; known keys: column, delimiter',
    );
  });
});

describe("parseCsv: bad input names file, line, column and value", () => {
  it("empty file", () => {
    for (const text of ["", "\n\n", "\uFEFF", "  \r\n"]) {
      const e = csvError(() => parseCsv(text, cls, "empty.csv"));
      expect(e.file).toBe("empty.csv");
      expect(e.message).toMatch(/^empty\.csv:1: the file is empty/);
    }
  });

  it("header only", () => {
    const e = csvError(() => parseCsv("a,b,y\n", cls, "h.csv"));
    expect(e.message).toContain("h.csv:1: the file has a header but no data rows");
  });

  it("ragged rows", () => {
    const e = csvError(() => parseCsv("a,b,y\n1,2,0\n3,4\n", cls, "r.csv"));
    expect([e.line, e.value]).toEqual([3, "3,4"]);
    expect(e.message).toContain("r.csv:3: row has 2 fields, the header has 3");
  });

  it("non-numeric cell", () => {
    const e = csvError(() => parseCsv("a,b,y\n1,2,0\n3,abc,1\n", cls, "n.csv"));
    expect([e.line, e.column, e.columnName, e.value]).toEqual([3, 2, "b", "abc"]);
    expect(e.message).toBe('n.csv:3:2: not a number in column "b", got "abc"');
  });

  it("NaN, Infinity, overflow, hex and empty cells", () => {
    const cases: [string, RegExp][] = [
      ["NaN", /NaN and Infinity are not allowed/],
      ["-Infinity", /NaN and Infinity are not allowed/],
      ["inf", /NaN and Infinity are not allowed/],
      ["1e39", /out of float32 range/],
      ["0x10", /not a number/],
      ["1,000", /row has 4 fields/],
      ["", /empty cell/],
    ];
    for (const [cell, re] of cases) {
      const e = csvError(() => parseCsv(`a,b,y\n1,${cell},0\n2,3,1\n`, cls, "f.csv"));
      expect(e.message, cell).toMatch(re);
      expect(e.line).toBe(2);
    }
  });

  it("missing label column, ignored columns that do not exist, no features left", () => {
    expect(csvError(() => parseCsv("a,b\n1,2\n", { ...cls, label: "y" }, "m.csv")).message).toBe(
      'm.csv:1: no label column "y"; columns: "a", "b"',
    );
    expect(csvError(() => parseCsv("a,b\n1,2\n", { ...cls, ignore: ["c"] })).message).toMatch(
      /cannot ignore column "c"/,
    );
    expect(csvError(() => parseCsv("a,b\n1,2\n3,4\n", { ...cls, ignore: ["a"] })).message).toMatch(
      /no feature columns/,
    );
    expect(csvError(() => parseCsv("a,b\n1,2\n", { ...cls, label: 5 })).message).toMatch(
      /index 5 is outside 0..1/,
    );
  });

  it("an ambiguous label choice", () => {
    const e = csvError(() => parseCsv("last,b\n1,2\n3,4\n", { ...cls, label: "last" }));
    expect(e.message).toMatch(/"last" is ambiguous/);
  });

  it("a single class", () => {
    const e = csvError(() => parseCsv("a,y\n1,x\n2,x\n", cls, "one.csv"));
    expect(e.message).toBe(
      'one.csv: only one class; classification needs at least 2 in column "y" (column 2), got "x"',
    );
  });

  it("a non-numeric regression target and an empty class label", () => {
    expect(csvError(() => parseCsv("a,y\n1,2\n2,high\n", reg)).message).toMatch(
      /:3:2: not a number in column "y"/,
    );
    expect(csvError(() => parseCsv("a,y\n1,x\n2,\n", cls)).message).toMatch(/:3:2: empty label/);
  });

  it("broken quoting and headers", () => {
    expect(csvError(() => parseCsv('a,b\n"1,2\n', cls)).message).toMatch(/:2:1: unterminated quoted field/);
    expect(csvError(() => parseCsv('a,b\n"1"x,2\n', cls)).message).toMatch(
      /unexpected text after a closing quote/,
    );
    expect(csvError(() => parseCsv('a,b\n1"2,2\n', cls)).message).toMatch(/stray quote/);
    expect(csvError(() => parseCsv("a,,b\n1,2,3\n", cls)).message).toMatch(/:1:2: empty column name/);
    expect(csvError(() => parseCsv("a,a,b\n1,2,3\n", cls)).message).toMatch(/:1:2: duplicate column name/);
    expect(csvError(() => parseCsv("a,b\n1,0\n\n2,1\n", cls)).message).toMatch(
      /:3: empty line inside the table/,
    );
    expect(csvError(() => parseCsv("a,b\r1,0\r2,1\r", cls)).message).toMatch(/carriage return inside a line/);
  });

  it("invalid UTF-8 bytes", () => {
    const bytes = new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0x31, 0x2c, 0xff, 0x0a]);
    const e = csvError(() => parseCsvBytes(bytes, cls, "bin.csv"));
    expect(e.message).toBe("bin.csv:2: not valid UTF-8 text");
  });

  it("unknown options are rejected by name", () => {
    expect(() => parseCsv("a,b\n1,2\n", { task: "classification", lable: "b" } as never)).toThrow(
      'parseCsv: unknown key "lable"; known keys: task, label, ignore, delimiter, maxClasses',
    );
    expect(() => parseCsv("a,b\n1,2\n", { task: "clustering" } as never)).toThrow(
      'parseCsv: task: Invalid option: expected one of "classification"|"regression" (got "clustering")',
    );
  });
});

describe("loadCsv", () => {
  it("reads a file and names it in errors; a missing file is a CsvError", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-csv-"));
    const good = join(dir, "good.csv");
    writeFileSync(good, "x,y\n1,0\n2,1\n");
    expect(loadCsv(good, cls).n).toBe(2);
    const bad = join(dir, "bad.csv");
    writeFileSync(bad, "x,y\n1,0\nfoo,1\n");
    const e = csvError(() => loadCsv(bad, cls));
    expect(e.file).toBe(bad);
    expect(e.message.startsWith(`${bad}:3:1: not a number`)).toBe(true);
    expect(csvError(() => loadCsv(join(dir, "missing.csv"), cls)).message).toMatch(/cannot read the file/);
  });
});
