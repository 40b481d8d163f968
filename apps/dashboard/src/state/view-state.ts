import { X_AXES, type XAxis, Y_KINDS, type YKind } from "../transforms/axes.ts";

/** What the filters in the header select; kept in the URL's hash so a view can be shared. */
export interface ViewState {
  /** Problem name; null = the first problem. */
  problem: string | null;
  /** Learner keys (`model/learner`) shown; null = all learners of the problem. */
  learners: string[] | null;
  /** Loss or metric on the y axes. */
  y: YKind;
  /** Cost or progress on the x axes. */
  x: XAxis;
  logX: boolean;
  /** Log y axis; null = automatic (log for the loss, linear for the metric). */
  logY: boolean | null;
  /** Draw every seed's raw curve under the median and band. */
  seeds: boolean;
}

export const DEFAULT_VIEW_STATE: ViewState = {
  problem: null,
  learners: null,
  y: "loss",
  x: "flops",
  logX: true,
  logY: null,
  seeds: false,
};

function flag(v: string | null): boolean | null {
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return null;
}

/**
 * Reads the view state from a URL hash such as
 * `#problem=digits&learner=mlp%2Fpso&learner=mlp%2Fga&y=metric&x=epoch&logx=0&seeds=1`.
 * Unknown keys and values that are not valid are ignored (the default is kept), so an old or
 * hand-edited link still opens.
 *
 * @example
 * ```ts
 * parseViewState("#problem=xor&x=epoch").x; // "epoch"
 * ```
 */
export function parseViewState(hash: string): ViewState {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const state: ViewState = { ...DEFAULT_VIEW_STATE };
  const problem = params.get("problem");
  if (problem) state.problem = problem;
  if (params.has("learner")) state.learners = params.getAll("learner").filter((l) => l !== "");
  else if (params.get("learners") === "none") state.learners = [];
  const y = params.get("y");
  if (y !== null && (Y_KINDS as readonly string[]).includes(y)) state.y = y as YKind;
  const x = params.get("x");
  if (x !== null && (X_AXES as readonly string[]).includes(x)) state.x = x as XAxis;
  state.logX = flag(params.get("logx")) ?? DEFAULT_VIEW_STATE.logX;
  state.logY = flag(params.get("logy"));
  state.seeds = flag(params.get("seeds")) ?? DEFAULT_VIEW_STATE.seeds;
  return state;
}

/** Writes the view state as a URL hash, leaving out what is at its default. */
export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.problem !== null) params.set("problem", state.problem);
  if (state.learners !== null) {
    if (state.learners.length === 0) params.set("learners", "none");
    for (const l of state.learners) params.append("learner", l);
  }
  if (state.y !== DEFAULT_VIEW_STATE.y) params.set("y", state.y);
  if (state.x !== DEFAULT_VIEW_STATE.x) params.set("x", state.x);
  if (state.logX !== DEFAULT_VIEW_STATE.logX) params.set("logx", state.logX ? "1" : "0");
  if (state.logY !== null) params.set("logy", state.logY ? "1" : "0");
  if (state.seeds) params.set("seeds", "1");
  const s = params.toString();
  return s === "" ? "" : `#${s}`;
}

/** The effective log-y setting: explicit, or log for the loss and linear for the metric. */
export function effectiveLogY(state: ViewState): boolean {
  return state.logY ?? state.y === "loss";
}
