import { type Dataset, sampleSize } from "./dataset.ts";

/** A dataset's x and y as 32-bit words: two samples are bit-identical exactly when their words are. */
interface Words {
  readonly x: Uint32Array;
  readonly y: Uint32Array;
  readonly xs: number;
  readonly ys: number;
}

function wordsOf(ds: Dataset): Words {
  return {
    x: new Uint32Array(ds.x.buffer, ds.x.byteOffset, ds.x.length),
    y: new Uint32Array(ds.y.buffer, ds.y.byteOffset, ds.y.length),
    xs: sampleSize(ds.xShape),
    ys: sampleSize(ds.yShape),
  };
}

/** The 32-bit hash a `SampleSet` files sample `i` of `ds` under (for tests of collisions). */
export function sampleHashOf(ds: Dataset, i: number): number {
  return sampleHash(wordsOf(ds), i);
}

/** A 32-bit hash of sample i's words (x then y), murmur3-style mixing. */
function sampleHash(w: Words, i: number): number {
  let h = 0x9747b28c;
  const mix = (k: number) => {
    k = Math.imul(k, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    h ^= Math.imul(k, 0x1b873593);
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  };
  for (let j = i * w.xs, end = j + w.xs; j < end; j++) mix(w.x[j]);
  for (let j = i * w.ys, end = j + w.ys; j < end; j++) mix(w.y[j]);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h;
}

function sameSample(a: Words, i: number, b: Words, k: number): boolean {
  if (a.xs !== b.xs || a.ys !== b.ys) return false;
  for (let j = 0; j < a.xs; j++) if (a.x[i * a.xs + j] !== b.x[k * b.xs + j]) return false;
  for (let j = 0; j < a.ys; j++) if (a.y[i * a.ys + j] !== b.y[k * b.ys + j]) return false;
  return true;
}

/**
 * A set of samples (input and target, compared bit for bit) held as a hash of each sample and where it
 * is, not as a copy: a few numbers per sample, where a string key per sample cost its whole bytes again.
 * Equal hashes are compared word by word, so a collision never merges two different samples.
 */
export class SampleSet {
  private readonly sources: Words[] = [];
  /** hash → sample (source · 2^31 + row), and further samples of the same hash. */
  private readonly first = new Map<number, number>();
  private readonly more = new Map<number, number[]>();

  /** Adds every sample of `ds`. */
  addAll(ds: Dataset): void {
    const src = this.source(ds);
    const w = this.sources[src];
    for (let i = 0; i < ds.n; i++) this.insert(src, i, sampleHash(w, i));
  }

  /**
   * The samples of `ds` to keep, in order: those for which `keep(found)` holds, where `found` says
   * whether an equal sample is in the set; with `addKept`, each kept sample joins the set (so a later copy
   * of it is found).
   */
  filter(ds: Dataset, keep: (found: boolean) => boolean, addKept: boolean): number[] {
    const src = this.source(ds);
    const w = this.sources[src];
    const kept: number[] = [];
    for (let i = 0; i < ds.n; i++) {
      const h = sampleHash(w, i);
      if (!keep(this.has(w, i, h))) continue;
      kept.push(i);
      if (addKept) this.insert(src, i, h);
    }
    return kept;
  }

  /** Registers `ds` as a source of samples; its index. */
  private source(ds: Dataset): number {
    this.sources.push(wordsOf(ds));
    return this.sources.length - 1;
  }

  private insert(src: number, i: number, h: number): void {
    const id = src * ROW_SPAN + i;
    const more = this.more.get(h);
    if (!this.first.has(h)) this.first.set(h, id);
    else if (more) more.push(id);
    else this.more.set(h, [id]);
  }

  private has(w: Words, i: number, h: number): boolean {
    const id = this.first.get(h);
    if (id === undefined) return false;
    if (this.equals(w, i, id)) return true;
    return (this.more.get(h) ?? []).some((other) => this.equals(w, i, other));
  }

  private equals(w: Words, i: number, id: number): boolean {
    const src = Math.floor(id / ROW_SPAN);
    return sameSample(w, i, this.sources[src], id - src * ROW_SPAN);
  }
}

/** Sample ids are source · ROW_SPAN + row: rows of a dataset are far fewer than 2^31. */
const ROW_SPAN = 2 ** 31;
