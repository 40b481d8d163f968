/** Ranks of a sample, with ties sharing their mean rank, and the tie sizes. */
export interface Midranks {
  /** 1-based ranks in the input's order; tied values share the mean of the ranks they span. */
  ranks: Float64Array;
  /** Σ(t³ − t) over groups of t tied values: the tie correction of rank tests' variances. */
  tieSum: number;
  /** Number of groups of two or more tied values. */
  tieGroups: number;
}

/**
 * Midranks (mean ranks for ties) of `xs`, as R's `rank(ties.method = "average")`. NaN must be
 * excluded by the caller; infinities rank like any value.
 */
export function midranks(xs: ArrayLike<number>): Midranks {
  const n = xs.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => (xs[a] < xs[b] ? -1 : xs[a] > xs[b] ? 1 : 0));
  const ranks = new Float64Array(n);
  let tieSum = 0;
  let tieGroups = 0;
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && xs[order[j]] === xs[order[i]]) j++;
    // Positions i..j−1 (0-based) hold equal values: their ranks i+1..j average to (i + 1 + j) / 2.
    const r = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) ranks[order[k]] = r;
    const t = j - i;
    if (t > 1) {
      tieSum += t * t * t - t;
      tieGroups++;
    }
    i = j;
  }
  return { ranks, tieSum, tieGroups };
}
