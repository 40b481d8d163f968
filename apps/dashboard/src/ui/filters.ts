import type { ProblemGroup } from "../data/groups.ts";
import { effectiveLogY, type ViewState } from "../state/view-state.ts";
import { X_AXES, X_AXIS_TITLES, type XAxis, type YKind } from "../transforms/axes.ts";
import { clear, el } from "./dom.ts";

/** The filter controls in the header. */
export interface FilterControls {
  root: HTMLElement;
  /** Shows the problems and learners of the data and the values of the state. */
  sync(problems: ProblemGroup[], problem: ProblemGroup, state: ViewState, colors: Map<string, string>): void;
}

/** The header's form controls. */
interface Controls {
  problemSelect: HTMLSelectElement;
  ySelect: HTMLSelectElement;
  xSelect: HTMLSelectElement;
  logX: HTMLInputElement;
  logY: HTMLInputElement;
  seeds: HTMLInputElement;
  learnerBox: HTMLDivElement;
}

/** The controls, laid out in two rows (the second holds a checkbox per learner, filled by `sync`). */
function createControls(): { root: HTMLElement; controls: Controls } {
  const problemSelect = el("select", { attrs: { id: "f-problem", name: "problem" } });
  const ySelect = el("select", { attrs: { id: "f-y", name: "y" } }, [
    el("option", { text: "loss", attrs: { value: "loss" } }),
    el("option", { text: "metric", attrs: { value: "metric" } }),
  ]);
  const xSelect = el(
    "select",
    { attrs: { id: "f-x", name: "x" } },
    X_AXES.map((x) => el("option", { text: X_AXIS_TITLES[x], attrs: { value: x } })),
  );
  const checkbox = (id: string) => el("input", { attrs: { type: "checkbox", id } });
  const logX = checkbox("f-logx");
  const logY = checkbox("f-logy");
  const seeds = checkbox("f-seeds");
  const learnerBox = el("div", { class: "learners", attrs: { id: "f-learners", role: "group" } });
  const field = (label: string, control: HTMLElement) =>
    el("label", { class: "field" }, [el("span", { text: label }), control]);
  const toggle = (label: string, control: HTMLInputElement) =>
    el("label", { class: "toggle" }, [control, label]);
  const root = el("div", { class: "filters" }, [
    el("div", { class: "filter-row" }, [
      field("Problem", problemSelect),
      field("Y", ySelect),
      field("X", xSelect),
      toggle("log x", logX),
      toggle("log y", logY),
      toggle("individual seeds", seeds),
    ]),
    el("div", { class: "filter-row" }, [el("span", { class: "field-label", text: "Learners" }), learnerBox]),
  ]);
  return { root, controls: { problemSelect, ySelect, xSelect, logX, logY, seeds, learnerBox } };
}

/** Each control's change as an update of the state. */
function listenToControls(c: Controls, onChange: (update: (s: ViewState) => ViewState) => void): void {
  c.problemSelect.addEventListener("change", () =>
    onChange((s) => ({ ...s, problem: c.problemSelect.value, learners: null })),
  );
  c.ySelect.addEventListener("change", () => onChange((s) => ({ ...s, y: c.ySelect.value as YKind })));
  c.xSelect.addEventListener("change", () => onChange((s) => ({ ...s, x: c.xSelect.value as XAxis })));
  c.logX.addEventListener("change", () => onChange((s) => ({ ...s, logX: c.logX.checked })));
  c.logY.addEventListener("change", () => onChange((s) => ({ ...s, logY: c.logY.checked })));
  c.seeds.addEventListener("change", () => onChange((s) => ({ ...s, seeds: c.seeds.checked })));
}

/** The problem list, rebuilt only when the problems changed (so an open list is not reset). */
function syncProblemOptions(select: HTMLSelectElement, problems: ProblemGroup[]): void {
  const names = problems.map((p) => p.name);
  const have = Array.from(select.options).map((o) => o.value);
  if (have.join("\u0000") === names.join("\u0000")) return;
  clear(select);
  for (const p of problems) {
    select.append(el("option", { text: `${p.name} (${p.runs.length} runs)`, attrs: { value: p.name } }));
  }
}

/** One checkbox per learner of the problem, with its colour, checked when the state selects it. */
function syncLearnerBoxes(
  learnerBox: HTMLElement,
  problem: ProblemGroup,
  state: ViewState,
  colors: Map<string, string>,
  onToggle: () => void,
): void {
  clear(learnerBox);
  for (const l of problem.learners) {
    const box = el("input", { attrs: { type: "checkbox", value: l.key } });
    box.checked = state.learners === null || state.learners.includes(l.key);
    box.addEventListener("change", onToggle);
    const swatch = el("span", { class: "swatch" });
    swatch.style.background = colors.get(l.key) ?? "#333";
    learnerBox.append(
      el("label", { class: "toggle learner", attrs: { title: `${l.key}: ${l.runs.length} runs` } }, [
        box,
        swatch,
        `${l.label} (${l.runs.length})`,
      ]),
    );
  }
}

/**
 * Builds the header's filters: problem, y (loss or metric), x axis, log axes, seeds and one checkbox
 * per learner. Every change calls `onChange` with the new state; labels are set as text.
 */
export function createFilters(onChange: (update: (s: ViewState) => ViewState) => void): FilterControls {
  const { root, controls: c } = createControls();
  listenToControls(c, onChange);
  let currentKeys: string[] = [];
  const learnerChanged = () => {
    const checked = Array.from(c.learnerBox.querySelectorAll<HTMLInputElement>("input[type=checkbox]"))
      .filter((box) => box.checked)
      .map((box) => box.value);
    onChange((s) => ({ ...s, learners: checked.length === currentKeys.length ? null : checked }));
  };
  return {
    root,
    sync(problems, problem, state, colors) {
      syncProblemOptions(c.problemSelect, problems);
      c.problemSelect.value = problem.name;
      c.ySelect.value = state.y;
      c.ySelect.options[1].textContent = `metric (${problem.metric.name})`;
      c.xSelect.value = state.x;
      c.logX.checked = state.logX;
      c.logY.checked = effectiveLogY(state);
      c.seeds.checked = state.seeds;
      currentKeys = problem.learners.map((l) => l.key);
      syncLearnerBoxes(c.learnerBox, problem, state, colors, learnerChanged);
    },
  };
}
