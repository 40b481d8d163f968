import { checkOptionKeys, checkOptionsObject, integerOption, numberOption } from "@arena/objectives";

/**
 * The acceleration coefficients of the velocity update v ← w v + c1 r1 (p − x) + c2 r2 (l − x).
 */
export type CoefficientsSpec =
  /**
   * Constant inertia. Defaults are SPSO 2011's (Clerc 2011; Zambrano-Bigiarini, Clerc & Rojas 2013):
   * w = 1/(2 ln 2) ≈ 0.7213, c1 = c2 = 1/2 + ln 2 ≈ 1.1931.
   */
  | { kind: "inertia"; w?: number; c1?: number; c2?: number }
  /**
   * Clerc–Kennedy constriction (2002): v ← χ (v + φ1 r1 (p − x) + φ2 r2 (l − x)) with φ = φ1 + φ2 > 4 and
   * χ = 2 / |2 − φ − √(φ² − 4φ)|. Defaults φ1 = φ2 = 2.05, so χ ≈ 0.72984 and χ φ_i ≈ 1.49618.
   */
  | { kind: "constriction"; phi1?: number; phi2?: number }
  /**
   * Inertia falling linearly from `wStart` to `wEnd` over the first `generations` moves, constant after
   * (Shi & Eberhart 1998, 1999: 0.9 → 0.4 with c1 = c2 = 2, the defaults here). They also limit the
   * velocity (Vmax = Xmax); set `maxVelocity` (e.g. 0.5 of the span) alongside.
   */
  | { kind: "linear-inertia"; wStart?: number; wEnd?: number; generations: number; c1?: number; c2?: number };

export type ResolvedCoefficients =
  | { kind: "inertia"; w: number; c1: number; c2: number }
  | { kind: "constriction"; phi1: number; phi2: number }
  | { kind: "linear-inertia"; wStart: number; wEnd: number; generations: number; c1: number; c2: number };

/** SPSO 2011's inertia weight, 1/(2 ln 2). */
export const SPSO2011_INERTIA = 1 / (2 * Math.LN2);
/** SPSO 2011's acceleration coefficient, 1/2 + ln 2. */
export const SPSO2011_ACCELERATION = 0.5 + Math.LN2;

/** Clerc–Kennedy constriction factor χ = 2 / |2 − φ − √(φ² − 4φ)| for φ > 4 (2002, eq. 4.15 with κ = 1). */
export function constrictionFactor(phi: number): number {
  if (!(phi > 4)) throw new RangeError(`constrictionFactor: phi must be > 4, got ${phi}`);
  return 2 / Math.abs(2 - phi - Math.sqrt(phi * phi - 4 * phi));
}

const KINDS = ["inertia", "constriction", "linear-inertia"];

/** Validates a coefficients spec (unknown keys rejected) and fills in its defaults. */
export function resolveCoefficients(owner: string, spec: unknown): ResolvedCoefficients {
  checkOptionsObject(owner, "coefficients", spec);
  const s = spec as Record<string, unknown>;
  const positive = { min: 0 };
  switch (s.kind) {
    case "inertia":
      checkOptionKeys(owner, "coefficients", s, ["kind", "w", "c1", "c2"]);
      return {
        kind: "inertia",
        w: numberOption(owner, "coefficients.w", s.w, SPSO2011_INERTIA, positive),
        c1: numberOption(owner, "coefficients.c1", s.c1, SPSO2011_ACCELERATION, positive),
        c2: numberOption(owner, "coefficients.c2", s.c2, SPSO2011_ACCELERATION, positive),
      };
    case "constriction": {
      checkOptionKeys(owner, "coefficients", s, ["kind", "phi1", "phi2"]);
      const phi1 = numberOption(owner, "coefficients.phi1", s.phi1, 2.05, positive);
      const phi2 = numberOption(owner, "coefficients.phi2", s.phi2, 2.05, positive);
      if (!(phi1 + phi2 > 4)) {
        throw new RangeError(
          `${owner}: coefficients.phi1 + coefficients.phi2 must be > 4, got ${phi1 + phi2}`,
        );
      }
      return { kind: "constriction", phi1, phi2 };
    }
    case "linear-inertia": {
      checkOptionKeys(owner, "coefficients", s, ["kind", "wStart", "wEnd", "generations", "c1", "c2"]);
      if (s.generations === undefined) {
        throw new RangeError(
          `${owner}: coefficients.generations is required for linear-inertia (an integer >= 2)`,
        );
      }
      return {
        kind: "linear-inertia",
        wStart: numberOption(owner, "coefficients.wStart", s.wStart, 0.9, positive),
        wEnd: numberOption(owner, "coefficients.wEnd", s.wEnd, 0.4, positive),
        generations: integerOption(owner, "coefficients.generations", s.generations, 2, 2),
        c1: numberOption(owner, "coefficients.c1", s.c1, 2, positive),
        c2: numberOption(owner, "coefficients.c2", s.c2, 2, positive),
      };
    }
    default:
      throw new RangeError(
        `${owner}: coefficients.kind must be one of ${KINDS.join(", ")}, got ${String(s.kind)}`,
      );
  }
}

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
