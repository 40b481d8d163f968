import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  DATA_FILES,
  DataFileError,
  type DataFileName,
  dataFilePath,
  readDataFile,
  readVerifiedFile,
  sha256Hex,
} from "../src/index.ts";

const readme = readFileSync(new URL("../data/README.md", import.meta.url), "utf8");

/** The checksum table of data/README.md: `| file | ... | sha256 |`. */
function readmeChecksums(): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of readme.split("\n")) {
    const m = /^\|\s*([\w.]+)\s*\|.*\|\s*([0-9a-f]{64})\s*\|\s*$/.exec(line);
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

describe("data files", () => {
  it("DATA_FILES lists exactly the files and hashes of data/README.md", () => {
    const table = readmeChecksums();
    expect(table.size).toBe(10);
    expect(Object.fromEntries(table)).toEqual(DATA_FILES);
  });

  it("every shipped file has the sha256 the README gives", () => {
    for (const [name, hash] of Object.entries(DATA_FILES)) {
      expect(sha256Hex(readFileSync(dataFilePath(name as DataFileName))), name).toBe(hash);
    }
  });

  it("digits.csv and optdigits_test.csv are the same file (the README's warning)", () => {
    expect(DATA_FILES["digits.csv"]).toBe(DATA_FILES["optdigits_test.csv"]);
    expect(readme).toContain("sklearn's `load_digits` is exactly");
  });

  it("readDataFile verifies once and then returns the cached buffer", () => {
    const a = readDataFile("iris.csv");
    const b = readDataFile("iris.csv");
    expect(b).toBe(a);
    expect(sha256Hex(a)).toBe(DATA_FILES["iris.csv"]);
  });

  it("a changed file fails with a DataFileError naming both hashes", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-datasets-"));
    const path = join(dir, "iris.csv");
    copyFileSync(dataFilePath("iris.csv"), path);
    expect(readVerifiedFile(path, DATA_FILES["iris.csv"]).length).toBeGreaterThan(0);
    const text = readFileSync(path, "utf8").replace("5.1,3.5,1.4,0.2,0", "5.1,3.5,1.4,0.3,0");
    writeFileSync(path, text);
    let err: unknown;
    try {
      readVerifiedFile(path, DATA_FILES["iris.csv"]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(DataFileError);
    const e = err as DataFileError;
    expect(e.expected).toBe(DATA_FILES["iris.csv"]);
    expect(e.actual).toBe(sha256Hex(new TextEncoder().encode(text)));
    expect(e.message).toContain(path);
    expect(e.message).toContain(DATA_FILES["iris.csv"]);
  });

  it("a missing file fails with a DataFileError, and unknown names are rejected", () => {
    expect(() => readVerifiedFile("/nonexistent/arena.csv", "0".repeat(64))).toThrow(DataFileError);
    expect(() => dataFilePath("nope.csv" as DataFileName)).toThrow(/unknown data file "nope.csv"/);
  });

  it("the data directory is found from the module, whatever the working directory", () => {
    const before = process.cwd();
    try {
      process.chdir(tmpdir());
      expect(sha256Hex(readFileSync(dataFilePath("wine_data.csv")))).toBe(DATA_FILES["wine_data.csv"]);
    } finally {
      process.chdir(before);
    }
  });
});
