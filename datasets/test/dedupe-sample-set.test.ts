import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createDataset, dropDuplicateRows, dropRowsFoundIn, sampleKeys } from "../src/index.ts";
import { sampleHashOf } from "../src/row-index.ts";

/** The rows the string-key deduplication `dropDuplicateRows` used before `SampleSet` kept. */
function firstOfKeys(keys: readonly string[]): number[] {
  const seen = new Set<string>();
  const kept: number[] = [];
  keys.forEach((k, i) => {
    if (seen.has(k)) return;
    seen.add(k);
    kept.push(i);
  });
  return kept;
}

/** The rows whose key is not among `found` (the string-key `dropRowsFoundIn`). */
function notAmongKeys(keys: readonly string[], found: ReadonlySet<string>): number[] {
  return keys.flatMap((k, i) => (found.has(k) ? [] : [i]));
}

const dataset = (xs: number[], ys: number[]) =>
  createDataset(new Float32Array(xs), [2], new Float32Array(ys), [1]);

const rows = fc.array(
  fc.tuple(fc.constantFrom(0, -0, 1, 2, Number.NaN), fc.constantFrom(0, 1), fc.constantFrom(0, 1)),
  { maxLength: 40 },
);

describe("deduplication by hashed samples", () => {
  it("keeps exactly the rows the string keys kept", () => {
    fc.assert(
      fc.property(rows, rows, (a, b) => {
        const ds = dataset(
          a.flatMap((t) => t.slice(0, 2)),
          a.map(([, , y]) => y),
        );
        const other = dataset(
          b.flatMap((t) => t.slice(0, 2)),
          b.map(([, , y]) => y),
        );
        const want = firstOfKeys(sampleKeys(ds));
        const got = dropDuplicateRows(ds);
        expect(got.dropped).toBe(ds.n - want.length);
        const notFound = notAmongKeys(sampleKeys(ds), new Set(sampleKeys(other)));
        expect(dropRowsFoundIn(ds, other).dropped).toBe(ds.n - notFound.length);
      }),
      { numRuns: 300 },
    );
  });

  it("two different samples with the same hash are both kept", () => {
    // Two words per sample (one word alone is hashed one-to-one): about 4 pairs of 200 000 share a hash.
    const n = 200_000;
    const x = new Float32Array(2 * n);
    for (let i = 0; i < n; i++) [x[2 * i], x[2 * i + 1]] = [i % 1000, Math.floor(i / 1000)];
    const all = createDataset(x, [2], new Float32Array(n), [1]);
    const byHash = new Map<number, number>();
    let pair: [number, number] | undefined;
    for (let i = 0; i < n && !pair; i++) {
      const h = sampleHashOf(all, i);
      const j = byHash.get(h);
      if (j !== undefined) pair = [j, i];
      byHash.set(h, i);
    }
    expect(pair).toBeDefined();
    const [a, b] = pair as [number, number];
    const row = (i: number) => [x[2 * i], x[2 * i + 1]];
    const clash = createDataset(
      new Float32Array([...row(a), ...row(b), ...row(a), ...row(b)]),
      [2],
      new Float32Array(4),
      [1],
    );
    expect(sampleHashOf(clash, 0)).toBe(sampleHashOf(clash, 1));
    const r = dropDuplicateRows(clash);
    expect([r.dropped, Array.from(r.dataset.x)]).toEqual([2, [...row(a), ...row(b)]]);
    const one = (i: number) => createDataset(new Float32Array(row(i)), [2], new Float32Array(1), [1]);
    expect(dropRowsFoundIn(one(a), one(b)).dropped).toBe(0);
  });
});
