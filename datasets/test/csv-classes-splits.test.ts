import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { optionsError } from "../../scripts/options-error.ts";
import {
  CONTINUOUS_LABEL_VALUES,
  fromCsv,
  fromSeriesCsv,
  getProblem,
  loadCsv,
  MAX_CLASSES,
  parseCsv,
  splitShortfall,
  stratifiedCounts,
} from "../src/index.ts";
import { csvError } from "./expect-csv-error.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-csv-classes-"));

/** A CSV at `name` with one feature column and the label of row i given by `label(i)`. */
function table(name: string, rows: number, label: (i: number) => string): string {
  const lines = ["x,y"];
  for (let i = 0; i < rows; i++) lines.push(`${i},${label(i)}`);
  const path = join(dir, name);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("classification labels that look like a numeric target", () => {
  it("more than maxClasses distinct labels (default 1000) ask for regression or a higher maxClasses", () => {
    expect(MAX_CLASSES).toBe(1000);
    // The case: 10,000 distinct labels would have built a 10,000-output model.
    const path = table("ids.csv", 10_000, (i) => `id${i}`);
    const e = csvError(() => fromCsv(path, { task: "classification" }));
    expect([e.file, e.column, e.columnName]).toEqual([path, 2, "y"]);
    expect(e.reason).toBe(
      '10000 distinct labels, more than maxClasses = 1000; for a numeric target use task: "regression", or raise maxClasses if these really are 10000 classes',
    );
    const few = table("few.csv", 60, (i) => `c${i % 6}`);
    expect(loadCsv(few, { task: "classification" }).classes).toHaveLength(6);
    expect(csvError(() => loadCsv(few, { task: "classification", maxClasses: 5 })).reason).toMatch(
      /^6 distinct labels, more than maxClasses = 5;/,
    );
  });

  it("numeric labels with many distinct values (more than 20, more than half the rows) look continuous", () => {
    expect(CONTINUOUS_LABEL_VALUES).toBe(20);
    const path = table("price.csv", 100, (i) => (i * 0.37).toFixed(2));
    expect(csvError(() => loadCsv(path, { task: "classification" })).reason).toBe(
      'the labels look continuous: all 100 are numbers and 100 of them distinct (more than 20, and more than half the rows); for a numeric target use task: "regression", or set maxClasses (>= 100) if these really are 100 classes',
    );
    expect(loadCsv(path, { task: "regression" }).n).toBe(100);
    // An explicit maxClasses says these are classes.
    expect(loadCsv(path, { task: "classification", maxClasses: 100 }).classes).toHaveLength(100);
    // Numeric class codes with few distinct values, or repeated often enough, are classes.
    expect(
      loadCsv(
        table("codes.csv", 100, (i) => String(i % 20)),
        { task: "classification" },
      ).classes,
    ).toHaveLength(20);
    expect(
      loadCsv(
        table("ages.csv", 100, (i) => String(i % 50)),
        { task: "classification" },
      ).classes,
    ).toHaveLength(50);
    expect(() =>
      loadCsv(
        table("ages51.csv", 100, (i) => String(i % 51)),
        { task: "classification" },
      ),
    ).toThrow(/look continuous/);
    // Text labels are never taken for a numeric target below maxClasses.
    expect(parseCsv("x,y\n1,a\n2,b\n", { task: "classification" }).classes).toEqual(["a", "b"]);
  });
});

describe("too few rows for the splits is an error, not a NaN metric", () => {
  it("a 2-row CSV is refused when the entry is made, naming the counts", () => {
    const path = table("two.csv", 2, (i) => `c${i}`);
    expect(csvError(() => fromCsv(path, { task: "classification" })).message).toBe(
      `${path}: 2 rows are too few for the default split (validation 0.2, test 0.2): 2 samples split train 60 %, validation 20 %, test 20 % leave the test split empty (train 1, validation 1, test 0); every split needs a row and every class a training row`,
    );
    const reg = table("two-reg.csv", 2, (i) => String(i));
    expect(csvError(() => fromCsv(reg, { task: "regression" })).reason).toMatch(/leave the test split empty/);
  });

  it("a class without a training row is refused by name", () => {
    const path = table("rare.csv", 4, (i) => (i < 3 ? "a" : "b"));
    expect(csvError(() => fromCsv(path, { task: "classification" })).reason).toMatch(
      /: class "b" has 1 sample and none of them lands in the training split \(train 0, validation 0, test 1\);/,
    );
  });

  it("shares given at load that leave a split empty are an OptionsError naming the share and the counts", () => {
    const path = table("ten.csv", 10, (i) => String(i * 1.5));
    const entry = fromCsv(path, { task: "regression" });
    expect(entry.load(new Rng(1)).validation.n).toBe(2);
    expect(optionsError(() => entry.load(new Rng(1), { validation: 0.04, test: 0.2 }))).toBe(
      "ten: validation: too few samples: 10 samples split train 76 %, validation 4 %, test 20 % leave the validation split empty (train 8, validation 0, test 2); use more samples, a larger validation share, or 0 for none (got 0.04)",
    );
    // A share of 0 asks for no split at all.
    expect(entry.load(new Rng(1), { validation: 0, test: 0.2 }).validation.n).toBe(0);
  });

  it("generated problems too small for their shares, and a trainSize below the class count, are refused", () => {
    expect(optionsError(() => getProblem("copy").load(new Rng(1), { samples: 2 }))).toMatch(
      /^copy: test: too few samples: 2 samples split .* leave the test split empty \(train 1, validation 1, test 0\);/,
    );
    expect(optionsError(() => getProblem("iris").load(new Rng(1), { trainSize: 2 }))).toBe(
      "iris: trainSize: expected at least one sample of each of the 3 classes (got 2)",
    );
  });

  it("stratifiedCounts gives stratifiedSplit's sizes from the class sizes alone", () => {
    expect(stratifiedCounts([3, 1], { validation: 0.2, test: 0.2 })).toEqual([
      [2, 1, 0],
      [0, 0, 1],
    ]);
    expect(splitShortfall([50, 50], { validation: 0.2, test: 0.2 })).toBeUndefined();
    expect(splitShortfall([3, 1], { validation: 0.2, test: 0.2 }, ["a", "b"])?.split).toBe("train");
  });
});

describe("empty strings are not option values", () => {
  it("label, ignore, column, name and delimiter reject an empty string", () => {
    const path = table("ok.csv", 30, (i) => `c${i % 2}`);
    expect(optionsError(() => loadCsv(path, { task: "classification", label: "" }))).toBe(
      'loadCsv: label: expected a column name, not an empty string (got "")',
    );
    expect(optionsError(() => fromCsv(path, { task: "classification", ignore: [""] }))).toBe(
      'fromCsv: ignore[0]: expected a column name, not an empty string (got "")',
    );
    expect(optionsError(() => fromCsv(path, { task: "classification", name: "" }))).toBe(
      'fromCsv: name: expected a name, not an empty string (got "")',
    );
    expect(optionsError(() => fromSeriesCsv(path, { column: "" }))).toBe(
      'fromSeriesCsv: column: expected a column name, not an empty string (got "")',
    );
    expect(optionsError(() => parseCsv("a,b\n1,2\n", { task: "regression", delimiter: "" }))).toMatch(
      /^parseCsv: delimiter: expected one character \(got ""\)$/,
    );
    expect(optionsError(() => parseCsv("a,b\n1,2\n", { task: "regression", delimiter: '"' }))).toBe(
      'parseCsv: delimiter: expected a character other than a quote or a line break (got "\\"")',
    );
  });
});
