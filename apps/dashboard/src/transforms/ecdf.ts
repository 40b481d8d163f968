/**
 * The runtime ECDF over (run, target) pairs, as COCO and IOHprofiler draw it (Hansen et al. 2022,
 * "Anytime performance assessment in blackbox optimization benchmarking", IEEE TEVC 26(6); Doerr et
 * al. 2018, "IOHprofiler", arXiv:1810.05281): for each budget b, the fraction of all pairs whose
 * target was reached at a cost ≤ b. `hits[r][t]` is run r's cost at first reaching target t, or
 * null when it never did. Returns the step function at its jumps.
 */
export interface EcdfCurve {
  /** Distinct hitting costs, ascending. */
  costs: number[];
  /** Fraction of pairs reached at a cost ≤ `costs[i]`. */
  fractions: number[];
  /** Number of (run, target) pairs: the denominator. */
  pairs: number;
  /** Pairs reached by the end. */
  reached: number;
}

/**
 * @example
 * ```ts
 * // two runs, targets [0.8, 0.9]: run 0 reached them at 100 and 400, run 1 only the first, at 250
 * ecdfCurve([[100, 400], [250, null]]); // { costs: [100, 250, 400], fractions: [0.25, 0.5, 0.75], pairs: 4, reached: 3 }
 * ```
 */
export function ecdfCurve(hits: ReadonlyArray<ReadonlyArray<number | null>>): EcdfCurve {
  const costs: number[] = [];
  let pairs = 0;
  for (const row of hits) {
    for (const c of row) {
      pairs++;
      if (c !== null && Number.isFinite(c)) costs.push(c);
    }
  }
  costs.sort((a, b) => a - b);
  const out: EcdfCurve = { costs: [], fractions: [], pairs, reached: costs.length };
  for (let i = 0; i < costs.length; i++) {
    // Several pairs reached at the same cost make one jump.
    if (i + 1 < costs.length && costs[i + 1] === costs[i]) continue;
    out.costs.push(costs[i]);
    out.fractions.push((i + 1) / pairs);
  }
  return out;
}

/**
 * The points of an ECDF drawn as a step line (Plotly `line.shape: "hv"`) from `start` to `end`: it
 * begins at 0, jumps at each hitting cost and stays flat to the end of the budget, so a learner that
 * stops improving shows a plateau rather than a line that just ends. Hitting costs below `start`
 * (e.g. a target reached at cost 0, which a log axis cannot show) are drawn at `start`.
 */
export function ecdfStepPoints(curve: EcdfCurve, start: number, end: number): { x: number[]; y: number[] } {
  const x = [start];
  const y = [0];
  for (let i = 0; i < curve.costs.length; i++) {
    const c = Math.max(curve.costs[i], start);
    if (c === x[x.length - 1]) y[y.length - 1] = curve.fractions[i];
    else {
      x.push(c);
      y.push(curve.fractions[i]);
    }
  }
  if (end > x[x.length - 1]) {
    x.push(end);
    y.push(y[y.length - 1]);
  }
  return { x, y };
}
