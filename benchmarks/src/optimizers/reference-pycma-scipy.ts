/**
 * The reference figures of issue 17, kept as data with their provenance: pycma and scipy were not run
 * by this benchmark (pycma is not installable here, no PyPI access); `bench:optimizers` prints them next
 * to Arena's own measurement in the same setting ({@link referenceTable}, 10-D only).
 */
import { fmt } from "@arena/stats";
import { SCIPY_NAME } from "./optimizer-runs.ts";
import { evalsCell, type OptimizerSummary } from "./optimizer-summary.ts";

export const REFERENCE_PROVENANCE =
  "issue 17: measured side by side on one machine (pycma 4.5.0, scipy 1.17.1; 10 seeds; dimension 10; " +
  "x0 uniform in [−4, 4]^10, bounds [−5, 5], σ0 = 2; scipy DE rand1bin with popsize 10, i.e. NP = 100; " +
  "evaluations until f < 1e-8; median [min, max])";

/** The dimension of the reference figures. */
export const REFERENCE_DIM = 10;

export interface ReferenceRow {
  readonly function: "sphere" | "ellipsoid" | "rosenbrock" | "rastrigin";
  readonly optimizer: string;
  /** Median evaluations to f < 1e-8, or null when no run got there. */
  readonly median: number | null;
  readonly min?: number;
  readonly max?: number;
  readonly solved: number;
  readonly runs: number;
  readonly note?: string;
}

export const REFERENCE: readonly ReferenceRow[] = [
  { function: "sphere", optimizer: "pycma", median: 1479, min: 1323, max: 1559, solved: 10, runs: 10 },
  { function: "sphere", optimizer: "scipy DE", median: 22841, solved: 10, runs: 10 },
  { function: "ellipsoid", optimizer: "pycma", median: 3868, min: 3782, max: 4106, solved: 10, runs: 10 },
  { function: "rosenbrock", optimizer: "pycma", median: 5139, min: 4592, max: 5909, solved: 10, runs: 10 },
  { function: "rosenbrock", optimizer: "scipy DE", median: 79751, solved: 10, runs: 10 },
  {
    function: "rastrigin",
    optimizer: "pycma IPOP",
    median: 78534,
    min: 36953,
    max: 101666,
    solved: 10,
    runs: 10,
  },
  {
    function: "rastrigin",
    optimizer: "scipy DE",
    median: null,
    solved: 0,
    runs: 10,
    note: "within 1e5; median final f 15.7",
  },
];

/** This run's rows shown next to the reference figures, and their labels. */
const COMPARED: readonly { optimizer: string; label: (fn: string) => string }[] = [
  { optimizer: "CMAES", label: (fn) => `Arena CMAES${fn === "rastrigin" ? " IPOP" : ""}` },
  { optimizer: "CMAES BIPOP", label: () => "Arena CMAES BIPOP" },
  { optimizer: SCIPY_NAME, label: () => `${SCIPY_NAME} (this run)` },
];

/**
 * Markdown: per function, issue 17's figures, then this run's {@link COMPARED} rows of the
 * {@link REFERENCE_DIM}-D summary (rows of other dimensions are ignored).
 */
export function referenceTable(summary: readonly OptimizerSummary[]): string {
  const lines = [
    "| function | optimizer | evaluations to 1e-8: median [min, max] | solved |",
    "| -------- | --------- | -------------------------------------- | ------ |",
  ];
  for (const fn of ["sphere", "ellipsoid", "rosenbrock", "rastrigin"]) {
    for (const r of REFERENCE.filter((q) => q.function === fn)) {
      const solved = `${r.solved}/${r.runs}${r.note ? `, ${r.note}` : ""}`;
      lines.push(`| ${fn} | ${r.optimizer} (issue 17) | ${evalsCell(r.median, r.min, r.max)} | ${solved} |`);
    }
    for (const c of COMPARED) {
      const s = summary.find(
        (q) => q.dim === REFERENCE_DIM && q.function === fn && q.optimizer === c.optimizer,
      );
      if (!s) continue;
      const ev = evalsCell(s.evalsMedian, s.evalsMin, s.evalsMax);
      lines.push(
        `| ${fn} | ${c.label(fn)} | ${ev} | ${s.solved}/${s.runs}, median final f ${fmt(s.fMedian)} |`,
      );
    }
  }
  return lines.join("\n");
}
