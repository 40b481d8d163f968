/**
 * Free blocks below the heap top, sorted by address, as parallel arrays of byte offsets and sizes.
 * First fit, split on allocation, coalesced with both neighbours on free; a block that reaches the
 * heap top is returned to it (so the per-call region at the top grows back).
 */
export class FreeList {
  private starts: number[] = [];
  private sizes: number[] = [];

  /** Takes `bytes` from the first block large enough; its offset, or -1 when none is. */
  take(bytes: number): number {
    const { starts, sizes } = this;
    for (let i = 0; i < starts.length; i++) {
      if (sizes[i] < bytes) continue;
      const p = starts[i];
      if (sizes[i] === bytes) {
        starts.splice(i, 1);
        sizes.splice(i, 1);
      } else {
        starts[i] += bytes;
        sizes[i] -= bytes;
      }
      return p;
    }
    return -1;
  }

  /** Frees [p, p + bytes), merging neighbours; returns the new heap top. */
  give(p: number, bytes: number, heapTop: number): number {
    const { starts, sizes } = this;
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid] < p) lo = mid + 1;
      else hi = mid;
    }
    let start = p;
    let size = bytes;
    if (lo > 0 && starts[lo - 1] + sizes[lo - 1] === start) {
      lo--;
      start = starts[lo];
      size += sizes[lo];
      starts.splice(lo, 1);
      sizes.splice(lo, 1);
    }
    if (lo < starts.length && start + size === starts[lo]) {
      size += sizes[lo];
      starts.splice(lo, 1);
      sizes.splice(lo, 1);
    }
    if (start + size === heapTop) return start;
    starts.splice(lo, 0, start);
    sizes.splice(lo, 0, size);
    return heapTop;
  }

  /** Bytes in the free blocks (holes below the heap top). */
  holeBytes(): number {
    let total = 0;
    for (const s of this.sizes) total += s;
    return total;
  }
}
