import { Rng } from "./rng.ts";

/** A random stream, or the seed of one: what every Arena API that takes randomness accepts. */
export type RngLike = Rng | number | string;

/**
 * The stream `r` names: an `Rng` as it is (shared, so its draws advance), a number or string as
 * `new Rng(r)`. Throws a TypeError naming `owner` for anything else.
 *
 * @example
 * ```ts
 * import { Rng, toRng } from "@arena/rng";
 * console.log(toRng(7).float() === new Rng(7).float(), toRng("run/3").seed); // true run/3
 * ```
 */
export function toRng(r: RngLike, owner = "toRng"): Rng {
  if (r instanceof Rng) return r;
  if ((typeof r === "number" && Number.isFinite(r)) || typeof r === "string") return new Rng(r);
  throw new TypeError(
    `${owner}: expected an Rng or a seed (a finite number or a string), got ${typeof r === "number" ? r : typeof r}`,
  );
}
