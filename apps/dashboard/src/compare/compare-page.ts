import type { ProblemGroup } from "../data/groups.ts";
import type { Figure, TableSpec } from "../views/view.ts";
import type { ComparedData } from "./compare-data.ts";
import { type CompareLearner, compareFigures, compareLearners } from "./compare-figures.ts";
import { type CompareSummary, compareSummary } from "./compare-summary.ts";
import { compareTable } from "./compare-table.ts";

/** One problem of the compare page: its figures, its table and what to keep in mind. */
export interface CompareProblem {
  name: string;
  notes: string[];
  figures: Figure[];
  table: TableSpec;
}

/** What the compare page shows (no DOM: testable in Node). */
export interface ComparePageOutput {
  summary: CompareSummary;
  /** Every problem of either side, for the page's problem selector. */
  problemNames: string[];
  /** The problems shown: the one selected, or all of them. */
  problems: CompareProblem[];
  /** Why the selection was not used, when it was not. */
  notes: string[];
}

/** The problems of both sides: NEW's in its order, then those only in BASE. */
function problemsOf(compared: ComparedData): ProblemGroup[] {
  const names = new Set(compared.next.map((p) => p.name));
  return [...compared.next, ...compared.base.filter((p) => !names.has(p.name))];
}

function problemNotes(problem: ProblemGroup, compared: ComparedData, learners: CompareLearner[]): string[] {
  const notes: string[] = [];
  if (!compared.base.some((p) => p.name === problem.name)) notes.push("Only in NEW: nothing to compare.");
  if (!compared.next.some((p) => p.name === problem.name)) notes.push("Only in BASE: nothing to compare.");
  const changed = learners.filter((l) => l.row?.configChanged).map((l) => l.key);
  if (changed.length > 0) {
    notes.push(
      `Config changed for ${changed.join(", ")}: their runs were made with other settings in NEW, so these rows measure the change of settings, not only of the code.`,
    );
  }
  return notes;
}

function problemOutput(problem: ProblemGroup, compared: ComparedData): CompareProblem {
  const learners = compareLearners(compared, problem.name);
  return {
    name: problem.name,
    notes: problemNotes(problem, compared, learners),
    figures: compareFigures(problem, learners),
    table: compareTable(problem.name, learners),
  };
}

/**
 * The compare page of two results sets: the summary of `arena compare`'s outcome, and per problem
 * (the one `selected`, or every problem stacked when it is null) BASE beside NEW in three figures and
 * a table of the tests.
 */
export function buildComparePage(compared: ComparedData, selected: string | null): ComparePageOutput {
  const all = problemsOf(compared);
  const chosen = all.find((p) => p.name === selected);
  const notes =
    selected !== null && !chosen ? [`Problem “${selected}” is in neither side; showing every problem.`] : [];
  return {
    summary: compareSummary(compared.compare),
    problemNames: all.map((p) => p.name),
    problems: (chosen ? [chosen] : all).map((p) => problemOutput(p, compared)),
    notes,
  };
}
