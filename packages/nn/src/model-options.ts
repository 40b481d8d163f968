import type { Kernels } from "@arena/tensor";

/** Construction options shared by every model. */
export interface ModelOptions {
  /** The kernel backend, captured once; default `getKernels()` at construction. */
  kernels?: Kernels;
  /** Preallocate workspaces for this many samples (they grow on demand anyway). */
  maxBatch?: number;
}

/** Rejects unknown option keys (naming them) and a bad maxBatch. */
export function checkModelOptions(where: string, opts: ModelOptions, extra: readonly string[] = []): void {
  for (const key of Object.keys(opts)) {
    if (key !== "kernels" && key !== "maxBatch" && !extra.includes(key)) {
      throw new RangeError(
        `${where}: unknown option "${key}"; expected kernels, maxBatch${extra.map((e) => `, ${e}`).join("")}`,
      );
    }
  }
  if (opts.maxBatch !== undefined && (!Number.isInteger(opts.maxBatch) || opts.maxBatch < 1)) {
    throw new RangeError(`${where}: maxBatch must be a positive integer, got ${opts.maxBatch}`);
  }
}
