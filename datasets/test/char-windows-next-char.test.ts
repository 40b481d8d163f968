import { describe, expect, it } from "vitest";
import { argmaxRows, charVocabulary, charWindows } from "../src/index.ts";

const text = "to be, or not to be: that is the question.";

describe("charVocabulary / charWindows", () => {
  it("the vocabulary is the sorted distinct characters", () => {
    const v = charVocabulary(text);
    expect(v.join("")).toBe(" ,.:abehinoqrstu");
  });

  it("every-step targets are the inputs shifted by one character", () => {
    const v = charVocabulary(text);
    const starts = [0, 5, 20];
    const T = 8;
    const ds = charWindows(text, v, starts, { length: T, readout: "every-step", encoding: "one-hot" });
    expect([ds.xShape, ds.yShape]).toEqual([
      [T, v.length],
      [T, v.length],
    ]);
    const xi = argmaxRows(ds.x, v.length);
    const yi = argmaxRows(ds.y, v.length);
    starts.forEach((s, w) => {
      const decoded = Array.from(xi.subarray(w * T, (w + 1) * T), (c) => v[c]).join("");
      expect(decoded).toBe(text.slice(s, s + T));
      expect(Array.from(yi.subarray(w * T, (w + 1) * T), (c) => v[c]).join("")).toBe(
        text.slice(s + 1, s + T + 1),
      );
    });
  });

  it("last readout with index encoding predicts the character after the window", () => {
    const v = charVocabulary(text);
    const ds = charWindows(text, v, [3], { length: 5, readout: "last", encoding: "index" });
    expect([ds.xShape, ds.yShape]).toEqual([[5, 1], [v.length]]);
    expect(Array.from(ds.x, (c) => v[c]).join("")).toBe(text.slice(3, 8));
    expect(v[argmaxRows(ds.y, v.length)[0]]).toBe(text[8]);
  });

  it("rejects windows that run past the end and unknown characters", () => {
    const v = charVocabulary(text);
    expect(() =>
      charWindows(text, v, [text.length - 3], { length: 5, readout: "last", encoding: "index" }),
    ).toThrow(/window 0 starts at/);
    expect(() =>
      charWindows("xyz!", ["x", "y", "z"], [0], { length: 3, readout: "last", encoding: "index" }),
    ).toThrow(/"!" at 3 is not in the vocabulary/);
  });
});
