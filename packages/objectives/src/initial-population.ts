import { preview } from "@arena/options";
import * as z from "zod";
import type { Precision } from "./precision.ts";

const isArrayLike = (v: unknown): v is ArrayLike<unknown> =>
  v !== null && typeof v === "object" && typeof (v as ArrayLike<unknown>).length === "number";

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The index of the first entry that is not a finite number, -1 when all are. */
function firstNonFinite(row: ArrayLike<unknown>): number {
  for (let i = 0; i < row.length; i++) if (!isFiniteNumber(row[i])) return i;
  return -1;
}

/**
 * One row of a starting population: finite numbers (an array or a typed array), stored in the
 * optimizer's precision ({@link checkPopulationRows} checks that they stay finite as float32 there).
 */
export const PopulationRow = z.custom<ArrayLike<number>>((v) => isArrayLike(v) && firstNonFinite(v) < 0, {
  error: (iss) => {
    const v = iss.input;
    const i = isArrayLike(v) ? firstNonFinite(v) : -1;
    return isArrayLike(v) && i >= 0
      ? `expected finite numbers; entry [${i}] is ${preview(v[i])}`
      : "expected a row of numbers (an array or a typed array)";
  },
});

/** Rows of a starting population, at least one. */
export const PopulationRows = z.array(PopulationRow).min(1);

/**
 * A bound as the box options give it: one number, or one per dimension.
 * @inline
 */
type Bound = number | ArrayLike<number> | undefined;

/** The bound of dimension `d`, or undefined when it cannot be read yet (the box check reports that). */
function boundAt(bound: Bound, d: number, dim: number, fallback: number): number | undefined {
  if (bound === undefined) return fallback;
  if (typeof bound === "number") return bound;
  return bound.length === dim ? bound[d] : undefined;
}

/**
 * The rules between starting rows and the other options, for a schema's `superRefine`: at most
 * `populationSize` rows, each of `dim` entries, each inside the box [lower, upper] once stored in
 * `precision` (default float64; in float32, a value must stay finite once rounded, and the optimizer's
 * box has its bounds rounded inward to float32). Adds an issue at `key[i]` or `key[i][d]` for the
 * first problem of each row.
 */
export function checkPopulationRows(
  rows: readonly ArrayLike<number>[],
  o: {
    readonly dim: number;
    readonly populationSize: number;
    readonly lower?: Bound;
    readonly upper?: Bound;
    readonly precision?: Precision;
  },
  ctx: z.core.$RefinementCtx,
  key: string,
): void {
  const { dim, populationSize } = o;
  const f32 = o.precision === "float32";
  const stored = f32 ? Math.fround : (x: number) => x;
  const as = f32 ? " (as float32)" : "";
  if (rows.length > populationSize) {
    ctx.addIssue({
      code: "custom",
      path: [key],
      message: `expected at most populationSize = ${populationSize} rows`,
      input: rows.length,
    });
  }
  rows.forEach((row, i) => {
    if (row.length !== dim) {
      ctx.addIssue({
        code: "custom",
        path: [key, i],
        message: `expected dim = ${dim} entries`,
        input: row.length,
      });
      return;
    }
    for (let d = 0; d < dim; d++) {
      const x = stored(row[d]);
      if (!Number.isFinite(x)) {
        ctx.addIssue({
          code: "custom",
          path: [key, i, d],
          message: "expected finite once stored as float32",
          input: row[d],
        });
        return;
      }
      const lo = boundAt(o.lower, d, dim, Number.NEGATIVE_INFINITY);
      const hi = boundAt(o.upper, d, dim, Number.POSITIVE_INFINITY);
      if ((lo !== undefined && x < lo) || (hi !== undefined && x > hi)) {
        ctx.addIssue({
          code: "custom",
          path: [key, i, d],
          message: `expected inside the box [lower[${d}], upper[${d}]] = [${lo}, ${hi}]${as}`,
          input: x,
        });
        return;
      }
    }
  });
}
