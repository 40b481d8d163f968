import { X_AXES, type XAxis, Y_KINDS, type YKind } from "../transforms/axes.ts";
import { isPageId, type PageId } from "./pages.ts";

/** What the filters in the header select; kept in the URL's hash so a view can be shared. */
export interface ViewState {
  /** The page shown: the overview across problems, one problem's views, or two results sets compared. */
  page: PageId;
  /** Problem name; null = the first problem (on the compare page: every problem). */
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
  page: "overview",
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

/** The keys of the problem page's filters. */
const PROBLEM_KEYS = ["problem", "learner", "learners", "y", "x", "logx", "logy", "seeds"];

/**
 * The page a hash opens: the one it names; without a (valid) `page`, the problem page when it sets
 * any of that page's filters (a link written before the overview existed, which always meant a
 * problem's views), else the dashboard's home page.
 */
function pageOf(params: URLSearchParams, home: PageId): PageId {
  const page = params.get("page");
  if (isPageId(page)) return page;
  return PROBLEM_KEYS.some((k) => params.has(k)) ? "problem" : home;
}

/**
 * Reads the view state from a URL hash such as
 * `#page=problem&problem=digits&learner=mlp%2Fpso&learner=mlp%2Fga&y=metric&x=epoch&logx=0&seeds=1`.
 * Unknown keys and values that are not valid are ignored (the default is kept), so an old or
 * hand-edited link still opens; a link without `page` that sets a filter opens the problem page, one
 * that sets nothing opens `home` (the overview, or the compare page of a dashboard holding two sets).
 *
 * @example
 * ```ts
 * parseViewState("#problem=xor&x=epoch").x; // "epoch"
 * parseViewState("#problem=xor").page; // "problem"
 * parseViewState("").page; // "overview"
 * ```
 */
export function parseViewState(hash: string, home: PageId = DEFAULT_VIEW_STATE.page): ViewState {
  const params = new URLSearchParams(hash.startsWith("#") ? hash.slice(1) : hash);
  const state: ViewState = { ...DEFAULT_VIEW_STATE, page: pageOf(params, home) };
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

/**
 * Writes the view state as a URL hash, leaving out what is at its default. The page comes first and
 * is written whenever anything is (a filter without a page would mean the problem page), so the
 * default state on the `home` page is the empty hash and every other link names its page.
 */
export function formatViewState(state: ViewState, home: PageId = DEFAULT_VIEW_STATE.page): string {
  const params = new URLSearchParams();
  params.set("page", state.page);
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
  return s === `page=${home}` ? "" : `#${s}`;
}

/** The effective log-y setting: explicit, or log for the loss and linear for the metric. */
export function effectiveLogY(state: ViewState): boolean {
  return state.logY ?? state.y === "loss";
}
