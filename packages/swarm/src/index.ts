export { clampBoundary, reflectBoundary, reinitBoundary } from "./boundary.ts";
export {
  CoefficientsSpec,
  coefficientsAt,
  constrictionFactor,
  type ResolvedCoefficients,
  SPSO2011_ACCELERATION,
  SPSO2011_INERTIA,
} from "./coefficients.ts";
export {
  type BallDistribution,
  BoundaryHandling,
  ParticleSwarm,
  ParticleSwarmOptions,
  type ParticleSwarmSettings,
  type ParticleSwarmState,
  type ResolvedTopology,
  SwarmBehaviorOptions,
  sampleInBall,
  TopologySpec,
  VelocityUpdate,
} from "./particle-swarm.ts";
export { drawRandomLinks, globalInformantBest, randomInformantBest, ringInformantBest } from "./topology.ts";
