/** Where the points without a value to scale (diverged, not reached) are drawn: past the worst value. */
export type EdgeSide = "top" | "bottom";

/** How far past the values the edge line sits: ×3 on a log axis, 12% of the span on a linear one. */
const LOG_FACTOR = 3;
const LINEAR_SHARE = 0.12;

/**
 * The y of the edge line of a figure whose finite values are `values`: beyond their extreme on `side`,
 * far enough to read as apart from them, near enough not to squash them. With no value to go by, 1
 * (a log axis cannot show 0) or 0.
 *
 * @example
 * ```ts
 * edgeLevel([10, 1000], "top", true); // 3000
 * edgeLevel([0.5, 0.9], "bottom", false); // 0.452
 * ```
 */
export function edgeLevel(values: readonly number[], side: EdgeSide, log: boolean): number {
  const finite = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (finite.length === 0) return log ? 1 : 0;
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  if (log) return side === "top" ? hi * LOG_FACTOR : lo / LOG_FACTOR;
  const span = hi - lo || Math.abs(hi) || 1;
  return side === "top" ? hi + LINEAR_SHARE * span : lo - LINEAR_SHARE * span;
}
