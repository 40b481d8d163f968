import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import {
  type Dataset,
  getProblem,
  type ModelSpec,
  type Problem,
  problems,
  sampleSize,
} from "../src/index.ts";

const REQUIRED = [
  "xor",
  "parity",
  "spirals",
  "moons",
  "circles",
  "iris",
  "wine",
  "digits",
  "faces",
  "diabetes",
  "airline",
  "sine",
  "mackey-glass",
  "adding",
  "copy",
  "shakespeare-chars",
];

/** The model suggestion must fit the data: MLP ends match prod(shapes); RNN sizes match the last dims. */
function checkModel(m: ModelSpec, input: readonly number[], output: readonly number[]): void {
  if (m.kind === "mlp") {
    expect(m.layers[0]).toBe(sampleSize(input));
    expect(m.layers[m.layers.length - 1]).toBe(output.length === 2 ? output[1] : sampleSize(output));
    expect(m.layers.length).toBeGreaterThanOrEqual(2);
  } else {
    expect(input.length).toBe(2);
    expect(m.input).toBe(input[1]);
    expect(m.output).toBe(output[output.length - 1]);
    expect(m.readout).toBe(output.length === 2 ? "every-step" : "last");
  }
}

function checkDataset(name: string, ds: Dataset, input: readonly number[], output: readonly number[]): void {
  expect(ds.xShape, name).toEqual(input);
  expect(ds.yShape, name).toEqual(output);
  expect(ds.x.length).toBe(ds.n * sampleSize(input));
  expect(ds.y.length).toBe(ds.n * sampleSize(output));
  expect(ds.x.every(Number.isFinite), `${name}: x finite`).toBe(true);
  expect(ds.y.every(Number.isFinite), `${name}: y finite`).toBe(true);
}

/** Bit-for-bit equality of two float arrays (much faster than toEqual on millions of values). */
function bitIdentical(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(
    Buffer.from(b.buffer, b.byteOffset, b.byteLength),
  );
}

const loaded = new Map<string, Problem>();
const load = (name: string) => {
  let p = loaded.get(name);
  if (!p) {
    p = getProblem(name).load(new Rng(2024));
    loaded.set(name, p);
  }
  return p;
};

