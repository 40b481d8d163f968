import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseOptions } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  airlineSeries,
  dataFilePath,
  fromSeriesCsv,
  getProblem,
  restoreScaler,
  type ScalerState,
} from "../src/index.ts";
import { csvError } from "./expect-csv-error.ts";

const dir = mkdtempSync(join(tmpdir(), "arena-series-csv-"));

/** A monthly CSV with `rows` values (month, value) at `name`. */
function monthly(name: string, rows: number, value = (t: number) => String(100 + t)): string {
  const path = join(dir, name);
  const lines = ["month,value"];
  for (let t = 0; t < rows; t++) lines.push(`${1950 + Math.floor(t / 12)}-${(t % 12) + 1},${value(t)}`);
  writeFileSync(path, `${lines.join("\n")}\n`);
  return path;
}

describe("fromSeriesCsv: checks when the entry is made, before any load", () => {
  it("a missing column names the file and lists the columns there are", () => {
    const path = monthly("missing.csv", 40);
    const e = csvError(() => fromSeriesCsv(path, { column: "passengers" }));
    expect([e.file, e.line]).toEqual([path, 1]);
    expect(e.message).toBe(`${path}:1: no series column "passengers"; columns: "month", "value"`);
  });

  it("a value that is not a number names the line, the column and the text found", () => {
    const path = monthly("text.csv", 40, (t) => (t === 7 ? "n/a" : String(t)));
    const e = csvError(() => fromSeriesCsv(path, { column: "value", window: 3 }));
    // Row 7 (0-based) is line 9: the header is line 1.
    expect([e.file, e.line, e.column, e.columnName, e.value]).toEqual([path, 9, 2, "value", "n/a"]);
    expect(e.message).toBe(`${path}:9:2: not a number in column "value", got "n/a"`);
  });

  it("too few rows for the window and the default splits: how many there are and how many are needed", () => {
    const path = monthly("short.csv", 10);
    const e = csvError(() => fromSeriesCsv(path, { column: "value", window: 12 }));
    expect([e.file, e.line, e.column, e.columnName]).toEqual([path, 11, 2, "value"]);
    expect(e.reason).toMatch(/^10 rows are too few for window 12: .* need at least 19 rows$/);
    expect(e.reason).toContain("validation and test (15 % each)");
    // 19 is enough for window 12, 18 is not; 6 for window 3.
    expect(() => fromSeriesCsv(monthly("r19.csv", 19), { column: "value", window: 12 })).not.toThrow();
    expect(
      csvError(() => fromSeriesCsv(monthly("r18.csv", 18), { column: "value", window: 12 })).reason,
    ).toMatch(/^18 rows .* at least 19 rows$/);
    expect(() => fromSeriesCsv(monthly("r6.csv", 6), { column: "value", window: 3 })).not.toThrow();
    expect(
      csvError(() => fromSeriesCsv(monthly("r5.csv", 5), { column: "value", window: 3 })).reason,
    ).toMatch(/^5 rows are too few for window 3: .* at least 6 rows$/);
  });

  it("bad options are rejected by name", () => {
    const path = monthly("ok.csv", 40);
    expect(() => fromSeriesCsv(path, { window: 0 })).toThrow(
      "fromSeriesCsv: window: Too small: expected number to be >=1 (got 0)",
    );
    expect(() => fromSeriesCsv(path, { period: 1.5 })).toThrow(
      "fromSeriesCsv: period: Invalid input: expected int, received number (got 1.5)",
    );
    expect(() => fromSeriesCsv(path, { windw: 3 } as never)).toThrow(
      'fromSeriesCsv: unknown key "windw"; known keys: column, delimiter, maxBytes, name, window, period',
    );
  });

  it("window sets the default inputLength, period the default forecast period", () => {
    const path = monthly("defaults.csv", 60);
    const e = fromSeriesCsv(path, { column: "value", window: 5, period: 12 });
    expect(e.inputShape).toEqual([5, 1]);
    expect(parseOptions(e.name, e.options, {}).inputLength).toBe(5);
    expect(e.description).toBe('forecast "value" of defaults.csv (60 values; window 5, period 12)');
    const p = e.load(new Rng(1));
    expect(p.train.xShape).toEqual([5, 1]);
    expect(p.forecast).toEqual({ period: 12 });
    expect(e.load(new Rng(1), { period: 4, inputLength: 8 }).forecast).toEqual({ period: 4 });
    // Without a period the problem has none (it is still a forecasting problem).
    expect(fromSeriesCsv(path, { column: "value" }).load(new Rng(1)).forecast).toEqual({});
  });
});

describe("fromSeriesCsv: the airline passengers file end to end", () => {
  it("window 12, period 12: 89/22/21 windows in time order, scaler fitted on the first 101 months", () => {
    const path = dataFilePath("airline_passengers.csv");
    const entry = fromSeriesCsv(path, { column: "passengers", window: 12, period: 12 });
    expect([entry.name, entry.task, entry.metric, entry.testIsTrain]).toEqual([
      "airline_passengers",
      "regression",
      "rmse",
      false,
    ]);
    expect(entry.inputShape).toEqual([12, 1]);
    const p = entry.load(new Rng(1));
    const raw = airlineSeries().values;
    expect(raw.length).toBe(144);
    // 70/15/15 of 144 months: training targets are months 12..100, validation 101..122, test 123..143.
    expect(p.info?.splitPoints).toEqual({ validationStart: 101, testStart: 123 });
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([89, 22, 21]);
    expect(p.forecast).toEqual({ period: 12 });
    expect(p.testIsTrain).toBe(false);
    const scaler = restoreScaler(p.info?.featureScaler as ScalerState);
    const back = (y: Float32Array) => Array.from(scaler.inverseTransform(y), (v) => Math.round(v));
    expect(back(p.train.y)).toEqual(Array.from(raw.subarray(12, 101)));
    expect(back(p.validation.y)).toEqual(Array.from(raw.subarray(101, 123)));
    expect(back(p.test.y)).toEqual(Array.from(raw.subarray(123, 144)));
    // Each window reads the 12 months before its target: the first test window reads months 111..122.
    expect(back(p.test.x.subarray(0, 12))).toEqual(Array.from(raw.subarray(111, 123)));
    // The same data and fractions as the built-in airline give the same windows.
    const builtin = getProblem("airline").load(new Rng(1), { validation: 0.15, test: 0.15 });
    expect(p.test.x).toEqual(builtin.test.x);
    expect(p.validation.y).toEqual(builtin.validation.y);
  });
});
