import { rastrigin } from "@arena/objectives";
import { OptionsError } from "@arena/options";
import { describe, expect, it } from "vitest";
import { DifferentialEvolution, Shade } from "../src/index.ts";

const f = rastrigin(4);
const box = { dim: 4, lower: f.lower, upper: f.upper };

type Optimizer = DifferentialEvolution<"float64" | "float32"> | Shade<"float64" | "float32">;

/** Runs `generations` ask/tell pairs (reading the size each time: L-SHADE's shrinks). */
function step(o: Optimizer, generations: number): void {
  for (let g = 0; g < generations; g++) {
    const n = o.populationSize;
    const out = new Float64Array(n);
    f.evaluateBatch(o.ask(), n, out);
    o.tell(out);
  }
}

const resume = (o: Optimizer): Optimizer => {
  const json = JSON.parse(JSON.stringify(o.state()));
  return o instanceof Shade ? Shade.fromState(json) : DifferentialEvolution.fromState(json);
};

const variants: [string, () => Optimizer][] = [
  ["DE rand/1/bin", () => new DifferentialEvolution({ ...box, rng: 1 })],
  [
    "DE best/1/bin float32",
    () => new DifferentialEvolution({ ...box, strategy: "best/1/bin", rng: 2, precision: "float32" }),
  ],
  ["SHADE", () => new Shade({ ...box, populationSize: 20, rng: 3 })],
  [
    "L-SHADE float32",
    () => new Shade({ ...box, variant: "l-shade", maxEvaluations: 3000, rng: 4, precision: "float32" }),
  ],
];

describe("exact resume: state → JSON → fromState → identical next asks", () => {
  for (const [name, make] of variants) {
    it(name, () => {
      for (const at of [0, 1, 7, 40]) {
        const a = make();
        step(a, at);
        a.ask(); // also between an ask and its tell
        const b = resume(a);
        expect(b.precision).toBe(a.precision);
        for (let g = 0; g < 12; g++) {
          expect(b.populationSize).toBe(a.populationSize);
          expect(Array.from(b.ask())).toEqual(Array.from(a.ask()));
          step(a, 1);
          step(b, 1);
        }
        expect(b.best()).toEqual(a.best());
        expect(b.state()).toEqual(a.state());
      }
    });
  }
});

describe("bad options throw one OptionsError line naming the key", () => {
  const cases: [() => unknown, RegExp][] = [
    [() => new DifferentialEvolution({ ...box, rng: 1, F: 0 }), /^DifferentialEvolution: F: .*\(got 0\)$/],
    [
      () => new DifferentialEvolution({ ...box, rng: 1, CR: 1.5 }),
      /^DifferentialEvolution: CR: .*\(got 1.5\)$/,
    ],
    [
      () => new DifferentialEvolution({ ...box, rng: 1, populationSize: 3 }),
      /^DifferentialEvolution: populationSize: /,
    ],
    [
      () => new DifferentialEvolution({ ...box, rng: 1, strategy: "rand/2/exp" as never }),
      /^DifferentialEvolution: strategy: /,
    ],
    [
      () => new DifferentialEvolution({ dim: 2, rng: 1 }),
      /^DifferentialEvolution: initLower\[0\]: expected a finite number/,
    ],
    [
      () => new Shade({ ...box, rng: 1, variant: "l-shade" }),
      /^Shade: maxEvaluations: required for variant "l-shade"/,
    ],
    [
      () => new Shade({ ...box, rng: 1, maxEvaluations: 10 }),
      /^Shade: maxEvaluations: only for variant "l-shade"/,
    ],
    [() => new Shade({ ...box, rng: 1, memorySize: 0 }), /^Shade: memorySize: /],
    [() => new Shade({ ...box, rng: 1, pBest: 0 }), /^Shade: pBest: /],
    [
      () =>
        new Shade({
          ...box,
          rng: 1,
          variant: "l-shade",
          maxEvaluations: 100,
          populationSize: 8,
          minPopulationSize: 9,
        }),
      /^Shade: minPopulationSize: expected <= populationSize = 8/,
    ],
    [() => new Shade({ ...box, rng: 1, archiveSize: 3 } as never), /^Shade: .*archiveSize/],
    [
      () => new Shade({ ...box, rng: 1, populationSize: 4, initialPopulation: [[0, 0, 0]] }),
      /^Shade: initialPopulation\[0\]: /,
    ],
    [
      () => new Shade({ ...box, rng: 1, populationSize: 4, initialPopulation: Array(5).fill([0, 0, 0, 0]) }),
      /^Shade: initialPopulation: /,
    ],
  ];
  it.each(cases.map(([make, re], i) => [i, make, re] as const))("case %i", (_, make, re) => {
    let error: unknown;
    try {
      make();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OptionsError);
    const message = (error as Error).message;
    expect(message).toMatch(re);
    expect(message).not.toContain("\n");
  });
});

describe("Shade's initialPopulation", () => {
  it("replaces the first rows of the first generation and leaves the stream as without it", () => {
    const rows = [
      [1, 2, 3, 4],
      [-1, -2, -3, -4],
    ];
    const plain = new Shade({ ...box, rng: 5, populationSize: 6 });
    const seeded = new Shade({ ...box, rng: 5, populationSize: 6, initialPopulation: rows });
    const a = plain.ask();
    const b = seeded.ask();
    expect(Array.from(b.subarray(0, 8))).toEqual(rows.flat());
    expect(Array.from(b.subarray(8))).toEqual(Array.from(a.subarray(8)));
    expect(seeded.state().rng).toEqual(plain.state().rng);
  });
});
