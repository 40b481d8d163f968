/** Statistics and report formatting of the runner. */
import { describe, expect, it } from "vitest";
import {
  type BenchCase,
  type BenchRow,
  checkAgainstBaseline,
  fingerprint,
  fingerprintDiff,
  makeRow,
  suiteMarkdown,
} from "../src/index.ts";
import { sumSuite } from "./fixtures/sum-suite.ts";

describe("makeRow's percentiles (@arena/stats' type-7 quantiles)", () => {
  const c: BenchCase = { bench: "sum", variant: "plain", size: 4, work: 1 };
  const row = (ms: number[]) => makeRow(sumSuite, "loop", c, ms);

  it("interpolate between order statistics and reject an empty sample", () => {
    expect(row([1, 2, 3, 4]).ms).toBe(2.5);
    expect(row([1, 2, 3, 4, 5]).ms_p25).toBe(2);
    expect(row([7])).toMatchObject({ ms: 7, ms_p25: 7, ms_p75: 7 });
    expect(() => row([])).toThrow(RangeError);
    expect(() => row([])).toThrow("expected at least one value");
  });
});

describe("makeRow", () => {
  it("turns time quartiles into figure quartiles (the slow quartile is the low figure)", () => {
    const c: BenchCase = { bench: "gemm", variant: "NN", size: 100, work: 2 }; // 2 GFLOP per call
    const row = makeRow(
      { ...sumSuite, metric: { key: "gflops", label: "GFLOP/s" } },
      "arena",
      c,
      [100, 200, 400, 800, 1000],
    );
    expect(row).toMatchObject({
      bench: "gemm",
      impl: "arena",
      variant: "NN",
      size: 100,
      samples: 5,
      ms: 400,
    });
    expect(row.gflops).toBe(5); // 2 GFLOP in 0.4 s
    expect(row.gflops_p25).toBe(2.5); // at the 75th percentile time, 800 ms
    expect(row.gflops_p75).toBe(10); // at the 25th percentile time, 200 ms
  });
});

describe("fingerprints", () => {
  it("agree for equal outputs, differ for different ones, and are scale-relative", () => {
    const a = Float32Array.of(1, 2, 3, 4);
    expect(fingerprintDiff(fingerprint(a), fingerprint(a.slice()))).toBe(0);
    expect(fingerprintDiff(fingerprint(a), fingerprint(Float32Array.of(1, 2, 3, 4.5)))).toBeGreaterThan(1e-2);
    expect(fingerprintDiff(fingerprint(a), fingerprint(Float32Array.of(1, 2, 3)))).toBe(
      Number.POSITIVE_INFINITY,
    );
    const big = a.map((x) => x * 1e6);
    const nudged = big.slice();
    nudged[0] += 0.01;
    expect(fingerprintDiff(fingerprint(big), fingerprint(nudged))).toBeLessThan(1e-7);
  });
});

describe("suiteMarkdown", () => {
  const row = (impl: string, size: number, figure: number, diff?: number): BenchRow => ({
    bench: "sum",
    impl,
    variant: "plain",
    size,
    samples: 10,
    ms: 1,
    ms_p25: 1,
    ms_p75: 1,
    gsums: figure,
    gsums_p25: figure * 0.9,
    gsums_p75: figure * 1.1,
    ...(diff === undefined ? {} : { check_rel_diff: diff }),
  });

  it("puts the baseline first, adds baseline / peer ratio columns and flags outputs that differ", () => {
    const md = suiteMarkdown({
      suite: sumSuite,
      rows: [row("offByOne", 1000, 2, 0.5), row("loop", 1000, 5, 0), row("loop", 4000, 6, 0)],
    });
    expect(md).toContain("| bench | variant | size | loop (Gsum/s) | offByOne (Gsum/s) | loop / offByOne |");
    expect(md).toContain("| sum | plain | 1000 | 5.00 (4.50–5.50) | 2.00 (1.80–2.20) ⚠ | 2.50× |");
    expect(md).toContain("| sum | plain | 4000 | 6.00 (5.40–6.60) | – | – |");
    expect(md).toContain("⚠ 1 row(s) differ from loop's output");
  });

  it("checkAgainstBaseline attaches each row's difference from the baseline's fingerprint", () => {
    const out = (x: number[]) => fingerprint(Float64Array.from(x));
    const rows = checkAgainstBaseline(
      "loop",
      new Map([
        ["loop", [{ row: row("loop", 1000, 5), samples: [1], fingerprint: out([1, 2]) }]],
        [
          "other",
          [
            { row: row("other", 1000, 4), samples: [1], fingerprint: out([1, 2]) },
            { row: row("other", 4000, 4), samples: [1] },
          ],
        ],
      ]),
    );
    expect(rows.map((r) => r.check_rel_diff)).toEqual([0, 0, undefined]);
  });
});