describe("registry", () => {
  it("has every required problem, with distinct names and a complete description", () => {
    const names = problems().map((p) => p.name);
    for (const r of REQUIRED) expect(names).toContain(r);
    expect(new Set(names).size).toBe(names.length);
    for (const e of problems()) {
      expect(e.description.length).toBeGreaterThan(10);
      expect(e.source.length).toBeGreaterThan(3);
      expect(e.metric).toBe(e.task === "classification" ? "accuracy" : "rmse");
      expect(JSON.parse(JSON.stringify(e.model))).toEqual(e.model); // plain JSON
    }
  });

  it("getProblem names an unknown problem and lists the known ones", () => {
    expect(() => getProblem("mnist")).toThrow(
      /^Unknown problem "mnist"; known problems: xor, parity, spirals/,
    );
  });

  for (const entry of problems()) {
    it(`${entry.name}: loads with the declared shapes, a fitting model and three splits`, () => {
      const p = load(entry.name);
      expect([p.name, p.task, p.metric]).toEqual([entry.name, entry.task, entry.metric]);
      for (const split of ["train", "validation", "test"] as const) {
        checkDataset(`${entry.name}.${split}`, p[split], entry.inputShape, entry.outputShape);
        expect(p[split].n).toBeGreaterThan(0);
      }
      expect(p.model).toEqual(entry.model);
      checkModel(entry.model, entry.inputShape, entry.outputShape);
      if (entry.task === "classification") {
        const k = entry.outputShape[entry.outputShape.length - 1];
        expect(p.classes?.length).toBe(k === 1 ? 2 : k);
      }
      expect(() => entry.load(new Rng(1), { bogus: 1 })).toThrow(
        `${entry.name}: unknown key "bogus"; known keys:`,
      );
      // A seed is as good as the stream it names; anything else is refused by name.
      expect(entry.load(42).train.x).toEqual(entry.load(new Rng(42)).train.x);
      expect(() => entry.load({} as never)).toThrow(`${entry.name}.load: expected an Rng or a seed`);
    });
  }

  it("the same seed gives bit-identical problems; another seed gives other splits", () => {
    for (const name of ["spirals", "iris", "digits", "adding", "shakespeare-chars", "mackey-glass"]) {
      const a = load(name);
      const b = getProblem(name).load(new Rng(2024));
      for (const split of ["train", "validation", "test"] as const) {
        expect(bitIdentical(b[split].x, a[split].x), `${name}.${split}.x`).toBe(true);
        expect(bitIdentical(b[split].y, a[split].y), `${name}.${split}.y`).toBe(true);
      }
      // Mackey–Glass is deterministic (the seed only draws optional noise).
      const c = getProblem(name).load(new Rng(7));
      expect(bitIdentical(c.train.x, a.train.x), name).toBe(name === "mackey-glass");
    }
  });

  it("shapes(options) agrees with what load(options) produces", () => {
    const cases: [string, Record<string, unknown>][] = [
      ["parity", { bits: 6 }],
      ["spirals", { arms: 4, samples: 200 }],
      ["blobs", { centers: 5, features: 3 }],
      ["faces", { size: 32 }],
      ["airline", { inputLength: 6, horizon: 3 }],
      ["sine", { inputLength: 10, horizon: 2 }],
      ["adding", { length: 30, samples: 100 }],
      ["copy", { symbols: 3, length: 2, delay: 4, samples: 50 }],
      ["shakespeare-chars", { readout: "last", encoding: "index", windows: 20, evalWindows: 5 }],
    ];
    for (const [name, options] of cases) {
      const e = getProblem(name);
      const s = e.shapes(options);
      const p = e.load(new Rng(3), options);
      checkDataset(name, p.train, s.input, s.output);
      checkModel(p.model as ModelSpec, s.input, s.output);
    }
  });

  it("modelFor(options) gives the model the loaded problem suggests, without loading", () => {
    const parity = getProblem("parity");
    expect(parity.modelFor({ bits: 6 })).toEqual(parity.load(new Rng(1), { bits: 6 }).model);
    expect(parity.modelFor()).toEqual(parity.model);
    expect(() => parity.modelFor({ bitz: 3 })).toThrow(/bitz/);
  });

  it("xor and parity use the same points for training, validation and test", () => {
    for (const name of ["xor", "parity"]) {
      const p = load(name);
      expect(p.validation.x).toEqual(p.train.x);
      expect(p.test.y).toEqual(p.train.y);
      expect(String(p.info?.note)).toMatch(/both training and evaluation data/);
      expect([getProblem(name).testIsTrain, p.testIsTrain]).toEqual([true, true]);
      expect(getProblem(name).description).toMatch(/validation and test are the same points/);
    }
    expect(load("xor").train.n).toBe(4);
  });

  it("digits: canonical split, optional stratified trainSize", () => {
    const p = load("digits");
    expect([p.train.n, p.validation.n, p.test.n]).toEqual([3058, 765, 1797]);
    const small = getProblem("digits").load(new Rng(1), { trainSize: 100 });
    expect(small.train.n).toBe(100);
    expect(small.test.n).toBe(1797);
    const perClass = new Array(10).fill(0);
    for (let i = 0; i < 100; i++) perClass[small.train.y.subarray(i * 10, i * 10 + 10).indexOf(1)]++;
    for (const c of perClass) expect(Math.abs(c - 10)).toBeLessThanOrEqual(1);
    // Min-max scaling is fitted on the 100 training images: they span [0, 1], the test set may not.
    expect(Math.max(...small.train.x)).toBe(1);
    expect(Math.min(...small.train.x)).toBe(0);
    expect(() => getProblem("digits").load(new Rng(1), { trainSize: 5000 })).toThrow(
      "digits: trainSize: Too big: expected number to be <=3823 (got 5000)",
    );
    expect(() => getProblem("digits").load(new Rng(1), { trainSize: 3500 })).toThrow(
      "digits: trainSize: expected at most the 3058 samples of the training split (got 3500)",
    );
  });

  it("diabetes: targets standardised on the training split; rmseScale converts back", () => {
    const p = load("diabetes");
    const y = p.train.y;
    const mean = y.reduce((a, b) => a + b, 0) / y.length;
    expect(mean).toBeCloseTo(0, 5);
    const scale = p.info?.rmseScale as number;
    expect(scale).toBeGreaterThan(60);
    expect(scale).toBeLessThan(90);
  });
});
