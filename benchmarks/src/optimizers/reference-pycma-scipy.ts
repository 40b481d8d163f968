/**
 * The reference figures of issue 17, kept as data with their provenance: pycma and scipy were not run
 * by this benchmark (pycma is not installable here, no PyPI access); `bench:optimizers` prints them next
 * to Arena's own measurement in the same setting.
 */
export const REFERENCE_PROVENANCE =
  "issue 17: measured side by side on one machine (pycma 4.5.0, scipy 1.17.1; 10 seeds; dimension 10; " +
  "x0 uniform in [−4, 4]^10, bounds [−5, 5], σ0 = 2; evaluations until f < 1e-8; median [min, max])";

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
