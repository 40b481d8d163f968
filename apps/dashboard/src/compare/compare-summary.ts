import { compareRuleText, regressionLines, undetectableCompareText } from "@arena/report";
import type { Compare, CompareSide } from "@arena/results";
import { fmtNum } from "../views/comparison-tables.ts";
import { fmtRuns } from "./compare-table.ts";

/** The compare page's words above its figures (plain text: the DOM sets them as text). */
export interface CompareSummary {
  outcome: Compare["outcome"];
  /** The outcome in one sentence (the CLI's). */
  headline: string;
  /** What was compared, with which settings. */
  sentence: string;
  /** What limits the reading: cannot detect, settings changed, unknown settings. */
  warnings: string[];
  /** One line per flagged figure (`regressionLines` of `@arena/report`). */
  regressions: string[];
  /** Rows on one side only, listed, not tested. */
  lone: string[];
  /** The regression rule as applied (`compareRuleText`). */
  rule: string;
}

function headline(c: Compare): string {
  if (c.outcome === "regression") {
    const n = c.regressions.length;
    return `REGRESSION: ${n} figure${n === 1 ? "" : "s"} of NEW regressed against BASE.`;
  }
  if (c.outcome === "cannot detect")
    return "No regression flagged, but this comparison cannot detect one with these runs.";
  return "No regression.";
}

function sideText(name: string, s: CompareSide): string {
  const skipped = s.source.skipped ? `, ${s.source.skipped} lines skipped` : "";
  const torn = s.source.tornTail ? ", torn last line ignored" : "";
  return `${name} ${s.label}: ${fmtRuns(s.runs)} runs of ${s.suites.join(", ") || "no suite"}${skipped}${torn}`;
}

function sentence(c: Compare): string {
  const n = c.rows.length;
  return (
    `${sideText("BASE", c.base)}; ${sideText("NEW", c.new)}. ` +
    `${n} learner${n === 1 ? "" : "s"} (problem, model, learner) on both sides (${c.onlyInBase.length} only in BASE, ` +
    `${c.onlyInNew.length} only in NEW), ${c.detectability.tests} tests Holm-adjusted at α = ${c.settings.alpha}, ` +
    `threshold ${fmtNum(c.settings.threshold * 100)}% (arena compare's defaults); wall time tested but not flagged (machine-dependent).`
  );
}

/**
 * Runs whose config hashes differ: `arena compare` refuses them unless `--allow-config-change`; the
 * page compares them, and must say that those rows measure the change of settings.
 */
function warnings(c: Compare): string[] {
  const out: string[] = [];
  const undetectable = undetectableCompareText(c);
  if (undetectable) out.push(undetectable);
  if (c.runs.configChanged > 0) {
    out.push(
      `Settings changed: ${c.runs.configChanged} run${c.runs.configChanged === 1 ? " was" : "s were"} made with other settings in NEW (config hashes differ). ` +
        "arena compare refuses this comparison unless --allow-config-change; it is shown here, with those learners marked “config changed”: " +
        "their rows measure the change of settings (learner config, budget, problem options …), not only of the code.",
    );
  }
  if (c.runs.unknownHash > 0) {
    out.push(
      `${c.runs.unknownHash} paired runs have no config hash on a side (older records): compared, but whether their settings changed is unknown.`,
    );
  }
  return out;
}

function loneLines(c: Compare): string[] {
  const line = (side: string) => (r: Compare["onlyInBase"][number]) =>
    `Only in ${side} (not tested): ${r.problem} ${r.key} (${r.runs} runs).`;
  return [...c.onlyInBase.map(line("BASE")), ...c.onlyInNew.map(line("NEW"))];
}

/** A comparison in words: outcome, what was compared, warnings, regressions, one-sided rows, the rule. */
export function compareSummary(c: Compare): CompareSummary {
  return {
    outcome: c.outcome,
    headline: headline(c),
    sentence: sentence(c),
    warnings: warnings(c),
    regressions: regressionLines(c),
    lone: loneLines(c),
    rule: compareRuleText(c),
  };
}
