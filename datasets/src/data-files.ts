import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { MAX_FILE_BYTES, readRegularFile } from "./read-file.ts";

/**
 * The data files shipped in `datasets/data/` and their sha256, as listed in `datasets/data/README.md`
 * (a test keeps the two in step). Loading a file checks its hash first, so a changed or truncated file
 * fails loudly instead of silently changing every result.
 */
export const DATA_FILES = {
  "iris.csv": "cdf459dcf51753a4f3f56e59a9c81d8c2aaf68889c0ce19ab347e46ff542e6f4",
  "wine_data.csv": "f31eca90e60d109d79f7a515b95eeab05cedd3ed9af21ebe3da3133a24c34af0",
  "digits.csv": "4faf08295f17d77e9a147ed5ea842ec501bd089cc6e61627f36ef15c1b48ea5b",
  "optdigits_train.csv": "e7d98a1137d6de49c60781cc7f9697d0f2d2290bfc637b1f081ce455aa4201d8",
  "optdigits_test.csv": "4faf08295f17d77e9a147ed5ea842ec501bd089cc6e61627f36ef15c1b48ea5b",
  "diabetes.csv": "f5060bc32176d2f47695065d12478e468fac452a515ffc00fce404de6e94a4d2",
  "airline_passengers.csv": "d27dd74f3654ab4c688afccf2348870410902f480cea900d872be2ae33184411",
  "tinyshakespeare.txt": "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed",
  "faces_olivetti_32.csv": "4e4f67d20d78f616c216f4ccf71fdd04b7eb5562e376a496d84a9324817e5330",
  "faces_olivetti_16.csv": "57f25283b7bec15edf321a6f16e39e87d76c78418c279fad6b201cc74cbb9fe2",
} as const;

export type DataFileName = keyof typeof DATA_FILES;

/**
 * `datasets/data/`, found relative to this module (not the working directory), so loading works from any
 * cwd and inside worker threads.
 */
export const dataDirectory: URL = new URL("../data/", import.meta.url);

/** The absolute path of a shipped data file. */
export function dataFilePath(name: DataFileName): string {
  if (!Object.hasOwn(DATA_FILES, name)) {
    throw new RangeError(
      `dataFilePath: unknown data file "${name}"; known files: ${Object.keys(DATA_FILES).join(", ")}`,
    );
  }
  return fileURLToPath(new URL(name, dataDirectory));
}

/** A data file is missing, unreadable or does not have the expected sha256. */
export class DataFileError extends Error {
  override readonly name = "DataFileError";
  /** The file's path. */
  readonly file: string;
  readonly expected: string | undefined;
  readonly actual: string | undefined;

  constructor(file: string, message: string, expected?: string, actual?: string) {
    super(message);
    this.file = file;
    this.expected = expected;
    this.actual = actual;
  }
}

/** The sha256 of `bytes`, as lower-case hex. */
export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/**
 * Reads `path` (a regular file of at most 256 MiB) and checks its sha256 against `expected`; throws a
 * `DataFileError` naming both hashes on a mismatch, or why the file could not be read. Not cached (see
 * `readDataFile` for the shipped files).
 */
export function readVerifiedFile(path: string, expected: string): Uint8Array {
  const bytes = readRegularFile(
    path,
    MAX_FILE_BYTES,
    (reason) => new DataFileError(path, `${path}: data file: ${reason}`, expected),
  );
  const actual = sha256Hex(bytes);
  if (actual !== expected.toLowerCase()) {
    throw new DataFileError(
      path,
      `${path}: sha256 is ${actual}, expected ${expected} (datasets/data/README.md). ` +
        "The file was changed or corrupted; restore it from the repository.",
      expected,
      actual,
    );
  }
  return bytes;
}

const verified = new Map<DataFileName, Uint8Array>();

/**
 * The bytes of a shipped data file, checked against its sha256. The hash is computed once per file per
 * process (per worker thread); later calls return the same cached, already verified buffer, which callers
 * must not modify.
 */
export function readDataFile(name: DataFileName): Uint8Array {
  const hit = verified.get(name);
  if (hit) return hit;
  const bytes = readVerifiedFile(dataFilePath(name), DATA_FILES[name]);
  verified.set(name, bytes);
  return bytes;
}
