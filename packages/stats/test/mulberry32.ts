/**
 * A tiny seeded uniform source for tests: mulberry32 (Tommy Ettinger, public domain), 32-bit state.
 * @arena/stats has no dependency on @arena/rng; any `{ float(): number }` will do.
 */
export function mulberry32(seed: number): { float(): number } {
  let a = seed >>> 0;
  return {
    float(): number {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** Standard normal draws from a uniform source by Box–Muller (one of each pair used: simple, not fast). */
export function normalDraw(src: { float(): number }): number {
  const u1 = 1 - src.float(); // (0, 1]: log stays finite
  const u2 = src.float();
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
