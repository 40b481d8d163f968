/**
 * `count` items cut into at most `parts` blocks whose sizes are multiples of `unit` (the last may be
 * shorter): [start, size] pairs in order. How a job shared with the helper thread is cut into parts.
 */
export function splitBlocks(count: number, parts: number, unit: number): [number, number][] {
  const size = Math.ceil(count / parts / unit) * unit;
  const out: [number, number][] = [];
  for (let start = 0; start < count; start += size) out.push([start, Math.min(size, count - start)]);
  return out;
}
