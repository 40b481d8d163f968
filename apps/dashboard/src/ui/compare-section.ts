import type { ComparePageOutput, CompareProblem } from "../compare/compare-page.ts";
import type { CompareSummary } from "../compare/compare-summary.ts";
import { clear, el } from "./dom.ts";
import type { PlotlyApi } from "./plotly-global.ts";
import { renderFigures } from "./render-figures.ts";
import { renderTable } from "./view-sections.ts";

/** One problem's block of the compare page. */
interface ProblemBlock {
  root: HTMLElement;
  notes: HTMLElement;
  figures: HTMLElement;
  tables: HTMLElement;
}

/** The compare page's parts (filled by the `show…` functions). */
export interface CompareSection {
  root: HTMLElement;
  /** Says which results are NEW and which BASE, or how to load BASE. */
  intro: HTMLElement;
  /** Notes on BASE's file (lines skipped, a file refused). */
  baseNotes: HTMLElement;
  summary: HTMLElement;
  selectRow: HTMLElement;
  problemSelect: HTMLSelectElement;
  problems: HTMLElement;
  /** Problem blocks by name, kept across renders so their plots update in place. */
  blocks: Map<string, ProblemBlock>;
}

/** Value of the selector's "every problem" option. */
const ALL = "";

/**
 * Builds the compare page into `container`: the BASE loader (`loader`) with its notes, the outcome,
 * a problem selector (`onProblem(name)`, null = every problem) and the problems' blocks.
 */
export function createCompareSection(
  container: HTMLElement,
  loader: HTMLElement,
  onProblem: (problem: string | null) => void,
): CompareSection {
  const intro = el("p", { class: "description" });
  const baseNotes = el("section", { class: "compare-base-notes", attrs: { "aria-live": "polite" } });
  const summary = el("section", { class: "view", attrs: { id: "compare-summary" } });
  const problemSelect = el("select", { attrs: { id: "compare-problem" } });
  problemSelect.addEventListener("change", () =>
    onProblem(problemSelect.value === ALL ? null : problemSelect.value),
  );
  const selectRow = el("div", { class: "filter-row compare-select" }, [
    el("label", { class: "field" }, ["Problem ", problemSelect]),
  ]);
  const problems = el("div", { attrs: { id: "compare-problems" } });
  const root = el("div", { attrs: { id: "compare-page" } }, [
    el("section", { class: "view", attrs: { id: "compare-base" } }, [
      el("h2", { text: "Compare two results: BASE → NEW" }),
      intro,
      loader,
      baseNotes,
    ]),
    summary,
    selectRow,
    problems,
  ]);
  container.append(root);
  return { root, intro, baseNotes, summary, selectRow, problemSelect, problems, blocks: new Map() };
}

/** The outcome: headline, what was compared, warnings, regressions, one-sided rows, the rule folded. */
export function showCompareSummary(section: CompareSection, s: CompareSummary | null): void {
  const root = section.summary;
  clear(root);
  root.hidden = s === null;
  if (s === null) return;
  const list = (cls: string, lines: string[], item = "") =>
    el(
      "ul",
      { class: cls },
      lines.map((l) => el("li", { class: item, text: l })),
    );
  root.dataset.outcome = s.outcome;
  root.append(
    el("h2", { text: "Outcome" }),
    el("p", { class: `compare-headline outcome-${s.outcome.replace(/ /g, "-")}`, text: s.headline }),
    el("p", { class: "description", text: s.sentence }),
    list("notes-list compare-warnings", s.warnings, "note note-warn"),
    list("compare-regressions", s.regressions),
    list("compare-lone", s.lone),
    el("details", { class: "compare-rule" }, [
      el("summary", { text: "How a regression is decided" }),
      el("p", { text: s.rule }),
    ]),
  );
}

/** The problem selector's options: every problem, then each by name; `selected` chosen when listed. */
function syncSelect(select: HTMLSelectElement, names: string[], selected: string | null): void {
  clear(select);
  select.append(el("option", { text: "every problem", attrs: { value: ALL } }));
  for (const n of names) select.append(el("option", { text: n, attrs: { value: n } }));
  select.value = selected !== null && names.includes(selected) ? selected : ALL;
}

function problemBlock(name: string): ProblemBlock {
  const notes = el("ul", { class: "view-notes" });
  const figures = el("div", { class: "figures" });
  const tables = el("div", { class: "tables" });
  const root = el("section", { class: "view compare-problem", attrs: { "data-problem": name } }, [
    el("h2", { text: name }),
    el("p", {
      class: "description",
      text: "Per learner, BASE (pale box, open circles) beside NEW (filled), every run a point: the figures arena compare tests, and its tests below.",
    }),
    notes,
    figures,
    tables,
  ]);
  return { root, notes, figures, tables };
}

function fillBlock(block: ProblemBlock, p: CompareProblem, plotly: PlotlyApi): Promise<void> {
  clear(block.notes);
  clear(block.tables);
  for (const n of p.notes) block.notes.append(el("li", { text: n }));
  block.tables.append(renderTable(p.table));
  return renderFigures(block.figures, p.figures, plotly);
}

/**
 * Shows the problems of `out` (none when it is null), reusing each problem's block and purging the
 * plots of the blocks no longer shown.
 */
export async function showCompareProblems(
  section: CompareSection,
  out: ComparePageOutput | null,
  selected: string | null,
  plotly: PlotlyApi,
): Promise<void> {
  section.selectRow.hidden = out === null;
  if (out !== null) syncSelect(section.problemSelect, out.problemNames, selected);
  const shown = out?.problems ?? [];
  const keep = new Set(shown.map((p) => p.name));
  for (const [name, block] of section.blocks) {
    if (keep.has(name)) continue;
    await renderFigures(block.figures, [], plotly);
    block.root.remove();
    section.blocks.delete(name);
  }
  const jobs = shown.map((p) => {
    const block = section.blocks.get(p.name) ?? problemBlock(p.name);
    section.blocks.set(p.name, block);
    section.problems.append(block.root); // moves an existing block into order
    return fillBlock(block, p, plotly);
  });
  await Promise.all(jobs);
}
