import { groupRuns, type ProblemGroup } from "./data/groups.ts";
import { type DataInput, type LoadedData, loadData } from "./data/load-data.ts";
import { loadNotes, type Note } from "./data/load-notes.ts";
import { formatViewState, parseViewState, type ViewState } from "./state/view-state.ts";
import { clear, el } from "./ui/dom.ts";
import { acceptDroppedFiles, readPickedFiles } from "./ui/file-input.ts";
import { createFilters } from "./ui/filters.ts";
import { renderNotes } from "./ui/notes-panel.ts";
import type { PlotlyApi } from "./ui/plotly-global.ts";
import { renderFigures } from "./ui/render-figures.ts";
import { VIEWS } from "./views/all-views.ts";
import { colorMap } from "./views/figure-style.ts";
import type { TableSpec, ViewContext } from "./views/view.ts";

/** Timings and counters the app exposes on `window.__arena` (for tests and the load benchmark). */
export interface AppStatus {
  renders: number;
  /** Milliseconds to parse the last data loaded. */
  parseMs: number;
  /** Milliseconds of the last render (transforms and Plotly drawing). */
  renderMs: number;
  /** Runs loaded. */
  runs: number;
}

/** The page's fixed elements (see index.html). */
export interface AppElements {
  filters: HTMLElement;
  notes: HTMLElement;
  views: HTMLElement;
  fileInput: HTMLInputElement;
  dropOverlay: HTMLElement;
  source: HTMLElement;
}

