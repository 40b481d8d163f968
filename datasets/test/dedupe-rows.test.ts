import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  copyTask,
  createDataset,
  dataFilePath,
  dropDuplicateRows,
  dropRowsFoundIn,
  fromCsv,
  getProblem,
  sampleKeys,
} from "../src/index.ts";

const total = (p: { train: { n: number }; validation: { n: number }; test: { n: number } }) =>
  p.train.n + p.validation.n + p.test.n;

describe("exact duplicate samples", () => {
  it("dropDuplicateRows keeps the first of bit-identical (x, y) rows; same x with another y is kept", () => {
    const ds = createDataset(
      new Float32Array([1, 2, 1, 2, 3, 4, 1, 2, 1, 2]),
      [2],
      new Float32Array([0, 1, 0, 0, 1]),
      [1],
    );
    const { dataset, dropped } = dropDuplicateRows(ds);
    expect(dropped).toBe(2);
    expect(Array.from(dataset.x)).toEqual([1, 2, 1, 2, 3, 4]);
    expect(Array.from(dataset.y)).toEqual([0, 1, 0]);
    // Nothing to drop: the same object comes back, uncopied.
    expect(dropDuplicateRows(dataset).dataset).toBe(dataset);
    // Bits, not values: 0 and -0 differ.
    const signed = createDataset(new Float32Array([0, -0]), [1], new Float32Array([1, 1]), [1]);
    expect(dropDuplicateRows(signed).dropped).toBe(0);
  });

  it("dropRowsFoundIn drops the rows that occur in the other datasets", () => {
    const a = createDataset(new Float32Array([1, 2, 3]), [1], new Float32Array([0, 0, 0]), [1]);
    const b = createDataset(new Float32Array([3, 9]), [1], new Float32Array([0, 0]), [1]);
    const c = createDataset(new Float32Array([1]), [1], new Float32Array([1]), [1]);
    const r = dropRowsFoundIn(a, b, c);
    expect([r.dropped, Array.from(r.dataset.x)]).toEqual([1, [1, 2]]);
    expect(sampleKeys(a)).toHaveLength(3);
  });

  it("iris: rows 102 and 143 are identical; the second is dropped, 149 rows are split", () => {
    const e = getProblem("iris");
    expect(e.description).toMatch(/rows 102 and 143 are identical/);
    for (const seed of [1, 2, 42]) {
      const p = e.load(new Rng(seed));
      expect(p.info?.duplicatesDropped).toBe(1);
      expect(total(p)).toBe(149);
    }
  });

  it("wine, diabetes, faces and digits have no duplicates; digits has no training row equal to a test row", () => {
    for (const [name, options] of [
      ["wine", {}],
      ["diabetes", {}],
      ["faces", { size: 16 }],
      ["faces", { size: 32 }],
    ] as const) {
      const p = getProblem(name).load(new Rng(1), options);
      expect(p.info?.duplicatesDropped, name).toBe(0);
    }
    const d = getProblem("digits").load(new Rng(1));
    expect([d.info?.duplicatesDropped, d.info?.sameAsTestDropped]).toEqual([0, 0]);
    expect(total(d)).toBe(3823 + 1797);
  });

  it("copy: patterns drawn twice are dropped before splitting (about n²/2K^L)", () => {
    for (const seed of ["data/1", "data/2"]) {
      const p = getProblem("copy").load(new Rng(seed));
      // The generator's own output, counted independently.
      const ds = copyTask(new Rng(seed).fork("data"));
      const distinct = new Set(sampleKeys(ds)).size;
      expect(p.info?.duplicatesDropped).toBe(2000 - distinct);
      expect(total(p)).toBe(distinct);
      // n(n−1)/2 pairs, each equal with probability 8^−5: about 61.
      expect(2000 - distinct).toBeGreaterThan(30);
      expect(2000 - distinct).toBeLessThan(100);
    }
  });

  it("shakespeare-chars: short windows recur in real text; held-out ones that repeat are redrawn", () => {
    const p = getProblem("shakespeare-chars").load(new Rng(4), { length: 8, encoding: "index" });
    expect(p.info?.duplicatesDropped).toBeGreaterThan(0);
    expect([p.validation.n, p.test.n]).toEqual([200, 200]);
    const inTrain = new Set(sampleKeys(p.train));
    expect(sampleKeys(p.test).some((k) => inTrain.has(k))).toBe(false);
    // At the default length nothing recurs, and the draws are those of a plain sample.
    expect(getProblem("shakespeare-chars").load(new Rng(4)).info?.duplicatesDropped).toBe(0);
  });

  it("fromCsv drops duplicates too and says how many in the description", () => {
    const dir = mkdtempSync(join(tmpdir(), "arena-dedupe-"));
    const path = join(dir, "pairs.csv");
    const rows = ["a,b,k"];
    for (let i = 0; i < 30; i++) rows.push(`${i % 10},${i % 3},${i % 2}`); // all 30 distinct: lcm(10, 3, 2) = 30
    writeFileSync(path, `${rows.join("\n")}\n`);
    const e = fromCsv(path, { task: "classification" });
    const p = e.load(new Rng(1));
    const dropped = p.info?.duplicatesDropped as number;
    expect(dropped).toBe(0);
    writeFileSync(path, `${[...rows, "0,0,0", "1,1,1", "1,1,1"].join("\n")}\n`);
    const again = fromCsv(path, { task: "classification" });
    expect(again.description).toBe(
      'classification on pairs.csv: 33 rows (3 exact duplicates dropped, 30 used), 2 features, label "k"',
    );
    expect(again.load(new Rng(1)).info?.duplicatesDropped).toBe(3);
    const iris = fromCsv(dataFilePath("iris.csv"), { task: "classification", label: "species" });
    expect(iris.description).toMatch(/150 rows \(1 exact duplicate dropped, 149 used\)/);
  });
});
