import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_VIEW_STATE,
  effectiveLogY,
  formatViewState,
  parseViewState,
  type ViewState,
} from "../src/state/view-state.ts";
import { X_AXES, Y_KINDS } from "../src/transforms/axes.ts";

describe("view state in the URL hash", () => {
  it("round-trips any state, names with &, = and # included", () => {
    const state = fc.record({
      problem: fc.option(fc.string({ minLength: 1 }), { nil: null }),
      learners: fc.option(fc.array(fc.string({ minLength: 1 }), { maxLength: 4 }), { nil: null }),
      y: fc.constantFrom(...Y_KINDS),
      x: fc.constantFrom(...X_AXES),
      logX: fc.boolean(),
      logY: fc.option(fc.boolean(), { nil: null }),
      seeds: fc.boolean(),
    });
    fc.assert(
      fc.property(state, (s: ViewState) => {
        expect(parseViewState(formatViewState(s))).toEqual(s);
      }),
    );
  });

  it("writes nothing for the default state", () => {
    expect(formatViewState(DEFAULT_VIEW_STATE)).toBe("");
    expect(parseViewState("")).toEqual(DEFAULT_VIEW_STATE);
  });

  it("reads a hand-written link and ignores what it does not know", () => {
    const s = parseViewState(
      "#problem=digits&learner=mlp%2Fpso&learner=mlp%2Fga&x=epoch&y=bogus&logx=0&zoom=3",
    );
    expect(s).toEqual({
      ...DEFAULT_VIEW_STATE,
      problem: "digits",
      learners: ["mlp/pso", "mlp/ga"],
      x: "epoch",
      logX: false,
    });
  });

  it("uses a log y axis for the loss and a linear one for the metric unless set", () => {
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "loss" })).toBe(true);
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "metric" })).toBe(false);
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "metric", logY: true })).toBe(true);
  });
});
