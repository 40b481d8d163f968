import { Rng } from "@arena/rng";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as z from "zod";
import {
  checkSearchSpace,
  haltonPoints,
  OptionsError,
  type SearchRange,
  sampleSearchSpace,
  searchable,
  searchSpaceOf,
  valueAt,
  withParameters,
} from "../src/index.ts";

const lr = (low: number, high: number) =>
  z.union([z.number().min(0), z.strictObject({ kind: z.literal("cosine"), lr: z.number() })]).meta({
    search: { low, high, scale: "log", integer: false },
  });
const Optimizer = z.discriminatedUnion("kind", [
  z.strictObject({
    kind: z.literal("sgd"),
    lr: searchable(lr(1e-4, 10).default(1e-3), { low: 1e-4, high: 10, scale: "log" }),
  }),
  z.strictObject({
    kind: z.literal("adam"),
    lr: searchable(lr(1e-5, 1).default(1e-3), { low: 1e-5, high: 1, scale: "log" }),
  }),
]);
const Learner = z.strictObject({
  optimizer: Optimizer,
  batchSize: searchable(z.number().int().min(1).default(32), { values: [16, 32, 64] }),
  sigma0: searchable(z.number().positive().optional(), { low: 0.01, high: 1, scale: "log" }),
  clip: z.strictObject({ norm: searchable(z.number().positive(), { low: 0.1, high: 10 }) }).optional(),
  shuffle: z.boolean().default(true),
});

describe("searchSpaceOf", () => {
  it("reads the ranges declared on the options the config uses, in the branch of its union", () => {
    const sgd = searchSpaceOf(Learner, Learner.parse({ optimizer: { kind: "sgd" } }));
    expect(sgd).toEqual({
      "optimizer.lr": { low: 1e-4, high: 10, scale: "log", integer: false },
      batchSize: { values: [16, 32, 64] },
      sigma0: { low: 0.01, high: 1, scale: "log", integer: false },
    });
    const adam = searchSpaceOf(Learner, Learner.parse({ optimizer: { kind: "adam" } }));
    expect(adam["optimizer.lr"]).toEqual({ low: 1e-5, high: 1, scale: "log", integer: false });
  });

  it("enters a block only when the config has it, and leaves a schedule alone", () => {
    const space = searchSpaceOf(
      Learner,
      Learner.parse({ optimizer: { kind: "sgd", lr: { kind: "cosine", lr: 0.1 } }, clip: { norm: 1 } }),
    );
    expect(Object.keys(space)).toEqual(["batchSize", "sigma0", "clip.norm"]);
  });
});

