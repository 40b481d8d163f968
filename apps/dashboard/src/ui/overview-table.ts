import type { OverviewTable, OverviewTableCell } from "../overview/overview-table.ts";
import { el } from "./dom.ts";

/** A learner's name with its colour swatch. */
function learnerCell(name: string, color: string | undefined): HTMLElement {
  const swatch = el("span", { class: "swatch" });
  swatch.style.background = color ?? "#333";
  return el("th", { class: "learner-name", attrs: { scope: "row" } }, [swatch, " ", name]);
}

/** One learner on one problem: score, rank and mark, shaded by the mark; "–" where it did not run. */
function scoreCell(cell: OverviewTableCell | null): HTMLElement {
  if (cell === null)
    return el("td", { class: "cell-absent", text: "–", attrs: { title: "did not run here" } });
  return el("td", { class: `cell mark-${cell.mark}`, attrs: { title: cell.title, "data-mark": cell.mark } }, [
    el("span", { class: "score", text: cell.normalized }),
    " ",
    el("span", { class: "rank", text: cell.rank }),
    " ",
    el("span", { class: "mark", text: cell.symbol }),
  ]);
}

/**
 * The overview table as DOM (every string as text): each problem's header is a link to its page
 * (`hrefFor(problem)`, a hash, so it is one click and the back button returns), each learner row
 * starts with its colour.
 */
export function renderOverviewTable(
  table: OverviewTable,
  colors: Map<string, string>,
  hrefFor: (problem: string) => string,
): HTMLElement {
  const head = el("tr", {}, [
    el("th", { text: "learner" }),
    ...table.cases.map((c) =>
      el("th", { class: "case", attrs: { title: c.title, scope: "col" } }, [
        el("a", {
          class: "case-link",
          text: c.label,
          attrs: { href: hrefFor(c.problem), "data-problem": c.problem },
        }),
        el("span", { class: "case-metric", text: c.metric }),
      ]),
    ),
    el("th", { text: "mean normalised" }),
    el("th", { text: "mean rank" }),
    el("th", { text: "best or ≈" }),
    ...table.scoreHeads.map((h) => el("th", { text: h })),
  ]);
  const rows = table.rows.map((r) =>
    el("tr", { attrs: { "data-learner": r.learner } }, [
      learnerCell(r.learner, colors.get(r.learner)),
      ...r.cells.map(scoreCell),
      el("td", { class: "num", text: r.meanNormalized }),
      el("td", { class: "num", text: r.meanRank }),
      el("td", { class: "num", text: r.bestOrTied }),
      ...r.scores.map((s) => el("td", { class: "num", text: s })),
    ]),
  );
  const t = el("table", { class: "comparisons overview-table", attrs: { "data-table": "overview" } }, [
    el("caption", { text: table.caption }),
    el("thead", {}, [head]),
    el("tbody", {}, rows),
  ]);
  return el("div", { class: "table-wrap" }, [t, el("p", { class: "legend-text", text: table.legend })]);
}
