import { type Dataset, sampleSize } from "./dataset.ts";

/**
 * A new Dataset holding the samples at `indices`, in that order (copied, so the source stays untouched).
 *
 * @example
 * ```ts
 * import { createDataset, selectRows } from "@arena/datasets";
 * const ds = createDataset(new Float32Array([1, 2, 3]), [1], new Float32Array([0, 1, 0]), [1]);
 * selectRows(ds, [2, 0]).x; // Float32Array [3, 1]
 * ```
 */
export function selectRows(ds: Dataset, indices: ArrayLike<number>): Dataset {
  const xs = sampleSize(ds.xShape);
  const ys = sampleSize(ds.yShape);
  const m = indices.length;
  const x = new Float32Array(m * xs);
  const y = new Float32Array(m * ys);
  for (let r = 0; r < m; r++) {
    const i = indices[r];
    if (!Number.isInteger(i) || i < 0 || i >= ds.n) {
      throw new RangeError(`selectRows: index ${i} at position ${r} is outside 0..${ds.n - 1}`);
    }
    x.set(ds.x.subarray(i * xs, (i + 1) * xs), r * xs);
    y.set(ds.y.subarray(i * ys, (i + 1) * ys), r * ys);
  }
  return { n: m, x, xShape: ds.xShape, y, yShape: ds.yShape };
}
