export {
  applyBoundary,
  BoundaryHandling,
  clampBoundary,
  reflectBoundary,
  reinitBoundary,
} from "./boundary.ts";
export {
  CoefficientsSpec,
  coefficientsAt,
  constrictionFactor,
  type ResolvedCoefficients,
  SPSO2011_ACCELERATION,
  SPSO2011_INERTIA,
} from "./coefficients.ts";
export { ParticleSwarm } from "./particle-swarm.ts";
export {
  ParticleSwarmOptions,
  type ParticleSwarmSettings,
  type ParticleSwarmState,
  SwarmBehaviorOptions,
} from "./particle-swarm-options.ts";
export {
  drawRandomLinks,
  globalInformantBest,
  type ResolvedTopology,
  randomInformantBest,
  ringInformantBest,
  TopologySpec,
} from "./topology.ts";
export {
  type BallDistribution,
  hypersphereMove,
  initialVelocity,
  type MoveCoefficients,
  perDimensionMove,
  type SwarmBuffers,
  sampleInBall,
  VelocityUpdate,
} from "./velocity.ts";