function renderTable(spec: TableSpec): HTMLElement {
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

/**
 * The dashboard: reads the data, builds the header, notes and one section per view, keeps the
 * filters in the URL hash, and re-renders on every change. Loading files by picker or drop replaces
 * the data (a report dropped alone is added to the current results).
 */
export function startDashboard(
  elements: AppElements,
  plotly: PlotlyApi,
  initial: DataInput | null,
): AppStatus {
  const status: AppStatus = { renders: 0, parseMs: 0, renderMs: 0, runs: 0 };
  let input: DataInput = initial ?? {};
  let data: LoadedData;
  let problems: ProblemGroup[] = [];
  let state: ViewState = parseViewState(location.hash);
  let extraNotes: Note[] = [];
  let pending: Promise<void> = Promise.resolve();

  const setData = (next: DataInput) => {
    const t0 = performance.now();
    input = next;
    data = loadData(next);
    problems = groupRuns(data.records);
    status.parseMs = performance.now() - t0;
    status.runs = data.records.length;
  };

  const filters = createFilters((update) => {
    state = update(state);
    history.replaceState(null, "", formatViewState(state) || `${location.pathname}${location.search}`);
    scheduleRender();
  });
  elements.filters.append(filters.root);

  const sections = new Map(
    VIEWS.map((v) => {
      const section = el("section", { class: "view", attrs: { id: `view-${v.id}` } }, [
        el("h2", { text: v.title }),
        el("p", { class: "description", text: v.description }),
        el("ul", { class: "view-notes" }),
        el("div", { class: "figures" }),
        el("div", { class: "tables" }),
      ]);
      elements.views.append(section);
      return [v.id, section];
    }),
  );
  const empty = el("section", { class: "empty", attrs: { id: "empty-state" } });
  elements.views.prepend(empty);

  const renderEmpty = () => {
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
  };

  async function render(): Promise<void> {
    const t0 = performance.now();
    const notes = [...loadNotes(data), ...extraNotes];
    elements.source.textContent =
      data.resultsName === null
        ? "no data loaded"
        : `${data.resultsName}${data.reportName ? ` + ${data.reportName}` : ""}`;
    const hasData = problems.length > 0;
    empty.hidden = hasData;
    elements.filters.hidden = !hasData;
    for (const s of sections.values()) s.hidden = !hasData;
    if (!hasData) {
      renderNotes(elements.notes, notes);
      renderEmpty();
      for (const s of sections.values()) {
        const figs = s.querySelector<HTMLElement>(".figures");
        if (figs) await renderFigures(figs, [], plotly);
      }
      return;
    }
    let problem = problems.find((p) => p.name === state.problem);
    if (!problem) {
      if (state.problem !== null) {
        notes.push({
          level: "warn",
          text: `Problem “${state.problem}” is not in the data; showing “${problems[0].name}”.`,
        });
      }
      problem = problems[0];
    }
    const colors = colorMap(problem.learners.map((l) => l.key));
    const learners = problem.learners.filter(
      (l) => state.learners === null || state.learners.includes(l.key),
    );
    filters.sync(problems, problem, state, colors);
    renderNotes(elements.notes, notes);
    const ctx: ViewContext = {
      problem,
      learners,
      state,
      report: data.report?.problems.find((p) => p.problem === problem.name) ?? null,
      reportLoaded: data.report !== null,
      alpha: data.report?.settings.alpha ?? null,
      settings: data.report?.settings ?? null,
      colors,
    };
    const jobs: Promise<void>[] = [];
    for (const view of VIEWS) {
      const section = sections.get(view.id)!;
      const viewNotes = section.querySelector<HTMLElement>(".view-notes")!;
      const figures = section.querySelector<HTMLElement>(".figures")!;
      const tables = section.querySelector<HTMLElement>(".tables")!;
      clear(viewNotes);
      clear(tables);
      let out: ReturnType<typeof view.build>;
      try {
        out = view.build(ctx);
      } catch (e) {
        // One broken view must not blank the page: say what failed and draw the others.
        out = {
          figures: [],
          notes: [`This view could not be drawn: ${e instanceof Error ? e.message : String(e)}`],
          tables: [],
        };
      }
      for (const n of out.notes) viewNotes.append(el("li", { text: n }));
      for (const t of out.tables) tables.append(renderTable(t));
      jobs.push(renderFigures(figures, out.figures, plotly));
    }
    await Promise.all(jobs);
    status.renderMs = performance.now() - t0;
  }

  // Renders never overlap: a change during a render waits for it, then draws the latest state.
  const scheduleRender = () => {
    pending = pending
      .then(render)
      .catch((e) => {
        renderNotes(elements.notes, [
          { level: "warn", text: `Rendering failed: ${e instanceof Error ? e.message : String(e)}` },
        ]);
      })
      .then(() => {
        status.renders++;
        document.body.dataset.renders = String(status.renders);
      });
    return pending;
  };

  const loadFiles = async (files: ArrayLike<File>) => {
    const picked = await readPickedFiles(files);
    extraNotes =
      picked.ignored.length > 0
        ? [
            {
              level: "warn",
              text: `Not used (one results file and one report at a time): ${picked.ignored.join(", ")}.`,
            },
          ]
        : [];
    if (picked.results) {
      setData({
        results: picked.results.text,
        resultsName: picked.results.name,
        report: picked.report?.text ?? null,
        reportName: picked.report?.name ?? null,
      });
    } else if (picked.report) {
      setData({ ...input, report: picked.report.text, reportName: picked.report.name });
    }
    state = {
      ...state,
      problem: problems.some((p) => p.name === state.problem) ? state.problem : null,
      learners: null,
    };
    history.replaceState(null, "", formatViewState(state) || `${location.pathname}${location.search}`);
    await scheduleRender();
  };

  elements.fileInput.addEventListener("change", () => {
    if (elements.fileInput.files && elements.fileInput.files.length > 0) {
      void loadFiles(elements.fileInput.files).then(() => {
        elements.fileInput.value = "";
      });
    }
  });
  acceptDroppedFiles(elements.dropOverlay, (files) => void loadFiles(files));
  window.addEventListener("hashchange", () => {
    state = parseViewState(location.hash);
    void scheduleRender();
  });

  setData(input);
  void scheduleRender();
  return status;
}
