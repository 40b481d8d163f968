import { describe, expect, it } from "vitest";
import { fmt } from "../src/index.ts";

describe("fmt (the tables' number format)", () => {
  it("prints 3 significant digits, and exponent form for very large or small values", () => {
    expect(fmt(0.95123)).toBe("0.951");
    expect(fmt(12345)).toBe("12300");
    expect(fmt(99999)).toBe("100000");
    expect(fmt(1e5)).toBe("1.00e5");
    expect(fmt(-2e6)).toBe("-2.00e6");
    expect(fmt(1e-3)).toBe("0.001");
    expect(fmt(1.5e-5)).toBe("1.50e-5");
    expect(fmt(0)).toBe("0");
    expect(fmt(-0)).toBe("0");
  });

  it("spells out missing and non-finite values", () => {
    expect(fmt(null)).toBe("–");
    expect(fmt(undefined)).toBe("–");
    expect(fmt(Number.NaN)).toBe("NaN");
    expect(fmt(Number.POSITIVE_INFINITY)).toBe("∞");
    expect(fmt(Number.NEGATIVE_INFINITY)).toBe("-∞");
  });
});