describe("sampleSearchSpace", () => {
  const space: Record<string, SearchRange> = {
    lr: { low: 1e-4, high: 1, scale: "log", integer: false },
    population: { low: 4, high: 40, scale: "log", integer: true },
    rate: { low: 0, high: 1, scale: "linear", integer: false },
    batch: { values: [16, 32, 64, 128] },
  };

  it("gives the same points for the same seed, and other points for another", () => {
    const a = sampleSearchSpace(space, 16, { sampler: "quasirandom", rng: new Rng(5) });
    expect(sampleSearchSpace(space, 16, { sampler: "quasirandom", rng: new Rng(5) })).toEqual(a);
    expect(sampleSearchSpace(space, 16, { sampler: "quasirandom", rng: new Rng(6) })).not.toEqual(a);
    const r = sampleSearchSpace(space, 16, { sampler: "random", rng: new Rng(5) });
    expect(sampleSearchSpace(space, 16, { sampler: "random", rng: new Rng(5) })).toEqual(r);
  });

  it("quasi-random: the first b² points put one point in each of b² equal cells of every coordinate", () => {
    const bases = [2, 3, 5, 7];
    for (let seed = 0; seed < 5; seed++) {
      for (const [d, b] of bases.entries()) {
        const n = b * b;
        const cells = haltonPoints(n, bases.length, new Rng(seed)).map((p) => Math.floor(p[d] * n + 1e-9));
        expect(new Set(cells).size).toBe(n);
      }
    }
  });

  it("quasi-random covers a log range evenly: one of 16 learning rates in each sixteenth of the decades", () => {
    const pts = sampleSearchSpace({ lr: space.lr }, 16, { sampler: "quasirandom", rng: new Rng(1) });
    // Position in the range on the log scale; rounding to three digits moves it by < 1e-4.
    const u = pts.map((p) => (Math.log10(p.lr as number) + 4) / 4).sort((a, b) => a - b);
    u.forEach((x, i) => {
      expect(x).toBeGreaterThan(i / 16 - 1e-3);
      expect(x).toBeLessThan((i + 1) / 16);
    });
  });

  it("every value lies in its range, integers are integers and choices are from the set", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e-6, max: 1e3, noNaN: true }),
        fc.double({ min: 1.01, max: 1e3, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 100 }),
        fc.constantFrom("quasirandom" as const, "random" as const),
        (low, ratio, width, seed, sampler) => {
          const s: Record<string, SearchRange> = {
            x: { low, high: low * ratio, scale: "log", integer: false },
            y: { low: -low, high: low * ratio, scale: "linear", integer: false },
            n: { low: width, high: 2 * width + 1, scale: "log", integer: true },
            c: { values: ["a", "b", "c"] },
          };
          for (const p of sampleSearchSpace(s, 20, { sampler, rng: new Rng(seed) })) {
            expect(p.x).toBeGreaterThanOrEqual(low);
            expect(p.x).toBeLessThanOrEqual(low * ratio);
            expect(p.y).toBeGreaterThanOrEqual(-low);
            expect(p.y).toBeLessThanOrEqual(low * ratio);
            expect(Number.isInteger(p.n)).toBe(true);
            expect(p.n).toBeGreaterThanOrEqual(width);
            expect(p.n).toBeLessThanOrEqual(2 * width + 1);
            expect(["a", "b", "c"]).toContain(p.c);
          }
        },
      ),
      { numRuns: 100 },
    );
  });

  it("maps the middle of a log range to its geometric mean and the cells of an integer range evenly", () => {
    expect(valueAt({ low: 1e-4, high: 1, scale: "log", integer: false }, 0.5)).toBe(0.01);
    const r = { low: 1, high: 4, scale: "linear", integer: true } as const;
    expect([0, 0.24, 0.25, 0.5, 0.75, 0.999].map((u) => valueAt(r, u))).toEqual([1, 1, 2, 3, 4, 4]);
    expect(valueAt({ values: [true, false] }, 0.5)).toBe(false);
  });

  it("refuses a bad trial count and more coordinates than it has bases", () => {
    expect(() => sampleSearchSpace(space, -1, { sampler: "random", rng: new Rng(1) })).toThrow(/trials/);
    const wide = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x${i}`, space.rate]));
    expect(() => sampleSearchSpace(wide, 4, { sampler: "quasirandom", rng: new Rng(1) })).toThrow(
      /at most 32/,
    );
  });
});

describe("checkSearchSpace", () => {
  const base = Learner.parse({ optimizer: { kind: "adam" } });

  it("accepts the default space of a config", () => {
    expect(() => checkSearchSpace("adam", Learner, base, searchSpaceOf(Learner, base))).not.toThrow();
  });

  it("names an unknown option with the options there, and an end the option refuses", () => {
    let e: unknown;
    try {
      checkSearchSpace("adam search", Learner, base, {
        "optimizer.lr2": { low: 1e-3, high: 1, scale: "log", integer: false },
        batchSize: { values: [16, 0] },
      });
    } catch (err) {
      e = err;
    }
    expect(e).toBeInstanceOf(OptionsError);
    const message = (e as Error).message;
    expect(message).toContain("optimizer.lr2: no such option; options there: kind, lr");
    expect(message).toContain("batchSize: value 0: Too small");
    expect(message).toContain("(got 0)");
  });
});

describe("withParameters", () => {
  it("sets dotted paths on a copy, creating objects on the way", () => {
    const base = { optimizer: { kind: "adam", lr: 1e-3 }, batchSize: 32 };
    const out = withParameters(base, { "optimizer.lr": 0.1, "clip.norm": 2 });
    expect(out).toEqual({ optimizer: { kind: "adam", lr: 0.1 }, batchSize: 32, clip: { norm: 2 } });
    expect(base.optimizer.lr).toBe(1e-3);
  });

  it("refuses a path through a value that is not an object", () => {
    expect(() => withParameters({ batchSize: 32 }, { "batchSize.x": 1 })).toThrow(/"batchSize" is 32/);
  });
});
