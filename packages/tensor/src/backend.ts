import type { Kernels } from "./kernels.ts";
import { tsKernels } from "./ts-kernels.ts";

let active: Kernels = tsKernels;

/** The backend every Matrix function of this package delegates to (the TypeScript one unless replaced). */
export function getKernels(): Kernels {
  return active;
}

/**
 * Replaces the active backend (e.g. with a WebAssembly one) and returns the previous one, so a caller
 * can restore it. Throws, naming the kernel, when `k` lacks one of the interface's kernels.
 *
 * @example
 * ```ts
 * import { getKernels, setKernels, tsKernels } from "@arena/tensor";
 * const previous = setKernels({ ...tsKernels, name: "ts-copy" });
 * console.log(getKernels().name); // "ts-copy"
 * setKernels(previous);
 * ```
 */
export function setKernels(k: Kernels): Kernels {
  if (typeof k?.name !== "string")
    throw new TypeError(`setKernels: backend must have a string name, got ${k?.name}`);
  for (const key of Object.keys(tsKernels) as (keyof Kernels)[]) {
    if (key !== "name" && typeof k[key] !== "function") {
      throw new TypeError(`setKernels: backend "${k.name}" has no ${key} kernel (got ${typeof k[key]})`);
    }
  }
  const prev = active;
  active = k;
  return prev;
}
