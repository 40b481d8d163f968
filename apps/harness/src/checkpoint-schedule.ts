/**
 * Log-spaced checkpoints: `count` thresholds from `first · budget` to `budget`, geometric in between.
 * Early training changes fastest, so log spacing resolves it without wasting evaluations later on.
 */
export function logCheckpoints(budget: number, count: number, first: number): Float64Array {
  if (!(budget > 0) || !Number.isFinite(budget))
    throw new RangeError(`logCheckpoints: budget must be > 0, got ${budget}`);
  if (!Number.isInteger(count) || count < 2)
    throw new RangeError(`logCheckpoints: count must be an integer >= 2, got ${count}`);
  if (!(first > 0 && first < 1))
    throw new RangeError(`logCheckpoints: first must be in (0, 1), got ${first}`);
  const out = new Float64Array(count);
  const lo = Math.log(first * budget);
  const hi = Math.log(budget);
  for (let i = 0; i < count; i++) out[i] = Math.exp(lo + ((hi - lo) * i) / (count - 1));
  out[count - 1] = budget; // exactly, whatever exp(log(x)) rounds to
  return out;
}
