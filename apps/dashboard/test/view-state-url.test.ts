import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PAGES } from "../src/state/pages.ts";
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
      page: fc.constantFrom(...PAGES),
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
      page: "problem",
      problem: "digits",
      learners: ["mlp/pso", "mlp/ga"],
      x: "epoch",
      logX: false,
    });
  });

  it("opens the overview by default, and the problem page from a link written before pages existed", () => {
    expect(parseViewState("").page).toBe("overview");
    expect(parseViewState("#").page).toBe("overview");
    expect(parseViewState("#zoom=3").page).toBe("overview");
    // Old links: a problem or any filter, and no page.
    expect(parseViewState("#problem=digits").page).toBe("problem");
    expect(parseViewState("#x=epoch").page).toBe("problem");
    expect(parseViewState("#learners=none").page).toBe("problem");
    expect(parseViewState("#seeds=1").page).toBe("problem");
    // A page named wins; a page that does not exist is ignored like any bad value.
    expect(parseViewState("#page=overview&problem=digits").page).toBe("overview");
    expect(parseViewState("#page=problem").page).toBe("problem");
    expect(parseViewState("#page=compare").page).toBe("compare");
    expect(parseViewState("#page=tuning&problem=digits").page).toBe("problem");
    expect(parseViewState("#page=bogus").page).toBe("overview");
  });

  it("names the page in every link but the default one", () => {
    expect(formatViewState({ ...DEFAULT_VIEW_STATE, page: "problem" })).toBe("#page=problem");
    expect(formatViewState({ ...DEFAULT_VIEW_STATE, page: "problem", problem: "iris" })).toBe(
      "#page=problem&problem=iris",
    );
    // The overview keeps the problem page's filters, so going back finds them.
    expect(formatViewState({ ...DEFAULT_VIEW_STATE, problem: "iris", x: "epoch" })).toBe(
      "#page=overview&problem=iris&x=epoch",
    );
  });

  it("uses a log y axis for the loss and a linear one for the metric unless set", () => {
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "loss" })).toBe(true);
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "metric" })).toBe(false);
    expect(effectiveLogY({ ...DEFAULT_VIEW_STATE, y: "metric", logY: true })).toBe(true);
  });
});
