import { searchable } from "@arena/options";
import * as z from "zod";

/** SPSO 2011's inertia weight, 1/(2 ln 2). */
export const SPSO2011_INERTIA = 1 / (2 * Math.LN2);
/** SPSO 2011's acceleration coefficient, 1/2 + ln 2. */
export const SPSO2011_ACCELERATION = 0.5 + Math.LN2;

/** Clerc–Kennedy constriction factor χ = 2 / |2 − φ − √(φ² − 4φ)| for φ > 4 (2002, eq. 4.15 with κ = 1). */
export function constrictionFactor(phi: number): number {
  if (!(phi > 4)) throw new RangeError(`constrictionFactor: phi must be > 4, got ${phi}`);
  return 2 / Math.abs(2 - phi - Math.sqrt(phi * phi - 4 * phi));
}

const coefficient = z.number().min(0);
/** The default search range of c1 and c2: around SPSO 2011's 1.19 and Kennedy–Eberhart's 2. */
const ACCELERATION_RANGE = { low: 0.5, high: 2.5 } as const;

/**
 * The acceleration coefficients of the velocity update v ← w v + c1 r1 (p − x) + c2 r2 (l − x), by `kind`.
 */
export const CoefficientsSpec = z
  .discriminatedUnion("kind", [
    z.strictObject({
      kind: z
        .literal("inertia")
        .describe(
          "constant inertia; defaults are SPSO 2011's (Clerc 2011; Zambrano-Bigiarini, Clerc & Rojas 2013)",
        ),
      w: searchable(coefficient.default(SPSO2011_INERTIA), { low: 0.4, high: 0.9 }).describe(
        "inertia weight (default 1/(2 ln 2) ≈ 0.7213)",
      ),
      c1: searchable(coefficient.default(SPSO2011_ACCELERATION), ACCELERATION_RANGE).describe(
        "cognitive coefficient (default 1/2 + ln 2 ≈ 1.1931)",
      ),
      c2: searchable(coefficient.default(SPSO2011_ACCELERATION), ACCELERATION_RANGE).describe(
        "social coefficient (default 1/2 + ln 2 ≈ 1.1931)",
      ),
    }),
    z
      .strictObject({
        kind: z
          .literal("constriction")
          .describe(
            "Clerc–Kennedy constriction (2002): v ← χ (v + φ1 r1 (p − x) + φ2 r2 (l − x)), χ = 2 / |2 − φ − √(φ² − 4φ)|",
          ),
        phi1: coefficient.default(2.05).describe("φ1 (default 2.05, so χ ≈ 0.72984 and χ φ1 ≈ 1.49618)"),
        phi2: coefficient.default(2.05).describe("φ2 (default 2.05); φ1 + φ2 must exceed 4"),
      })
      .superRefine((c, ctx) => {
        if (ctx.issues.length === 0 && !(c.phi1 + c.phi2 > 4)) {
          ctx.addIssue({ code: "custom", message: "expected phi1 + phi2 > 4", input: c.phi1 + c.phi2 });
        }
      }),
    z.strictObject({
      kind: z
        .literal("linear-inertia")
        .describe(
          "inertia falling linearly from wStart to wEnd over the first `generations` moves, constant after (Shi & Eberhart 1998, 1999); set maxVelocity (e.g. 0.5) alongside, as they do",
        ),
      wStart: coefficient.default(0.9).describe("inertia at the first move"),
      wEnd: coefficient.default(0.4).describe("inertia from move `generations` on"),
      generations: z.number().int().min(2).describe("moves over which the inertia falls (required)"),
      c1: coefficient.default(2).describe("cognitive coefficient"),
      c2: coefficient.default(2).describe("social coefficient"),
    }),
  ])
  .describe("velocity-update coefficients, by kind: inertia, constriction or linear-inertia");
export type CoefficientsSpec = z.input<typeof CoefficientsSpec>;
export type ResolvedCoefficients = z.output<typeof CoefficientsSpec>;

/**
 * The (w, c1, c2) of the `move`-th velocity update (1 for the first move). Constriction is folded in:
 * w = χ, c_i = χ φ_i. Writes into `out` to avoid allocating.
 */
export function coefficientsAt(c: ResolvedCoefficients, move: number, out: Float64Array): void {
  switch (c.kind) {
    case "inertia":
      out[0] = c.w;
      out[1] = c.c1;
      out[2] = c.c2;
      break;
    case "constriction": {
      const chi = constrictionFactor(c.phi1 + c.phi2);
      out[0] = chi;
      out[1] = chi * c.phi1;
      out[2] = chi * c.phi2;
      break;
    }
    case "linear-inertia": {
      const t = Math.min(1, (move - 1) / (c.generations - 1));
      out[0] = c.wStart + (c.wEnd - c.wStart) * t;
      out[1] = c.c1;
      out[2] = c.c2;
      break;
    }
  }
}
