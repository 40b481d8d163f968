import seedrandom from "seedrandom";

/**
 * Alea's internal state as seedrandom exposes it: three 32-bit fractions and a carry.
 * @inline
 */
interface AleaState {
  c: number;
  s0: number;
  s1: number;
  s2: number;
}

type AleaPrng = seedrandom.PRNG & { state(): AleaState };

/** Everything needed to continue a stream exactly where it stopped; plain JSON. */
export interface RngState {
  /** The seed path, e.g. `"42/digits/pso/3"`: the root seed and every fork label below it. */
  readonly seed: string;
  readonly alea: AleaState;
  /** Box–Muller draws two normals at a time; the second waits here (null when none waits). */
  readonly spare: number | null;
}

/** The narrow view of an Rng that statistical code needs (e.g. a bootstrap), so it need not depend on us. */
export interface UniformSource {
  float(): number;
}

function assertFiniteNumber(fn: string, name: string, v: number): void {
  if (!Number.isFinite(v)) throw new RangeError(`Rng.${fn}: ${name} must be a finite number, got ${v}`);
}

/**
 * A seeded random stream. Arena never calls `Math.random`: every random number comes from an `Rng`
 * passed in, so the same seed reproduces a run bit for bit.
 *
 * The generator is seedrandom's **Alea** (Baagøe 2010): it passes BigCrush, has a period near 2^116,
 * is among the fastest in seedrandom (one multiply-add on doubles per draw, no 32-bit integer
 * emulation), and can save and restore its state, which `state()`/`fromState()` need.
 *
 * `fork(label)` derives a child stream from the parent's *seed* and the label only (the child's seed is
 * the path `parent/label`), so it does not depend on how many numbers the parent has drawn, nor on
 * the order in which children are forked: `rng.fork("digits").fork("pso").fork(3)` names one run's
 * stream whatever the number of workers.
 *
 * @example
 * ```ts
 * import { Rng } from "@arena/rng";
 * const rng = new Rng(42);
 * const w = new Float32Array(6);
 * rng.fillNormal(w, 0, 0.1);
 * const child = rng.fork("pso").fork(3); // seed path "42/pso/3"
 * console.log(child.seed, rng.int(0, 10), w[0]);
 * ```
 */
export class Rng implements UniformSource {
  /** The seed path of this stream. */
  readonly seed: string;
  private readonly prng: AleaPrng;
  private spare: number | null = null;

  constructor(seed: number | string, state?: AleaState) {
    if (typeof seed === "number" && !Number.isFinite(seed)) {
      throw new RangeError(`Rng: seed must be a finite number or a string, got ${seed}`);
    }
    this.seed = String(seed);
    this.prng = seedrandom.alea(this.seed, { state: state ?? true }) as AleaPrng;
  }

  /** A stream of its own, derived from this stream's seed and `label` only. */
  fork(label: string | number): Rng {
    const s = String(label);
    if (s.length === 0) throw new RangeError("Rng.fork: label must not be empty");
    return new Rng(`${this.seed}/${s}`);
  }

  /** Uniform in [0, 1), 32 bits of resolution (finer than a float32 can hold). */
  float(): number {
    return this.prng();
  }

  /** Uniform in [lo, hi). */
  uniform(lo: number, hi: number): number {
    assertFiniteNumber("uniform", "lo", lo);
    assertFiniteNumber("uniform", "hi", hi);
    if (hi < lo) throw new RangeError(`Rng.uniform: hi (${hi}) must be >= lo (${lo})`);
    return lo + (hi - lo) * this.prng();
  }

