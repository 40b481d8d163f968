import {
  AskTellOptions,
  type AskTellState,
  type BoxJson,
  BoxOptions,
  checkPopulationRows,
  type JsonFloat,
  PopulationRows,
  type Precision,
  type WithPrecision,
} from "@arena/objectives";
import * as z from "zod";
import { BoundaryHandling } from "./boundary.ts";
import { CoefficientsSpec, type ResolvedCoefficients } from "./coefficients.ts";
import { type ResolvedTopology, TopologySpec } from "./topology.ts";
import { VelocityUpdate } from "./velocity.ts";

/**
 * The options of a {@link ParticleSwarm} (a zod schema: types, defaults, checks and docs in one place),
 * the settings a run records, and its plain-JSON state.
 */

/** How the swarm moves: everything but the dimension, the swarm size, the box and the stream. */
export const SwarmBehaviorOptions = z.strictObject({
  topology: TopologySpec.prefault({ kind: "adaptive-random" }),
  coefficients: CoefficientsSpec.prefault({ kind: "inertia" }),
  maxVelocity: z
    .number()
    .positive()
    .optional()
    .describe(
      "velocity limit per dimension as a fraction of its span, |v_d| <= maxVelocity · span_d (default: none)",
    ),
  boundary: BoundaryHandling.default("clamp"),
  velocityUpdate: VelocityUpdate.default("per-dimension"),
});
export type SwarmBehaviorOptions = z.input<typeof SwarmBehaviorOptions>;

/** Options of {@link ParticleSwarm}. */
export const ParticleSwarmOptions = z
  .strictObject({
    ...AskTellOptions.shape,
    populationSize: z
      .number()
      .int()
      .min(2)
      .default(40)
      .describe("swarm size, the rows of every ask() (40, as SPSO 2011's reference code)"),
    ...SwarmBehaviorOptions.shape,
    ...BoxOptions.shape,
    initialPopulation: PopulationRows.optional().describe(
      "starting positions of the first particles (rows of dim numbers inside the box; default: all uniform in the init range)",
    ),
    initialVelocities: PopulationRows.optional().describe(
      "starting velocities of the particles given by initialPopulation, one row each, used as given (default: SPSO 2011's rule)",
    ),
  })
  .superRefine((o, ctx) => {
    if (ctx.issues.length > 0) return;
    if (o.initialPopulation !== undefined)
      checkPopulationRows(o.initialPopulation, o, ctx, "initialPopulation");
    checkInitialVelocities(o, ctx);
  });
/** The options as the constructor takes them; `precision` (default float64) sets the array `ask()` returns. */
export type ParticleSwarmOptions<P extends Precision = "float64"> = WithPrecision<
  z.input<typeof ParticleSwarmOptions>,
  P
>;

/** The options a run actually used, as plain JSON (part of `state()`). */
export interface ParticleSwarmSettings extends BoxJson {
  populationSize: number;
  topology: ResolvedTopology;
  coefficients: ResolvedCoefficients;
  /** null when velocities are not limited. */
  maxVelocity: number | null;
  boundary: BoundaryHandling;
  velocityUpdate: VelocityUpdate;
}

/** Plain-JSON state of a {@link ParticleSwarm}. */
export interface ParticleSwarmState<P extends Precision = Precision> extends AskTellState<P> {
  readonly options: ParticleSwarmSettings;
  readonly positions: JsonFloat[];
  readonly velocities: JsonFloat[];
  readonly personalBest: JsonFloat[];
  readonly personalBestF: JsonFloat[];
  /** Best personal best after the last move (to detect an iteration without improvement). */
  readonly swarmBestF: JsonFloat;
  /** Adaptive random topology links (empty for the others). */
  readonly links: number[];
}

/** `initialVelocities` needs `initialPopulation`, one row per particle it places, of `dim` finite numbers. */
function checkInitialVelocities(
  o: {
    dim: number;
    precision: Precision;
    initialPopulation?: ArrayLike<number>[];
    initialVelocities?: ArrayLike<number>[];
  },
  ctx: z.core.$RefinementCtx,
): void {
  const v = o.initialVelocities;
  if (v === undefined) return;
  const rows = o.initialPopulation?.length ?? 0;
  if (v.length !== rows) {
    ctx.addIssue({
      code: "custom",
      path: ["initialVelocities"],
      message: `expected one row per row of initialPopulation (${rows})`,
      input: v.length,
    });
    return;
  }
  checkPopulationRows(
    v,
    { dim: o.dim, populationSize: rows, precision: o.precision },
    ctx,
    "initialVelocities",
  );
}
