import type { LoadedData } from "../data/load-data.ts";
import { VIEWS } from "../views/all-views.ts";
import type { TableSpec, ViewContext, ViewOutput, ViewSpec } from "../views/view.ts";
import { clear, el } from "./dom.ts";
import type { PlotlyApi } from "./plotly-global.ts";
import { renderFigures } from "./render-figures.ts";

/** The page's section of one view: its notes list, figures and tables. */
export interface ViewSection {
  root: HTMLElement;
  notes: HTMLElement;
  figures: HTMLElement;
  tables: HTMLElement;
}

/**
 * Appends one section per view (title, description, notes, figures, tables) to `container`, and puts
 * the empty state (shown when there are no runs) before them.
 */
export function createViewSections(container: HTMLElement): {
  sections: Map<string, ViewSection>;
  empty: HTMLElement;
} {
  const sections = new Map<string, ViewSection>(
    VIEWS.map((v) => {
      const notes = el("ul", { class: "view-notes" });
      const figures = el("div", { class: "figures" });
      const tables = el("div", { class: "tables" });
      const root = el("section", { class: "view", attrs: { id: `view-${v.id}` } }, [
        el("h2", { text: v.title }),
        el("p", { class: "description", text: v.description }),
        notes,
        figures,
        tables,
      ]);
      container.append(root);
      return [v.id, { root, notes, figures, tables }];
    }),
  );
  const empty = el("section", { class: "empty", attrs: { id: "empty-state" } });
  container.prepend(empty);
  return { sections, empty };
}

/** Says why there is nothing to show and how to load results. */
export function renderEmptyState(empty: HTMLElement, data: LoadedData): void {
  clear(empty);
  empty.append(
    el("h2", { text: "No runs to show" }),
    el("p", {
      text:
        data.skipped.length > 0
          ? "The results file was read, but none of its lines is a readable arena.run/1 record (see the notes above)."
          : "No results are loaded yet.",
    }),
    el("ul", {}, [
      el("li", {
        text: "Open results.jsonl (and optionally report.json) with the “Open files” button, or drop them anywhere on this page.",
      }),
      el("li", {
        text: "arena report DIR --html writes a dashboard with DIR's results embedded into DIR/dashboard/.",
      }),
      el("li", { text: "pnpm dashboard builds one for reports/latest and serves it on localhost." }),
    ]),
  );
}

/** A table as HTML (every cell as text), in a scrolling wrapper. */
export function renderTable(spec: TableSpec): HTMLElement {
  const table = el("table", { class: "comparisons", attrs: spec.id ? { "data-table": spec.id } : {} }, [
    el("caption", { text: spec.caption }),
    el("thead", {}, [
      el(
        "tr",
        {},
        spec.head.map((h) => el("th", { text: h })),
      ),
    ]),
    el(
      "tbody",
      {},
      spec.rows.map((r) =>
        el(
          "tr",
          { class: [r.strong ? "significant" : "", r.tone ?? ""].filter(Boolean).join(" ") },
          r.cells.map((c) => el("td", { text: c })),
        ),
      ),
    ),
  ]);
  return el("div", { class: "table-wrap" }, [table]);
}

/** A view's output; a view that throws gives a note saying so (one broken view must not blank the page). */
export function buildViewOutput(view: ViewSpec, ctx: ViewContext): ViewOutput {
  try {
    return view.build(ctx);
  } catch (e) {
    return {
      figures: [],
      notes: [`This view could not be drawn: ${e instanceof Error ? e.message : String(e)}`],
      tables: [],
    };
  }
}

/** Replaces a section's notes and tables with the view's, and draws its figures (the promise of the drawing). */
export function showViewOutput(section: ViewSection, out: ViewOutput, plotly: PlotlyApi): Promise<void> {
  clear(section.notes);
  clear(section.tables);
  for (const n of out.notes) section.notes.append(el("li", { text: n }));
  for (const t of out.tables) section.tables.append(renderTable(t));
  return renderFigures(section.figures, out.figures, plotly);
}
