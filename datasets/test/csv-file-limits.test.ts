import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OptionsError } from "@arena/options";
import { describe, expect, it } from "vitest";
import {
  DataFileError,
  fromCsv,
  fromSeriesCsv,
  loadCsv,
  loadSeriesCsv,
  MAX_FILE_BYTES,
  readVerifiedFile,
} from "../src/index.ts";
import { csvError } from "./expect-csv-error.ts";

/**
 * Only regular files of bounded size are read: a FIFO without a writer, /dev/zero, /dev/urandom and a
 * directory are refused before a byte is read (each test is bounded by a timeout, so a regression that
 * hangs fails instead of blocking the suite), and a file above `maxBytes` is refused by its size.
 */
const dir = mkdtempSync(join(tmpdir(), "arena-csv-files-"));
const cls = { task: "classification" } as const;

let fifos = 0;
function fifo(): string {
  const path = join(dir, `pipe-${fifos++}.csv`);
  execFileSync("mkfifo", [path]);
  return path;
}

describe("CSV files: regular files of bounded size only", () => {
  it("a FIFO without a writer is refused at once, not waited on", { timeout: 5000 }, () => {
    const path = fifo();
    for (const read of [
      () => loadCsv(path, cls),
      () => loadSeriesCsv(path),
      () => fromCsv(path, cls),
      () => fromSeriesCsv(path),
    ]) {
      const e = csvError(read);
      expect(e.file).toBe(path);
      expect(e.message).toBe(`${path}: a FIFO (named pipe), not a regular file; only regular files are read`);
    }
  });

  it("/dev/zero and /dev/urandom are refused, not read forever", { timeout: 5000 }, () => {
    for (const path of ["/dev/zero", "/dev/urandom"]) {
      if (!existsSync(path)) continue;
      expect(csvError(() => loadCsv(path, cls)).reason).toBe(
        "a character device, not a regular file; only regular files are read",
      );
      expect(csvError(() => fromSeriesCsv(path)).reason).toMatch(/^a character device/);
    }
  });

  it("a directory and a missing file are CsvErrors naming the path", { timeout: 5000 }, () => {
    const sub = join(dir, "folder.csv");
    mkdirSync(sub);
    expect(csvError(() => loadCsv(sub, cls)).message).toBe(
      `${sub}: a directory, not a regular file; only regular files are read`,
    );
    const missing = join(dir, "missing.csv");
    expect(csvError(() => loadCsv(missing, cls)).reason).toMatch(/^cannot read the file \(ENOENT/);
  });

  it("a file larger than maxBytes is refused by its size; the default is 256 MiB", () => {
    expect(MAX_FILE_BYTES).toBe(256 * 1024 * 1024);
    const path = join(dir, "big.csv");
    writeFileSync(path, `a,b\n${"1,x\n2,y\n".repeat(50)}`);
    expect(loadCsv(path, cls).n).toBe(100);
    expect(csvError(() => loadCsv(path, { ...cls, maxBytes: 100 })).reason).toBe(
      "the file has 404 bytes, more than the limit of 100 (maxBytes)",
    );
    expect(csvError(() => fromCsv(path, { ...cls, maxBytes: 403 })).reason).toMatch(/404 bytes/);
    expect(loadCsv(path, { ...cls, maxBytes: 404 }).n).toBe(100);
    expect(() => loadCsv(path, { ...cls, maxBytes: 0 })).toThrow(OptionsError);
    expect(() => loadCsv(path, { ...cls, maxBytes: 2 ** 30 })).toThrow(
      "loadCsv: maxBytes: Too big: expected number to be <=536870888 (got 1073741824)",
    );
  });

  it("shipped-data reads refuse the same files with a DataFileError", { timeout: 5000 }, () => {
    const path = fifo();
    expect(() => readVerifiedFile(path, "0".repeat(64))).toThrow(DataFileError);
    expect(() => readVerifiedFile("/dev/zero", "0".repeat(64))).toThrow(
      "/dev/zero: data file: a character device, not a regular file; only regular files are read",
    );
  });
});
