import type { Kernels } from "./kernels.ts";
import { tsKernels } from "./ts-kernels.ts";

let active: Kernels = tsKernels;

/** The backend every free function of this package delegates to. */
export function getKernels(): Kernels {
  return active;
}

/** Replaces the active backend (e.g. with a WebAssembly one); returns the previous one. */
export function setKernels(k: Kernels): Kernels {
  const prev = active;
  active = k;
  return prev;
}
