import { type CompareSource, compareResults, DEFAULT_COMPARE_SETTINGS } from "@arena/report";
import type { Compare } from "@arena/results";
import { groupRuns, type ProblemGroup } from "../data/groups.ts";
import type { LoadedData } from "../data/load-data.ts";

/** Two loaded results sets compared: `arena compare`'s outcome and both sides' runs by problem. */
export interface ComparedData {
  compare: Compare;
  base: ProblemGroup[];
  next: ProblemGroup[];
}

/** A side as `compareResults` reports it: its file name and what its reader skipped. */
function sourceOf(data: LoadedData, fallback: string): CompareSource {
  return {
    label: data.resultsName ?? fallback,
    records: data.records.length,
    skipped: data.skipped.length,
    tornTail: data.tornTail,
  };
}

/**
 * Compares BASE and NEW exactly as `arena compare BASE NEW` does with its defaults (α = 0.05, a 1%
 * threshold, wall time tested but never flagged), in the page. Unlike the CLI it does not refuse runs
 * whose config hashes differ: it compares them and the page says what those rows measure.
 */
export function compareLoaded(base: LoadedData, next: LoadedData): ComparedData {
  const compare = compareResults(base.records, next.records, DEFAULT_COMPARE_SETTINGS, {
    base: sourceOf(base, "BASE"),
    new: sourceOf(next, "NEW"),
  });
  return { compare, base: groupRuns(base.records), next: groupRuns(next.records) };
}
