import { createModel } from "@arena/nn";
import { OptionsError } from "@arena/options";
import { Rng } from "@arena/rng";
import { describe, expect, it } from "vitest";
import { ModelRandomSearch, type ModelRandomSearchState } from "../src/index.ts";
import { XOR_241, xorProblem } from "./fixtures.ts";

describe("ModelRandomSearch", () => {
  const model = createModel(XOR_241, new Rng(1));
  const options = () => ({ model, initial: model.params, populationSize: 5, rng: new Rng(2) });

  it("starts with the initial weights and learns nothing from the scores", () => {
    const a = new ModelRandomSearch(options());
    const b = new ModelRandomSearch(options());
    expect(Array.from(a.ask().subarray(0, model.size))).toEqual(Array.from(model.params));
    b.ask();
    a.tell([1, 2, 3, 4, 5]);
    b.tell([5, 4, 3, 2, 1]);
    // different scores, same next samples
    expect(a.ask()).toEqual(b.ask());
    expect(a.best().f).toBe(1);
    expect(b.best().f).toBe(1);
    expect(Array.from(a.best().x)).toEqual(Array.from(model.params));
    expect(Array.from(b.best().x)).not.toEqual(Array.from(model.params));
  });

  it("finds better XOR weights than its first sample as it draws more", () => {
    const rs = new ModelRandomSearch({ ...options(), populationSize: 20 });
    const f = new Float64Array(20);
    model.lossBatch(rs.ask(), 20, xorProblem.train, f);
    rs.tell(f);
    const first = rs.best().f;
    for (let g = 0; g < 20; g++) {
      model.lossBatch(rs.ask(), 20, xorProblem.train, f);
      rs.tell(f);
    }
    expect(rs.best().f).toBeLessThan(first);
  });

  it("resumes from a JSON round trip of its state exactly", () => {
    const a = new ModelRandomSearch(options());
    a.ask();
    a.tell([3, 1, 2, 5, 4]);
    const s = JSON.parse(JSON.stringify(a.state())) as ModelRandomSearchState;
    const b = ModelRandomSearch.fromState(s, model, model.params);
    expect(b.ask()).toEqual(a.ask());
    a.tell([1, 1, 1, 1, 1]);
    b.tell([1, 1, 1, 1, 1]);
    expect(b.ask()).toEqual(a.ask());
    expect(b.state()).toEqual(a.state());
  });

  it("validates its options", () => {
    expect(() => new ModelRandomSearch({ ...options(), populationSize: 0 })).toThrow(OptionsError);
    expect(() => new ModelRandomSearch({ ...options(), populationSize: 0 })).toThrow(
      /^ModelRandomSearch: populationSize: Too small: expected number to be >=1 \(got 0\)$/,
    );
    expect(() => new ModelRandomSearch({ ...options(), spread: 1 } as never)).toThrow(
      /^ModelRandomSearch: unknown key "spread"; known keys: model, initial, scheme, bounds, populationSize, rng$/,
    );
    expect(() => new ModelRandomSearch({ ...options(), model: {} } as never)).toThrow(
      /^ModelRandomSearch: model: expected an nn Model \(got \{\}\)$/,
    );
    expect(() => new ModelRandomSearch({ ...options(), initial: new Float32Array(3) })).toThrow(
      /initial has 3 entries, the model has 17/,
    );
  });
});
