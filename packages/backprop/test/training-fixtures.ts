import type { Dataset } from "@arena/datasets";
import { Rng } from "@arena/rng";

/**
 * n random sequences of T steps (x ~ N(0, 1)) with targets at the last step (n × O) or at every step
 * (n × T × O), x time-major inside each sample, as the datasets package lays them out.
 */
export function randomSequences(
  seed: string | number,
  n: number,
  T: number,
  F: number,
  O: number,
  readout: "last" | "every-step",
): Dataset {
  const rng = new Rng(seed);
  const x = rng.fillNormal(new Float32Array(n * T * F), 0, 1);
  const every = readout === "every-step";
  const y = rng.fillNormal(new Float32Array(n * (every ? T : 1) * O), 0, 0.5);
  return { n, x, xShape: [T, F], y, yShape: every ? [T, O] : [O] };
}

/** A small 3-class problem: Gaussian blobs in 2-d, one-hot targets. */
export function blobs(seed: string | number, n: number): Dataset {
  const rng = new Rng(seed);
  const x = new Float32Array(n * 2);
  const y = new Float32Array(n * 3);
  const centres = [
    [0, 2],
    [-2, -1],
    [2, -1],
  ];
  for (let i = 0; i < n; i++) {
    const c = i % 3;
    x[2 * i] = rng.normal(centres[c][0], 0.7);
    x[2 * i + 1] = rng.normal(centres[c][1], 0.7);
    y[3 * i + c] = 1;
  }
  return { n, x, xShape: [2], y, yShape: [3] };
}

/** The largest |a_i − b_i| over the largest |b_i|. */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  let s = 0;
  for (let i = 0; i < a.length; i++) {
    d = Math.max(d, Math.abs(a[i] - b[i]));
    s = Math.max(s, Math.abs(b[i]));
  }
  return d / s;
}
