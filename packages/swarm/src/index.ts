export { clampBoundary, reflectBoundary, reinitBoundary } from "./boundary.ts";
export {
  type CoefficientsSpec,
  coefficientsAt,
  constrictionFactor,
  type ResolvedCoefficients,
  resolveCoefficients,
  SPSO2011_ACCELERATION,
  SPSO2011_INERTIA,
} from "./coefficients.ts";
export {
  type BallDistribution,
  type BoundaryHandling,
  ParticleSwarm,
  type ParticleSwarmOptions,
  type ParticleSwarmSettings,
  type ParticleSwarmState,
  type ResolvedTopology,
  sampleInBall,
  type TopologySpec,
  type VelocityUpdate,
} from "./particle-swarm.ts";
export { drawRandomLinks, globalInformantBest, randomInformantBest, ringInformantBest } from "./topology.ts";
