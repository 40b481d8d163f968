import { expect } from "vitest";
import { CsvError } from "../src/index.ts";

/** Runs `f`, expects it to throw a CsvError, and returns it. */
export function csvError(f: () => unknown): CsvError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CsvError);
    return e as CsvError;
  }
  throw new Error("expected a CsvError, nothing was thrown");
}
