/** The gemm suite: its naive peer is a correct gemm, inputs are seeded and shared, cases cover the spec's grid. */
import { tsKernels } from "@arena/tensor";
import { describe, expect, it } from "vitest";
import { GEMM_SIZES, gemmSuite, naiveGemm } from "../src/kernels.ts";

describe("kernels suite", () => {
  it("measures NN and NT at n = 32..512", () => {
    const grid = gemmSuite.cases.map((c) => `${c.variant}${c.size}`);
    expect(grid).toEqual([...GEMM_SIZES.map((n) => `NN${n}`), ...GEMM_SIZES.map((n) => `NT${n}`)]);
    for (const c of gemmSuite.cases) expect(c.work).toBe((2 * c.size ** 3) / 1e9);
  });

  it("arena and naive implementations compute the same product on the same seeded inputs", async () => {
    for (const variant of ["NN", "NT"] as const) {
      const c = { bench: "gemm", variant, size: 32, work: 0 };
      const arena = await (await gemmSuite.implementations.arena()).prepare(c);
      const naive = await (await gemmSuite.implementations.naive()).prepare(c);
      const x = Array.from(arena?.output?.() ?? []);
      const y = Array.from(naive?.output?.() ?? []);
      expect(x).toHaveLength(32 * 32);
      for (let i = 0; i < x.length; i++) expect(Math.abs(x[i] - y[i])).toBeLessThan(1e-5);
      // Same seed, same inputs: a second preparation gives bit-identical output.
      const again = await (await gemmSuite.implementations.arena()).prepare(c);
      expect(Array.from(again?.output?.() ?? [])).toEqual(x);
    }
  });

  it("naiveGemm is a correct gemm (checked on a 2x2 example, both variants)", () => {
    const a = Float32Array.of(1, 2, 3, 4);
    const b = Float32Array.of(5, 6, 7, 8);
    const out = new Float32Array(4);
    naiveGemm(false, 2, a, b, out);
    expect(Array.from(out)).toEqual([19, 22, 43, 50]);
    naiveGemm(true, 2, a, b, out);
    expect(Array.from(out)).toEqual([17, 23, 39, 53]);
    const c = new Float32Array(4);
    tsKernels.gemm(false, true, 2, 2, 2, 1, a, 0, 2, b, 0, 2, 0, c, 0, 2);
    expect(c).toEqual(out);
  });
});
