/** Ranks 1..n by median (better first); equal medians share a rank; rows without a median come last. */
export function rankByMedian(rows: { median: number | null }[], higherIsBetter: boolean): number[] {
  const order = rows
    .map((r, i) => ({ i, m: r.median }))
    .sort((a, b) => {
      if (a.m === null || b.m === null) return a.m === null ? (b.m === null ? 0 : 1) : -1;
      return higherIsBetter ? b.m - a.m : a.m - b.m;
    });
  const ranks = new Array<number>(rows.length);
  order.forEach((o, pos) => {
    const prev = order[pos - 1];
    ranks[o.i] = pos > 0 && prev.m === o.m ? ranks[prev.i] : pos + 1;
  });
  return ranks;
}
