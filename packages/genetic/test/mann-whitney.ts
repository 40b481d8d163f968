/**
 * A small one-sided Mann–Whitney U test for the literature-style tests (the stats package is written in
 * parallel; this helper keeps these tests independent of it). H1: values in `a` tend to be smaller than
 * values in `b`. Exact null distribution when there are no ties (Mann & Whitney 1947's recursion),
 * normal approximation with tie correction otherwise.
 */
export interface MannWhitneyResult {
  /** Pairs (i, j) with a_i < b_j, ties counting 1/2. */
  u: number;
  /** One-sided p-value P(U >= u) under H0. */
  p: number;
  exact: boolean;
}

/** Counts c[u] of the arrangements of m a's and n b's with U = u (no ties). */
function exactCounts(m: number, n: number): number[] {
  // c(i, j, u) = c(i − 1, j, u − j) + c(i, j − 1, u): the largest value is an a (beating all j b's) or a b.
  let prev: number[][] = Array.from({ length: n + 1 }, () => [1]);
  for (let i = 1; i <= m; i++) {
    const cur: number[][] = [[1]];
    for (let j = 1; j <= n; j++) {
      const len = i * j + 1;
      const row = new Array(len).fill(0);
      const fromA = prev[j];
      const fromB = cur[j - 1];
      for (let u = 0; u < len; u++)
        row[u] = (u - j >= 0 && u - j < fromA.length ? fromA[u - j] : 0) + (u < fromB.length ? fromB[u] : 0);
      cur.push(row);
    }
    prev = cur;
  }
  return prev[n];
}

export function mannWhitneyLess(a: readonly number[], b: readonly number[]): MannWhitneyResult {
  const m = a.length;
  const n = b.length;
  let u = 0;
  for (const x of a) for (const y of b) u += x < y ? 1 : x === y ? 0.5 : 0;
  const all = [...a, ...b].sort((x, y) => x - y);
  let tieTerm = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j] === all[i]) j++;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  if (tieTerm === 0 && m * n <= 400) {
    const counts = exactCounts(m, n);
    const total = counts.reduce((s, c) => s + c, 0);
    let tail = 0;
    for (let k = Math.ceil(u); k < counts.length; k++) tail += counts[k];
    return { u, p: tail / total, exact: true };
  }
  const N = m + n;
  const mean = (m * n) / 2;
  const variance = ((m * n) / 12) * (N + 1 - tieTerm / (N * (N - 1)));
  const z = (u - 0.5 - mean) / Math.sqrt(variance);
  return { u, p: 1 - normalCdf(z), exact: false };
}

/** Standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, |error| < 1.2e-7). */
function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.5 * x);
  const erfc =
    t *
    Math.exp(
      -x * x -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return z >= 0 ? 1 - erfc / 2 : erfc / 2;
}
