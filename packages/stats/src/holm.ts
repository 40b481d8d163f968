import { checkProbability } from "./checks.ts";

/**
 * Holm–Bonferroni adjusted p-values (Holm 1979, *Scand. J. Statist.* 6:65–70), as R's
 * `p.adjust(p, "holm")`: sort the m p-values ascending, multiply the i-th smallest (1-based) by
 * m − i + 1, carry the running maximum so the adjusted values keep the order of the raw ones, and cap
 * at 1. Rejecting every hypothesis whose adjusted p is ≤ α controls the family-wise error rate at α.
 *
 * @example
 * ```ts
 * import { holm } from "@arena/stats";
 * holm([0.01, 0.04, 0.03, 0.005]); // [0.03, 0.06, 0.06, 0.02]
 * ```
 */
export function holm(pValues: ArrayLike<number>): number[] {
  const m = pValues.length;
  for (let i = 0; i < m; i++) checkProbability("holm", `pValues[${i}]`, pValues[i]);
  const order = Array.from({ length: m }, (_, i) => i);
  // Stable sort: equal p-values keep their input order (the adjusted values are equal anyway).
  order.sort((a, b) => pValues[a] - pValues[b]);
  const adjusted = new Array<number>(m);
  let running = 0;
  for (let k = 0; k < m; k++) {
    const i = order[k];
    running = Math.max(running, Math.min(1, (m - k) * pValues[i]));
    adjusted[i] = running;
  }
  return adjusted;
}
