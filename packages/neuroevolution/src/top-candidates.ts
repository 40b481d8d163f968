/**
 * Puts the indices of the `rows.length` finite lowest fitness values among candidates from..to−1 into
 * `rows`, best first (insertion into a sorted prefix: the number kept is small), and returns how many
 * there were. The candidates a population learner re-scores on the full training split.
 */
export function selectTop(fitness: Float64Array, from: number, to: number, rows: Int32Array): number {
  const top = rows.length;
  let m = 0;
  for (let i = from; i < to; i++) {
    const f = fitness[i];
    if (!Number.isFinite(f)) continue;
    if (m < top) {
      let j = m++;
      while (j > 0 && fitness[rows[j - 1]] > f) {
        rows[j] = rows[j - 1];
        j--;
      }
      rows[j] = i;
    } else if (f < fitness[rows[top - 1]]) {
      let j = top - 1;
      while (j > 0 && fitness[rows[j - 1]] > f) {
        rows[j] = rows[j - 1];
        j--;
      }
      rows[j] = i;
    }
  }
  return m;
}
