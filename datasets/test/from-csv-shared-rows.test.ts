import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { fromCsv, type Problem, tableProblemEntry } from "../src/index.ts";
import { tableOptions } from "./csv-compare.ts";
import { referenceTable } from "./csv-reference.ts";

/**
 * `fromCsv` reads its file once (streaming), deduplicates once and shares those rows by every load,
 * scaling the fresh splits in place. Its problems must be bit-identical to the old way: the whole text
 * parsed to a table, its rows copied and deduplicated at each load, the scaled splits copied again.
 */
const dir = mkdtempSync(join(tmpdir(), "arena-fromcsv-rows-"));

/** Every array of a problem's splits as hex bytes, and its info. */
function bits(p: Problem) {
  const hex = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");
  const split = (d: Problem["train"]) => ({ n: d.n, x: hex(d.x), y: hex(d.y), xs: d.xShape, ys: d.yShape });
  return {
    train: split(p.train),
    validation: split(p.validation),
    test: split(p.test),
    classes: p.classes,
    info: p.info,
  };
}

function csvWithDuplicates(task: "classification" | "regression"): string {
  const rows = ["f1,f2,f3,y"];
  for (let i = 0; i < 300; i++) {
    const j = i % 250; // rows 250..299 repeat rows 0..49
    const y = task === "classification" ? ["a", "b", "c"][j % 3] : ((j * 0.37) % 5).toFixed(3);
    rows.push(`${(j * 1.3) % 7},${-j / 9},${(j * j) % 11},${y}`);
  }
  return `${rows.join("\n")}\n`;
}

describe("fromCsv shares its rows and still gives the old problems bit for bit", () => {
  for (const task of ["classification", "regression"] as const) {
    it(`${task}: every load equals the old whole-text, copy-per-load path`, () => {
      const path = join(dir, `${task}.csv`);
      writeFileSync(path, csvWithDuplicates(task));
      const entry = fromCsv(path, { task, name: "d" });
      const old = tableProblemEntry({
        name: "d",
        task,
        description: "",
        source: `user file ${path}`,
        table: () => referenceTable(readFileSync(path, "utf8"), tableOptions({ task }), path),
        d: 3,
        k: task === "classification" ? 3 : 1,
        hidden: [16],
        scale: "standard",
      });
      const loads: [string, Record<string, unknown>][] = [
        ["1", {}],
        ["2", { validation: 0.1, test: 0.3 }],
        ["1", { trainSize: 40, scale: "minmax" }],
        ["3", task === "regression" ? { scaleTargets: "minmax" } : { scale: "none" }],
      ];
      for (const [seed, options] of loads) {
        const got = entry.load(new Rng(seed), options);
        expect(bits(got), `${seed} ${JSON.stringify(options)}`).toEqual(
          bits(old.load(new Rng(seed), options)),
        );
        expect(got.info?.duplicatesDropped).toBe(50);
      }
      // A load never changes the shared rows: the same load twice gives the same bits.
      expect(bits(entry.load(new Rng("1"), {}))).toEqual(bits(old.load(new Rng("1"), {})));
    });
  }
});
