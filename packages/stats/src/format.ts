/**
 * A number for a table (report.md, the dashboard's tables): 3 significant digits, exponent form for
 * very large or small values; "–" for a missing value, "NaN", "∞" and "-∞" as such.
 *
 * @example
 * ```ts
 * import { fmt } from "@arena/stats";
 * fmt(0.95123); // "0.951"
 * fmt(1.5e-5); // "1.50e-5"
 * fmt(null); // "–"
 * ```
 */
export function fmt(x: number | null | undefined): string {
  if (x === null || x === undefined) return "–";
  if (Number.isNaN(x)) return "NaN";
  if (!Number.isFinite(x)) return x > 0 ? "∞" : "-∞";
  if (x === 0) return "0";
  const a = Math.abs(x);
  if (a >= 1e5 || a < 1e-3) return x.toExponential(2).replace("e+", "e");
  return Number(x.toPrecision(3)).toString();
}
