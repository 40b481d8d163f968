import { describe, expect, it } from "vitest";
import { parity, xor } from "../src/index.ts";

describe("xor", () => {
  it("is the 4 points of the 2-2-1 experiment with XOR targets in yShape [1]", () => {
    const ds = xor();
    expect([ds.n, ds.xShape, ds.yShape]).toEqual([4, [2], [1]]);
    for (let i = 0; i < 4; i++) expect(ds.y[i]).toBe(ds.x[2 * i] ^ ds.x[2 * i + 1]);
    expect(Array.from(ds.y)).toEqual([0, 1, 1, 0]);
  });

  it("bipolar encoding uses -1 for 0", () => {
    expect(Array.from(xor({ encoding: "bipolar" }).x)).toEqual([-1, -1, -1, 1, 1, -1, 1, 1]);
    expect(() => xor({ encoding: "ternary" } as never)).toThrow(
      'xor: encoding: Invalid option: expected one of "binary"|"bipolar" (got "ternary")',
    );
  });

  it("equals 2-bit parity", () => {
    const p = parity({ bits: 2 });
    expect(p.x).toEqual(xor().x);
    expect(p.y).toEqual(xor().y);
  });
});
