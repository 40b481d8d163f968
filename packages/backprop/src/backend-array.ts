import type { Kernels } from "@arena/tensor";

/** An array of a backend's memory and the backend to give it back to. */
interface Lent {
  readonly kernels: Kernels;
  readonly array: Float32Array;
}

/** Gives lent arrays back once their owner is collected (owners such as a stepper have no dispose). */
const lent = new FinalizationRegistry<Lent>(({ kernels, array }) => kernels.free?.(array));

/**
 * A zero-filled array of n floats in `kernels`' memory (where its kernels run on it in place), given
 * back to the backend once `owner` is collected; an ordinary array when the backend has no `alloc`.
 */
export function backendArray(owner: object, kernels: Kernels, n: number): Float32Array {
  if (kernels.alloc === undefined) return new Float32Array(n);
  const array = kernels.alloc(n);
  lent.register(owner, { kernels, array });
  return array;
}
