/**
 * A weighted checksum of an output, to check that implementations compute the same thing without
 * shipping whole matrices between processes: Σ w_i·x_i with fixed pseudo-random weights in [-0.5, 0.5),
 * and the scale Σ |w_i·x_i| against which a difference is judged.
 */
export interface Fingerprint {
  value: number;
  scale: number;
  length: number;
}

export function fingerprint(x: ArrayLike<number>): Fingerprint {
  let value = 0;
  let scale = 0;
  for (let i = 0; i < x.length; i++) {
    // Knuth's multiplicative hash of the index: fixed weights, no generator state needed.
    const w = Math.imul(i + 1, 2654435761) / 2 ** 32;
    value += w * x[i];
    scale += Math.abs(w * x[i]);
  }
  return { value, scale, length: x.length };
}

/** |a − b| relative to the larger scale; Infinity when lengths differ or either is not finite. */
export function fingerprintDiff(a: Fingerprint, b: Fingerprint): number {
  if (a.length !== b.length) return Number.POSITIVE_INFINITY;
  const d = Math.abs(a.value - b.value) / Math.max(a.scale, b.scale, Number.MIN_VALUE);
  return Number.isFinite(d) ? d : Number.POSITIVE_INFINITY;
}