  /** Uniform integer in [lo, hiExclusive). Bias is below 2^-20 for ranges up to 2^32 (53-bit draws). */
  int(lo: number, hiExclusive: number): number {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hiExclusive)) {
      throw new RangeError(`Rng.int: bounds must be safe integers, got lo=${lo}, hiExclusive=${hiExclusive}`);
    }
    if (hiExclusive <= lo) {
      throw new RangeError(`Rng.int: hiExclusive (${hiExclusive}) must be greater than lo (${lo})`);
    }
    const span = hiExclusive - lo;
    // 32-bit draws suffice for small spans; larger ones take the 53-bit double.
    const u = span <= 0x10000 ? this.prng() : this.prng.double();
    return lo + Math.floor(u * span);
  }

  /** Normal(mean, std) by the Box–Muller transform; the second variate of each pair is kept for the next call. */
  normal(mean = 0, std = 1): number {
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new RangeError(`Rng.normal: std must be a finite number >= 0, got ${std}`);
    }
    return mean + std * this.standardNormal();
  }

  private standardNormal(): number {
    if (this.spare !== null) {
      const z = this.spare;
      this.spare = null;
      return z;
    }
    // 1 - u lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - this.prng.double();
    const u2 = this.prng();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** True with probability p. */
  bernoulli(p: number): boolean {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`Rng.bernoulli: p must be in [0, 1], got ${p}`);
    return this.prng() < p;
  }

  /** Fills `arr` with Uniform[lo, hi) draws, in place; returns it. */
  fillUniform<T extends Float32Array | Float64Array>(arr: T, lo: number, hi: number): T {
    assertFiniteNumber("fillUniform", "lo", lo);
    assertFiniteNumber("fillUniform", "hi", hi);
    if (hi < lo) throw new RangeError(`Rng.fillUniform: hi (${hi}) must be >= lo (${lo})`);
    const span = hi - lo;
    for (let i = 0; i < arr.length; i++) arr[i] = lo + span * this.prng();
    return arr;
  }

  /** Fills `arr` with Normal(mean, std) draws, in place; returns it. */
  fillNormal<T extends Float32Array | Float64Array>(arr: T, mean = 0, std = 1): T {
    if (!(std >= 0) || !Number.isFinite(std)) {
      throw new RangeError(`Rng.fillNormal: std must be a finite number >= 0, got ${std}`);
    }
    for (let i = 0; i < arr.length; i++) arr[i] = mean + std * this.standardNormal();
    return arr;
  }

  /** Shuffles `arr` in place (Fisher–Yates, Durstenfeld's form); returns it. */
  shuffle<T extends { length: number; [i: number]: unknown }>(arr: T): T {
    for (let i = arr.length - 1; i > 0; i--) {
      const j = Math.floor(this.prng() * (i + 1));
      const t = arr[i];
      arr[i] = arr[j];
      arr[j] = t;
    }
    return arr;
  }

  /** A uniformly random permutation of 0..n-1. */
  permutation(n: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Rng.permutation: n must be an integer >= 0, got ${n}`);
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    return this.shuffle(p);
  }

  /**
   * k distinct indices from 0..n-1, uniformly, in random order (without replacement).
   * Partial Fisher–Yates: O(n) memory, O(k) swaps.
   */
  sample(n: number, k: number): Int32Array {
    if (!Number.isInteger(n) || n < 0)
      throw new RangeError(`Rng.sample: n must be an integer >= 0, got ${n}`);
    if (!Number.isInteger(k) || k < 0 || k > n) {
      throw new RangeError(`Rng.sample: k must be an integer in [0, n=${n}], got ${k}`);
    }
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.prng() * (n - i));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p.slice(0, k);
  }

  /** The exact position in the stream, as plain JSON. */
  state(): RngState {
    return { seed: this.seed, alea: this.prng.state(), spare: this.spare };
  }

  /** Continues a stream saved by `state()`: the next draws equal those the saved stream would have made. */
  static fromState(s: RngState): Rng {
    const a = s?.alea;
    if (
      typeof s?.seed !== "string" ||
      !a ||
      ![a.c, a.s0, a.s1, a.s2].every((v) => typeof v === "number" && Number.isFinite(v))
    ) {
      throw new TypeError(
        `Rng.fromState: expected { seed, alea: { c, s0, s1, s2 }, spare }, got ${JSON.stringify(s)}`,
      );
    }
    const rng = new Rng(s.seed, { c: a.c, s0: a.s0, s1: a.s1, s2: a.s2 });
    rng.spare = s.spare ?? null;
    return rng;
  }
}
