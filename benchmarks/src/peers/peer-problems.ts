/**
 * What `bench:peers` measures: three standard 10-D functions in a box, 10 seeds, the same budget of
 * function evaluations for every optimizer. The Python peer receives this plan as JSON, so both sides
 * run exactly the same cases.
 */
import { rastrigin, rosenbrock, sphere, type TestFunction } from "@arena/objectives";

export interface PeerProblem {
  /** The test function's name, also what the Python peer implements under that name. */
  readonly name: "sphere" | "rosenbrock" | "rastrigin";
  readonly dim: number;
  /** The same bound on every coordinate. */
  readonly lower: number;
  readonly upper: number;
}

export interface PeerPlan {
  readonly problems: readonly PeerProblem[];
  readonly seeds: readonly number[];
  /** Function evaluations per run, an upper limit for every optimizer. */
  readonly budget: number;
}

export const DIM = 10;

/** The default plan: 10-D, [−5, 5]^10 (Rastrigin [−5.12, 5.12]^10), seeds 0..9, 20 000 evaluations. */
export function defaultPlan(): PeerPlan {
  return {
    problems: [
      { name: "sphere", dim: DIM, lower: -5, upper: 5 },
      { name: "rosenbrock", dim: DIM, lower: -5, upper: 5 },
      { name: "rastrigin", dim: DIM, lower: -5.12, upper: 5.12 },
    ],
    seeds: Array.from({ length: 10 }, (_, i) => i),
    budget: 20_000,
  };
}

/** The @arena/objectives test function a problem names. */
export function testFunction(p: PeerProblem): TestFunction {
  const make = { sphere, rosenbrock, rastrigin }[p.name];
  return make(p.dim);
}
