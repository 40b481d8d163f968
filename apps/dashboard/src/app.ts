import { groupRuns, type ProblemGroup } from "./data/groups.ts";
import { type DataInput, type LoadedData, loadData } from "./data/load-data.ts";
import { loadNotes, type Note } from "./data/load-notes.ts";
import { formatViewState, parseViewState, type ViewState } from "./state/view-state.ts";
import { acceptDroppedFiles, type PickedFiles, readPickedFiles } from "./ui/file-input.ts";
import { createFilters, type FilterControls } from "./ui/filters.ts";
import { renderNotes } from "./ui/notes-panel.ts";
import type { PlotlyApi } from "./ui/plotly-global.ts";
import { renderFigures } from "./ui/render-figures.ts";
import {
  buildViewOutput,
  createViewSections,
  renderEmptyState,
  showViewOutput,
  type ViewSection,
} from "./ui/view-sections.ts";
import { VIEWS } from "./views/all-views.ts";
import { colorMap } from "./views/figure-style.ts";
import type { ViewContext } from "./views/view.ts";

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
  return new Dashboard(elements, plotly, initial ?? {}).status;
}

/** The running page: its data, its view state, and the renders and file loads that change them. */
class Dashboard {
  readonly status: AppStatus = { renders: 0, parseMs: 0, renderMs: 0, runs: 0 };
  private readonly elements: AppElements;
  private readonly plotly: PlotlyApi;
  private input: DataInput;
  private data!: LoadedData;
  private problems: ProblemGroup[] = [];
  private state: ViewState = parseViewState(location.hash);
  /** Notes of the last file load (files that were not used). */
  private extraNotes: Note[] = [];
  private pending: Promise<void> = Promise.resolve();
  private readonly filters: FilterControls;
  private readonly sections: Map<string, ViewSection>;
  private readonly empty: HTMLElement;

  constructor(elements: AppElements, plotly: PlotlyApi, input: DataInput) {
    this.elements = elements;
    this.plotly = plotly;
    this.input = input;
    this.filters = createFilters((update) => {
      this.state = update(this.state);
      this.replaceUrl();
      void this.scheduleRender();
    });
    elements.filters.append(this.filters.root);
    ({ sections: this.sections, empty: this.empty } = createViewSections(elements.views));
    this.listen();
    this.setData(input);
    void this.scheduleRender();
  }

  /** Reacts to the file picker, dropped files and a changed URL hash. */
  private listen(): void {
    const { fileInput, dropOverlay } = this.elements;
    fileInput.addEventListener("change", () => {
      if (fileInput.files && fileInput.files.length > 0) {
        void this.loadFiles(fileInput.files).then(() => {
          fileInput.value = "";
        });
      }
    });
    acceptDroppedFiles(dropOverlay, (files) => void this.loadFiles(files));
    window.addEventListener("hashchange", () => {
      this.state = parseViewState(location.hash);
      void this.scheduleRender();
    });
  }

  private setData(next: DataInput): void {
    const t0 = performance.now();
    this.input = next;
    this.data = loadData(next);
    this.problems = groupRuns(this.data.records);
    this.status.parseMs = performance.now() - t0;
    this.status.runs = this.data.records.length;
  }

  /** Keeps the view state in the URL hash (or drops the hash when the state is the default). */
  private replaceUrl(): void {
    history.replaceState(null, "", formatViewState(this.state) || `${location.pathname}${location.search}`);
  }

  /** Renders never overlap: a change during a render waits for it, then draws the latest state. */
  private scheduleRender(): Promise<void> {
    this.pending = this.pending
      .then(() => this.render())
      .catch((e) => {
        renderNotes(this.elements.notes, [
          { level: "warn", text: `Rendering failed: ${e instanceof Error ? e.message : String(e)}` },
        ]);
      })
      .then(() => {
        this.status.renders++;
        document.body.dataset.renders = String(this.status.renders);
      });
    return this.pending;
  }

  private async render(): Promise<void> {
    const t0 = performance.now();
    const { data, elements } = this;
    const notes = [...loadNotes(data), ...this.extraNotes];
    elements.source.textContent =
      data.resultsName === null
        ? "no data loaded"
        : `${data.resultsName}${data.reportName ? ` + ${data.reportName}` : ""}`;
    const hasData = this.problems.length > 0;
    this.empty.hidden = hasData;
    elements.filters.hidden = !hasData;
    for (const view of VIEWS) {
      this.sections.get(view.id)!.root.hidden = !hasData || !(view.shown?.(this.problems) ?? true);
    }
    if (!hasData) return this.renderNoData(notes);
    await this.renderProblem(notes);
    this.status.renderMs = performance.now() - t0;
  }

  /** The empty state, and no figures. */
  private async renderNoData(notes: Note[]): Promise<void> {
    renderNotes(this.elements.notes, notes);
    renderEmptyState(this.empty, this.data);
    for (const s of this.sections.values()) await renderFigures(s.figures, [], this.plotly);
  }

  /** Every view of the problem the state names (or the first, with a note, when it is not in the data). */
  private async renderProblem(notes: Note[]): Promise<void> {
    const { data, state } = this;
    const problem = this.currentProblem(notes);
    const colors = colorMap(problem.learners.map((l) => l.key));
    const learners = problem.learners.filter(
      (l) => state.learners === null || state.learners.includes(l.key),
    );
    this.filters.sync(this.problems, problem, state, colors);
    renderNotes(this.elements.notes, notes);
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
    await Promise.all(
      VIEWS.map((view) =>
        showViewOutput(this.sections.get(view.id)!, buildViewOutput(view, ctx), this.plotly),
      ),
    );
  }

  private currentProblem(notes: Note[]): ProblemGroup {
    const { problems, state } = this;
    const problem = problems.find((p) => p.name === state.problem);
    if (problem) return problem;
    if (state.problem !== null) {
      notes.push({
        level: "warn",
        text: `Problem “${state.problem}” is not in the data; showing “${problems[0].name}”.`,
      });
    }
    return problems[0];
  }

  /** Loads picked or dropped files: new results replace the data, a report alone joins the results shown. */
  private async loadFiles(files: ArrayLike<File>): Promise<void> {
    const picked = await readPickedFiles(files);
    this.extraNotes =
      picked.ignored.length > 0
        ? [
            {
              level: "warn",
              text: `Not used (one results file and one report at a time): ${picked.ignored.join(", ")}.`,
            },
          ]
        : [];
    const next = nextInput(this.input, picked);
    if (next !== null) this.setData(next);
    this.state = {
      ...this.state,
      problem: this.problems.some((p) => p.name === this.state.problem) ? this.state.problem : null,
      learners: null,
    };
    this.replaceUrl();
    await this.scheduleRender();
  }
}

/** The data after loading `picked` over `input`: null when it holds neither results nor a report. */
function nextInput(input: DataInput, picked: PickedFiles): DataInput | null {
  if (picked.results) {
    return {
      results: picked.results.text,
      resultsName: picked.results.name,
      report: picked.report?.text ?? null,
      reportName: picked.report?.name ?? null,
    };
  }
  if (picked.report) return { ...input, report: picked.report.text, reportName: picked.report.name };
  return null;
}
