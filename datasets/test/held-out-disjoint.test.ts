import { Buffer } from "node:buffer";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { type Dataset, type Problem, problems, sampleSize } from "../src/index.ts";

/**
 * Held out must mean held out: for every registry problem, with its default options and with the options
 * the default suite uses, over two data seeds, no sample (input and target, compared as the exact bytes of
 * x‖y) is in two splits, except for the problems that declare `testIsTrain` (xor and parity, the classic
 * fixed-point experiments).
 */

/** The options `apps/harness/suites/default.json` loads problems with, besides the defaults. */
const SUITE_OPTIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  digits: { trainSize: 100 },
  faces: { size: 16 },
  adding: { length: 50 },
};

const SEEDS = ["data/1", "data/2"];

/** Each sample as one string of its float32 bytes, x then y (written here, independent of src/dedupe.ts). */
function rows(ds: Dataset): string[] {
  const xs = sampleSize(ds.xShape) * 4;
  const ys = sampleSize(ds.yShape) * 4;
  const x = Buffer.from(ds.x.buffer, ds.x.byteOffset, ds.x.byteLength);
  const y = Buffer.from(ds.y.buffer, ds.y.byteOffset, ds.y.byteLength);
  const out: string[] = [];
  for (let i = 0; i < ds.n; i++) {
    out.push(x.toString("base64", i * xs, (i + 1) * xs) + y.toString("base64", i * ys, (i + 1) * ys));
  }
  return out;
}

/** How many samples of `b` also occur in `a`. */
function shared(a: readonly string[], b: readonly string[]): number {
  const inA = new Set(a);
  return b.filter((r) => inA.has(r)).length;
}

describe("held-out splits share no sample with train", () => {
  it("only xor and parity declare testIsTrain", () => {
    expect(
      problems()
        .filter((e) => e.testIsTrain)
        .map((e) => e.name),
    ).toEqual(["xor", "parity"]);
    for (const e of problems()) expect(typeof e.testIsTrain, e.name).toBe("boolean");
  });

  for (const entry of problems()) {
    const variants = [{}, ...(SUITE_OPTIONS[entry.name] ? [SUITE_OPTIONS[entry.name]] : [])];
    for (const options of variants) {
      it(`${entry.name} ${JSON.stringify(options)}`, () => {
        for (const seed of SEEDS) {
          const p: Problem = entry.load(new Rng(seed), options);
          const where = `${entry.name} ${JSON.stringify(options)} seed ${seed}`;
          expect(p.testIsTrain, where).toBe(entry.testIsTrain);
          const [train, validation, test] = [rows(p.train), rows(p.validation), rows(p.test)];
          if (entry.testIsTrain) {
            // The fixed set: every split is the whole set.
            expect(test, where).toEqual(train);
            expect(validation, where).toEqual(train);
            continue;
          }
          expect(shared(train, test), `${where}: test samples also in train`).toBe(0);
          expect(shared(train, validation), `${where}: validation samples also in train`).toBe(0);
          expect(shared(validation, test), `${where}: test samples also in validation`).toBe(0);
        }
      });
    }
  }
});
