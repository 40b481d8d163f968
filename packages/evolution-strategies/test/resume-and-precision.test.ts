import { minimize, sphere } from "@arena/objectives";
import { describe, expect, it } from "vitest";
import { OpenAIES, SNES } from "../src/index.ts";

const f = sphere(6);
const box = { lower: f.lower, upper: f.upper };
const makers = {
  OpenAIES: (precision: "float64" | "float32", rng: number) =>
    new OpenAIES({ dim: 6, ...box, sigma: 0.3, learningRate: 0.05, populationSize: 8, rng, precision }),
  SNES: (precision: "float64" | "float32", rng: number) => new SNES({ dim: 6, ...box, rng, precision }),
};
const resume = {
  OpenAIES: (s: unknown) => OpenAIES.fromState(s as never),
  SNES: (s: unknown) => SNES.fromState(s as never),
};

describe.each(["OpenAIES", "SNES"] as const)("%s", (name) => {
  it("resumes exactly: state → JSON → fromState gives identical next asks, in either precision", () => {
    for (const precision of ["float64", "float32"] as const) {
      const a = makers[name](precision, 7);
      minimize(a, f, { maxGenerations: 12 });
      // Mid-generation too: asked and not yet told.
      a.ask();
      const json = JSON.parse(JSON.stringify(a.state()));
      expect(json.type).toBe(name);
      expect(json.precision).toBe(precision);
      const b = resume[name](json);
      expect(b.precision).toBe(precision);
      expect(b.generation).toBe(12);
      expect(b.ask()).toEqual(a.ask());
      expect(b.mean()).toEqual(a.mean());
      expect(b.sigma()).toEqual(a.sigma());
      const ra = minimize(a, f, { maxGenerations: 15 });
      const rb = minimize(b, f, { maxGenerations: 15 });
      expect(rb.history).toEqual(ra.history);
      expect(b.ask()).toEqual(a.ask());
      expect(b.state()).toEqual(a.state());
    }
  });

  it("asks in its precision, is seeded, and refuses to resume in another precision", () => {
    expect(makers[name]("float64", 1).ask()).toBeInstanceOf(Float64Array);
    const a32 = makers[name]("float32", 1);
    expect(a32.ask()).toBeInstanceOf(Float32Array);
    expect(a32.meanVector()).toBeInstanceOf(Float32Array);
    expect(makers[name]("float64", 1).ask()).toEqual(makers[name]("float64", 1).ask());
    expect(makers[name]("float64", 1).ask()).not.toEqual(makers[name]("float64", 2).ask());
    const json = JSON.parse(JSON.stringify(a32.state()));
    expect(() =>
      name === "SNES" ? SNES.fromState(json, "float64") : OpenAIES.fromState(json, "float64"),
    ).toThrow(new RegExp(`${name}.fromState: the state was saved in float32 precision, expected float64`));
    expect(() => resume[name]({ ...json, type: "Other" })).toThrow(/state is of type Other/);
    expect(() => resume[name]({ ...json, mean: [1] })).toThrow(
      /state field mean must be an array of 6 numbers/,
    );
  });
});
