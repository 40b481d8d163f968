import { type Dataset, getProblem, type Problem } from "@arena/datasets";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { fitBaselines } from "../src/index.ts";

/** The split with its target rows shuffled (and, with `noise`, its inputs replaced by noise). */
function scrambled(ds: Dataset, rng: Rng, noise: boolean): Dataset {
  const per = ds.y.length / ds.n;
  const order = rng.permutation(ds.n);
  const y = new Float32Array(ds.y.length);
  for (let i = 0; i < ds.n; i++) y.set(ds.y.subarray(order[i] * per, (order[i] + 1) * per), i * per);
  const x = noise ? Float32Array.from(ds.x, () => rng.normal(0, 3)) : ds.x;
  return { ...ds, x, y };
}

function load(name: string, options: Record<string, unknown>): Problem {
  const loaded = getProblem(name).load(new Rng("x"), options);
  // The registry may not mark airline as a forecast yet; its season is 12 months.
  return name === "airline" ? { ...loaded, forecast: loaded.forecast ?? { period: 12 } } : loaded;
}

const CASES: [string, Record<string, unknown>][] = [
  ["iris", {}],
  ["moons", {}],
  ["digits", { trainSize: 100 }],
  ["diabetes", {}],
  ["airline", {}],
];

describe("settings are chosen without the test split", () => {
  it.each(CASES)(
    "%s: scrambling test inputs and targets changes no setting and no train/validation figure",
    (name, options) => {
      const problem = load(name, options);
      const a = fitBaselines(problem);
      const b = fitBaselines({ ...problem, test: scrambled(problem.test, new Rng("scramble"), true) });
      expect(b.map((r) => r.method)).toEqual(a.map((r) => r.method));
      for (let i = 0; i < a.length; i++) {
        expect(b[i].settings).toEqual(a[i].settings);
        expect(b[i].description).toBe(a[i].description);
        expect(b[i].fitFlops).toBe(a[i].fitFlops);
        expect(b[i].train).toEqual(a[i].train);
        expect(b[i].validation).toEqual(a[i].validation);
      }
      // The test figures do read the scrambled split.
      const linearA = a.find((r) => r.method === "linear");
      const linearB = b.find((r) => r.method === "linear");
      expect(linearB?.test.metric).not.toBe(linearA?.test.metric);
    },
  );

  // The control: the same scrambling applied to validation does move λ, so the check above can fail.
  it.each(CASES)("%s: shuffling the validation targets instead changes the chosen λ", (name, options) => {
    const problem = load(name, options);
    const lambda = (p: Problem) => fitBaselines(p).find((r) => r.method === "linear")?.settings.lambdaFactor;
    const shuffled = { ...problem, validation: scrambled(problem.validation, new Rng("s"), false) };
    expect(lambda(shuffled)).not.toBe(lambda(problem));
  });
});
