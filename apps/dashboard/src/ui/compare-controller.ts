import { type ComparedData, compareLoaded } from "../compare/compare-data.ts";
import { buildComparePage } from "../compare/compare-page.ts";
import { type DataInput, type LoadedData, loadData } from "../data/load-data.ts";
import { type Note, resultsNotes } from "../data/load-notes.ts";
import { createBaseFileInput, readBaseFile } from "./base-file-input.ts";
import {
  type CompareSection,
  createCompareSection,
  showCompareProblems,
  showCompareSummary,
} from "./compare-section.ts";
import { renderNotes } from "./notes-panel.ts";
import type { PlotlyApi } from "./plotly-global.ts";

/** What the compare page needs from the app. */
export interface CompareHost {
  plotly: PlotlyApi;
  /** BASE was loaded or refused: draw the page again. */
  changed(): void;
  /** The page's problem selector changed (null: every problem). */
  selectProblem(problem: string | null): void;
}

/** How the page names a side's results: the file name and its run count. */
function sideName(data: LoadedData): string {
  return `${data.resultsName ?? "results"} (${data.records.length} records)`;
}

function introText(base: LoadedData | null, next: LoadedData): string {
  if (base === null) {
    return `NEW is the results shown (${sideName(next)}). Load BASE, the results to compare them against (e.g. the main branch's), with the button or by dropping its results.jsonl on the box: the page then tests NEW against BASE as arena compare BASE NEW does.`;
  }
  return `BASE ${sideName(base)} → NEW ${sideName(next)}. Load another BASE to replace it; files opened or dropped elsewhere on the page replace NEW.`;
}

/**
 * The compare page: holds BASE (embedded, picked or dropped on its zone), compares it with the data
 * shown (NEW) once per pair of loads with `arena compare`'s defaults, and draws the outcome and the
 * selected problems. NEW comes from the app on every render.
 */
export class CompareController {
  /** Milliseconds of the last comparison (`compareResults` and grouping), for the load benchmark. */
  compareMs = 0;
  private readonly host: CompareHost;
  private readonly section: CompareSection;
  private base: LoadedData | null = null;
  private baseNotes: Note[] = [];
  private cached: { base: LoadedData; next: LoadedData; compared: ComparedData } | null = null;

  constructor(container: HTMLElement, host: CompareHost) {
    this.host = host;
    const loader = createBaseFileInput((files) => void this.loadFiles(files));
    this.section = createCompareSection(container, loader.root, (p) => host.selectProblem(p));
  }

  /** Sets BASE from its text (null: none); its notes say what was read. */
  setBase(input: DataInput | null): void {
    this.base = input === null ? null : loadData(input);
    this.cached = null;
    this.baseNotes = this.base === null ? [] : baseNotes(this.base);
  }

  private async loadFiles(files: ArrayLike<File>): Promise<void> {
    const picked = await readBaseFile(files);
    if (picked.file) this.setBase({ results: picked.file.text, resultsName: picked.file.name });
    this.baseNotes = [...picked.notes, ...this.baseNotes];
    this.host.changed();
  }

  /** Draws the page for NEW = `next`; returns notes for the app's note area. */
  async render(next: LoadedData, problem: string | null): Promise<Note[]> {
    const { section } = this;
    section.intro.textContent = introText(this.base, next);
    renderNotes(section.baseNotes, this.baseNotes);
    const compared = this.compared(next);
    const out = compared === null ? null : buildComparePage(compared, problem);
    showCompareSummary(section, out?.summary ?? null);
    await showCompareProblems(section, out, problem, this.host.plotly);
    return (out?.notes ?? []).map((text) => ({ level: "warn", text }));
  }

  /** The comparison of BASE with `next`, computed once per pair of loads; null without a usable BASE. */
  private compared(next: LoadedData): ComparedData | null {
    if (this.base === null || this.base.records.length === 0) return null;
    if (this.cached?.base === this.base && this.cached.next === next) return this.cached.compared;
    const t0 = performance.now();
    const compared = compareLoaded(this.base, next);
    this.compareMs = performance.now() - t0;
    this.cached = { base: this.base, next, compared };
    return compared;
  }
}

/** BASE's notes: what its file held, each said of BASE; a file with no readable record says so. */
function baseNotes(base: LoadedData): Note[] {
  const notes = resultsNotes(base).map((n) => ({ ...n, text: `BASE: ${n.text}` }));
  if (base.records.length === 0) {
    notes.push({
      level: "warn",
      text: `BASE: ${base.resultsName ?? "the file"} holds no readable arena.run/1 record, so there is nothing to compare.`,
    });
  }
  return notes;
}
