import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { classCounts, classLabels, facesTable, getProblem } from "../src/index.ts";

describe("faces", () => {
  it("splits 6/2/2 images per person, disjoint and covering all 400 images", () => {
    for (const size of [16, 32]) {
      const p = getProblem("faces").load(new Rng(11), { size });
      expect([p.train.n, p.validation.n, p.test.n]).toEqual([240, 80, 80]);
      expect(Array.from(classCounts(classLabels(p.train), 40))).toEqual(new Array(40).fill(6));
      expect(Array.from(classCounts(classLabels(p.validation), 40))).toEqual(new Array(40).fill(2));
      expect(Array.from(classCounts(classLabels(p.test), 40))).toEqual(new Array(40).fill(2));
      // Scale "none" by default: rows are the file's rows; match each back to a unique file row.
      const t = facesTable(size as 16 | 32);
      const d = size * size;
      const key = (x: Float32Array, i: number) => x.subarray(i * d, i * d + 16).join(",");
      const fileRows = new Map<string, number>();
      for (let r = 0; r < 400; r++) fileRows.set(key(t.features, r), r);
      const used = new Set<number>();
      for (const split of [p.train, p.validation, p.test]) {
        for (let i = 0; i < split.n; i++) {
          const r = fileRows.get(key(split.x, i));
          expect(r).toBeDefined();
          used.add(r as number);
          expect(classLabels(split)[i]).toBe(Math.floor((r as number) / 10));
        }
      }
      expect(used.size).toBe(400);
    }
  });
});
