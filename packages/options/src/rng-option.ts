import { Rng, type RngLike, toRng } from "@arena/rng";
import * as z from "zod";

const isRngLike = (v: unknown): v is RngLike =>
  v instanceof Rng || (typeof v === "number" && Number.isFinite(v)) || typeof v === "string";

/**
 * The `rng` option every Arena API that takes randomness declares: an `Rng` from @arena/rng (used as it is, so the optimizer
 * advances it) or a seed, a finite number or a string (`new Rng(seed)`). Parsed into an `Rng`.
 */
export const RngOption = z
  .custom<RngLike>(isRngLike, {
    error: "expected an Rng from @arena/rng or a seed (a finite number or a string)",
  })
  .transform((r) => toRng(r))
  .describe(
    "the random stream, or its seed (a finite number or a string); an Rng is advanced by the optimizer: pass a fork to keep your own stream apart",
  );
