import type { ProblemReport, Report } from "@arena/results";
import type { Data, Layout } from "plotly.js";
import type { LearnerGroup, ProblemGroup } from "../data/groups.ts";
import type { ViewState } from "../state/view-state.ts";

/** One Plotly figure of a view. `id` is stable across renders so the plot can be updated in place. */
export interface Figure {
  id: string;
  data: Data[];
  layout: Partial<Layout>;
  /** Height in CSS pixels. */
  height: number;
}

/** A row of a table: `strong` = significant; `tone` marks a baseline's row or a flagged learner. */
export interface TableRow {
  cells: string[];
  strong?: boolean;
  tone?: "baseline" | "warn";
}

/** A table under a view's figures (every cell is plain text). */
export interface TableSpec {
  /** Stable name of the table (the `data-table` attribute), e.g. "versus-best". */
  id?: string;
  caption: string;
  head: string[];
  rows: TableRow[];
}

/** What a view draws for the current filters: figures, notes, tables. No DOM: testable in Node. */
export interface ViewOutput {
  figures: Figure[];
  notes: string[];
  tables: TableSpec[];
}

/** What every view gets. */
export interface ViewContext {
  problem: ProblemGroup;
  /** The learners the filter selects, in the problem's order. */
  learners: LearnerGroup[];
  state: ViewState;
  /** The report's section for this problem, when report.json is loaded and has it. */
  report: ProblemReport | null;
  /** Whether any report.json is loaded (to tell "no report" from "report without this problem"). */
  reportLoaded: boolean;
  /** The report's significance level (`settings.alpha`), when loaded. */
  alpha: number | null;
  /** The report's settings, when loaded (absent in contexts built before it existed). */
  settings?: Report["settings"] | null;
  /** A colour per learner key, the same in every view. */
  colors: Map<string, string>;
}

/** A section of the dashboard. */
export interface ViewSpec {
  id: string;
  title: string;
  /** What the view shows and how it is computed, in a sentence or two. */
  description: string;
  build(ctx: ViewContext): ViewOutput;
  /**
   * Whether the section belongs on the page for this data (default: always). A view that only some
   * results can feed (tuning trials) hides instead of saying "nothing here" on every dashboard.
   */
  shown?(problems: ProblemGroup[]): boolean;
}
