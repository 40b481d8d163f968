import { expect } from "vitest";

/**
 * For tests: runs `f`, expects it to throw an OptionsError (@arena/options' one error type for bad
 * options, a RangeError), and returns the message. Matched by name, so this file needs no import of a
 * workspace package (it lives outside them).
 */
export function optionsError(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RangeError);
    expect((e as Error).name).toBe("OptionsError");
    return (e as Error).message;
  }
  throw new Error("expected an OptionsError, nothing was thrown");
}
