import fc from "fast-check";
import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { Rng } from "../src/index.ts";

const draw = (rng: Rng, n: number) => Array.from({ length: n }, () => rng.float());

describe("Rng streams", () => {
  it("is seedrandom's Alea underneath: float() equals alea(seed)() draw for draw", () => {
    const ref = seedrandom.alea("42");
    const rng = new Rng(42);
    for (let i = 0; i < 1000; i++) expect(rng.float()).toBe(ref());
  });

  it("gives the same sequence for the same seed, and different ones for different seeds", () => {
    expect(draw(new Rng(7), 100)).toEqual(draw(new Rng(7), 100));
    expect(draw(new Rng(7), 100)).not.toEqual(draw(new Rng(8), 100));
    expect(draw(new Rng("7"), 100)).toEqual(draw(new Rng(7), 100));
  });

  it("forks from the seed and label only, whatever the parent has drawn or forked before", () => {
    const a = new Rng(1);
    const b = new Rng(1);
    draw(b, 12345);
    b.fork("other");
    b.normal();
    expect(draw(a.fork("digits"), 50)).toEqual(draw(b.fork("digits"), 50));
    expect(a.fork("digits").fork("pso").fork(3).seed).toBe("1/digits/pso/3");
    expect(draw(a.fork("digits").fork("pso").fork(3), 20)).toEqual(draw(new Rng("1/digits/pso/3"), 20));
  });

  it("gives different streams for different labels, and forking does not advance the parent", () => {
    const r = new Rng(5);
    expect(draw(r.fork("a"), 50)).not.toEqual(draw(r.fork("b"), 50));
    expect(draw(r.fork(1), 50)).not.toEqual(draw(r.fork(2), 50));
    const x = new Rng(5);
    x.fork("a");
    expect(draw(x, 10)).toEqual(draw(new Rng(5), 10));
  });

  it("resumes exactly from state(), including a pending Box–Muller spare", () => {
    fc.assert(
      fc.property(fc.integer(), fc.nat(200), (seed, skip) => {
        const r = new Rng(seed);
        for (let i = 0; i < skip; i++) r.float();
        r.normal(); // leaves a spare behind
        const saved = JSON.parse(JSON.stringify(r.state()));
        const resumed = Rng.fromState(saved);
        const next = [r.normal(), r.float(), r.int(0, 1000), r.normal(), r.normal()];
        const again = [
          resumed.normal(),
          resumed.float(),
          resumed.int(0, 1000),
          resumed.normal(),
          resumed.normal(),
        ];
        expect(again).toEqual(next);
        expect(resumed.seed).toBe(r.seed);
      }),
      { numRuns: 50 },
    );
  });

  it("rejects malformed state and bad arguments with messages naming the value", () => {
    expect(() => Rng.fromState({ seed: "1" } as never)).toThrow(/fromState: expected/);
    expect(() => new Rng(Number.NaN)).toThrow(/seed must be a finite number/);
    const r = new Rng(0);
    expect(() => r.int(5, 5)).toThrow(/hiExclusive \(5\) must be greater than lo \(5\)/);
    expect(() => r.int(0.5, 3)).toThrow(/safe integers/);
    expect(() => r.uniform(2, 1)).toThrow(/hi \(1\) must be >= lo \(2\)/);
    expect(() => r.normal(0, -1)).toThrow(/std must be/);
    expect(() => r.bernoulli(1.5)).toThrow(/p must be in \[0, 1\], got 1.5/);
    expect(() => r.sample(3, 4)).toThrow(/k must be an integer in \[0, n=3\], got 4/);
    expect(() => r.fork("")).toThrow(/label must not be empty/);
  });
});
