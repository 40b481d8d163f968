import { OptionsError } from "@arena/options";
import { describe, expect, it } from "vitest";
import { OpenAIES, type OpenAIESOptions, SNES, type SNESOptions } from "../src/index.ts";

const base = { dim: 3, lower: -1, upper: 1, rng: 1 };

describe("bad options", () => {
  const openai: [Partial<OpenAIESOptions>, RegExp][] = [
    [{ populationSize: 5 }, /^OpenAIES: populationSize: .*multiple of 2 \(got 5\)$/],
    [{ sigma: -1 }, /^OpenAIES: sigma: .*>0 \(got -1\)$/],
    [{ learningRate: 0 }, /^OpenAIES: learningRate: .*>0 \(got 0\)$/],
    [{ weightDecay: -0.1 }, /^OpenAIES: weightDecay: .*>=0 \(got -0.1\)$/],
    [{ initialMean: [0, 2, 0] }, /^OpenAIES: initialMean\[1\]: expected inside the box .* \(got 2\)$/],
  ];
  const snes: [Partial<SNESOptions>, RegExp][] = [
    [{ populationSize: 1 }, /^SNES: populationSize: .*>=2 \(got 1\)$/],
    [{ learningRateSigma: Number.NaN }, /^SNES: learningRateSigma: .*\(got NaN\)$/],
    [{ learningRateMean: 0 }, /^SNES: learningRateMean: .*>0 \(got 0\)$/],
    [{ initialSigma: 0 }, /^SNES: initialSigma: .*\(got 0\)$/],
    [{ initialSigma: [1, 1] }, /^SNES: initialSigma: expected one number, or dim = 3 .*\(got 2\)$/],
    [{ initialMean: [0, 0] }, /^SNES: initialMean: expected dim = 3 entries \(got 2\)$/],
  ];

  it("throw one-line OptionsErrors naming the key, the expectation and the value", () => {
    for (const [extra, message] of openai) {
      const make = () => new OpenAIES({ ...base, ...extra } as OpenAIESOptions);
      expect(make).toThrow(OptionsError);
      expect(make).toThrow(message);
    }
    for (const [extra, message] of snes) {
      const make = () => new SNES({ ...base, ...extra } as SNESOptions);
      expect(make).toThrow(OptionsError);
      expect(make).toThrow(message);
    }
  });

  it("name unknown keys, a missing stream and a box without an init range", () => {
    expect(() => new SNES({ ...base, sigma: 1 } as never)).toThrow(
      /^SNES: unknown key "sigma"; known keys: /,
    );
    expect(() => new OpenAIES({ dim: 3, lower: -1, upper: 1 } as never)).toThrow(
      /^OpenAIES: rng: expected an Rng/,
    );
    expect(() => new SNES({ dim: 3, rng: 1 })).toThrow(/^SNES: initLower\[0\]: expected a finite number/);
  });
});
