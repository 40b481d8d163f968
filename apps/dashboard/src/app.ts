import type { EmbeddedInput } from "./data/embedded-data.ts";
import { groupRuns, type ProblemGroup } from "./data/groups.ts";
import { type DataInput, type LoadedData, loadData } from "./data/load-data.ts";
import { loadNotes, type Note } from "./data/load-notes.ts";
import { buildOverviewPage, type OverviewOutput } from "./overview/overview-page.ts";
import type { PageId } from "./state/pages.ts";
import { formatViewState, parseViewState, type ViewState } from "./state/view-state.ts";
import { CompareController } from "./ui/compare-controller.ts";
import { acceptDroppedFiles, type PickedFiles, readPickedFiles } from "./ui/file-input.ts";
import { createFilters, type FilterControls } from "./ui/filters.ts";
import { renderNotes } from "./ui/notes-panel.ts";
import { createOverviewSection, type OverviewSection, showOverview } from "./ui/overview-section.ts";
import { createPageNav, type PageNav } from "./ui/page-nav.ts";
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
  /** Milliseconds of the compare page's last comparison of BASE and NEW (0 before any). */
  compareMs: number;
}

/** The page's fixed elements (see index.html). */
export interface AppElements {
  /** Where the page links go (header). */
  nav: HTMLElement;
  filters: HTMLElement;
  notes: HTMLElement;
  /** The overview page's container. */
  overview: HTMLElement;
  /** The compare page's container. */
  compare: HTMLElement;
  /** The problem page's container (and the empty state). */
  views: HTMLElement;
  fileInput: HTMLInputElement;
  dropOverlay: HTMLElement;
  source: HTMLElement;
}

/**
 * The dashboard: reads the data, builds the header (page links, filters), the notes, the overview page,
 * one section per view of the problem page and the compare page, keeps the page and filters in the URL
 * hash, and re-renders the page shown on every change. Loading files by picker or drop replaces the
 * data (a report dropped alone is added to the current results); BASE, embedded or loaded on the compare
 * page, is compared with it there. With BASE embedded, a link naming no page opens the compare page.
 */
export function startDashboard(
  elements: AppElements,
  plotly: PlotlyApi,
  initial: EmbeddedInput | null,
): AppStatus {
  return new Dashboard(elements, plotly, initial ?? {}).status;
}

/** The running page: its data, its view state, and the renders and file loads that change them. */
class Dashboard {
  readonly status: AppStatus = { renders: 0, parseMs: 0, renderMs: 0, runs: 0, compareMs: 0 };
  private readonly elements: AppElements;
  private readonly plotly: PlotlyApi;
  private input: DataInput;
  private data!: LoadedData;
  private problems: ProblemGroup[] = [];
  /** Where a link naming no page opens: the compare page when BASE is embedded. */
  private readonly home: PageId;
  private state: ViewState;
  /** Notes of the last file load (files that were not used). */
  private extraNotes: Note[] = [];
  private pending: Promise<void> = Promise.resolve();
  private readonly filters: FilterControls;
  private readonly nav: PageNav;
  private readonly sections: Map<string, ViewSection>;
  private readonly overviewSection: OverviewSection;
  private readonly compare: CompareController;
  /** The overview of the data loaded, built on its first showing and kept until the data changes. */
  private overview: OverviewOutput | null = null;
  private readonly empty: HTMLElement;
  /** How each page draws itself (a new page adds its renderer here and its id to PAGES). */
  private readonly pages: Record<PageId, (notes: Note[]) => Promise<void>> = {
    overview: (notes) => this.renderOverview(notes),
    problem: (notes) => this.renderProblem(notes),
    compare: (notes) => this.renderCompare(notes),
  };

  constructor(elements: AppElements, plotly: PlotlyApi, initial: EmbeddedInput) {
    const { baseResults, baseResultsName, ...input } = initial;
    this.elements = elements;
    this.plotly = plotly;
    this.input = input;
    this.home = baseResults === undefined ? "overview" : "compare";
    this.state = parseViewState(location.hash, this.home);
    this.filters = createFilters((update) => this.changeState(update));
    elements.filters.append(this.filters.root);
    this.nav = createPageNav();
    elements.nav.append(this.nav.root);
    this.overviewSection = createOverviewSection(elements.overview);
    ({ sections: this.sections, empty: this.empty } = createViewSections(elements.views));
    this.compare = new CompareController(elements.compare, {
      plotly,
      changed: () => void this.scheduleRender(),
      selectProblem: (problem) => this.changeState((s) => ({ ...s, problem })),
    });
    if (baseResults !== undefined) {
      this.compare.setBase({ results: baseResults, resultsName: baseResultsName ?? "results.jsonl" });
    }
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
      this.state = parseViewState(location.hash, this.home);
      void this.scheduleRender();
    });
  }

  private setData(next: DataInput): void {
    const t0 = performance.now();
    this.input = next;
    this.data = loadData(next);
    this.problems = groupRuns(this.data.records);
    this.overview = null;
    this.status.parseMs = performance.now() - t0;
    this.status.runs = this.data.records.length;
  }

  /** A filter (or the compare page's problem) changed: keep it in the URL and draw again. */
  private changeState(update: (state: ViewState) => ViewState): void {
    this.state = update(this.state);
    this.replaceUrl();
    void this.scheduleRender();
  }

  /** Keeps the view state in the URL hash (or drops the hash when the state is the default). */
  private replaceUrl(): void {
    const hash = formatViewState(this.state, this.home);
    history.replaceState(null, "", hash || `${location.pathname}${location.search}`);
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
    // Only the page shown is drawn: Plotly cannot size a plot in a hidden container, and it saves time.
    const page = hasData ? this.state.page : null;
    document.body.dataset.page = page ?? "empty";
    this.empty.hidden = hasData;
    elements.nav.hidden = !hasData;
    elements.filters.hidden = page !== "problem";
    elements.overview.hidden = page !== "overview";
    elements.compare.hidden = page !== "compare";
    elements.views.hidden = page !== "problem" && hasData;
    for (const view of VIEWS) {
      this.sections.get(view.id)!.root.hidden = !hasData || !(view.shown?.(this.problems) ?? true);
    }
    this.nav.sync(this.state);
    if (page === null) return this.renderNoData(notes);
    await this.pages[page](notes);
    this.status.renderMs = performance.now() - t0;
  }

  /** The overview across problems, built once per data load. */
  private async renderOverview(notes: Note[]): Promise<void> {
    renderNotes(this.elements.notes, notes);
    this.overview ??= buildOverviewPage(this.problems, this.data.report);
    const hrefFor = (problem: string) =>
      formatViewState({ ...this.state, page: "problem", problem, learners: null });
    await showOverview(this.overviewSection, this.overview, this.plotly, hrefFor);
  }

  /** BASE against the data shown (NEW): its loader, the outcome, and the problems selected. */
  private async renderCompare(notes: Note[]): Promise<void> {
    const extra = await this.compare.render(this.data, this.state.problem);
    this.status.compareMs = this.compare.compareMs;
    renderNotes(this.elements.notes, [...notes, ...extra]);
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
