/**
 * Which gradient the stepper follows: backprop's exact one, or one of nn's feedback-alignment estimates
 * for MLPs (the errors sent down through fixed random matrices B instead of the transposed weights;
 * see `feedback-alignment.ts` in @arena/nn). Everything else of an update (optimizer, schedule,
 * clipping, divergence checks, cost) is the same code for all three.
 */
import { type AnyModel, drawFeedback, type FeedbackKind, type Mlp, type MlpFeedback } from "@arena/nn";
import { Rng } from "@arena/rng";
import * as z from "zod";

export const GRADIENT_ESTIMATORS = ["backprop", "feedback-alignment", "direct-feedback-alignment"] as const;
export type GradientEstimator = (typeof GRADIENT_ESTIMATORS)[number];

/**
 * The config option. Optional rather than defaulted, so that a config without it parses (and hashes,
 * and saves) exactly as before the option existed.
 */
export const gradientConfig = z
  .enum(GRADIENT_ESTIMATORS)
  .optional()
  .describe(
    'gradient estimator, MLPs only for the last two: "backprop" (default, the exact gradient), "feedback-alignment" (Lillicrap et al. 2016: errors sent back through fixed random matrices B) or "direct-feedback-alignment" (Nøkland 2016: the output error sent straight to every hidden layer); B is drawn once from the run\'s stream (fork "feedback")',
  );

const KINDS: Record<GradientEstimator, FeedbackKind | null> = {
  backprop: null,
  "feedback-alignment": "fa",
  "direct-feedback-alignment": "dfa",
};

/** The learner name's prefix: "backprop", "fa" or "dfa" (as in "dfa-adam"). */
export function estimatorPrefix(gradient: GradientEstimator | undefined): string {
  return KINDS[gradient ?? "backprop"] ?? "backprop";
}

/** Name of the fork of the run's stream that B is drawn from: a stream of its own, so no other draw shifts. */
export const FEEDBACK_FORK = "feedback";

/** What a saved stepper state keeps of the feedback: its kind and the seed path B was drawn from. */
export interface FeedbackState {
  kind: FeedbackKind;
  seed: string;
}

/** The feedback matrices of a run and what the stepper does with them. */
export class FeedbackGradient {
  private seed: string;

  private constructor(
    private readonly mlp: Mlp,
    private readonly fb: MlpFeedback,
    seed: string,
  ) {
    this.seed = seed;
  }

  /**
   * The estimator `gradient` names for `model`, B drawn from `run`'s fork "feedback"; null for backprop.
   * Throws for a recurrent model.
   */
  static create(
    model: AnyModel,
    gradient: GradientEstimator | undefined,
    run: Rng,
    owner: string,
  ): FeedbackGradient | null {
    const kind = KINDS[gradient ?? "backprop"];
    if (kind === null) return null;
    if (model.spec.kind !== "mlp") {
      throw new RangeError(
        `${owner}: gradient "${gradient}" is implemented for MLPs only, the model is a ${model.spec.kind}`,
      );
    }
    const rng = run.fork(FEEDBACK_FORK);
    const mlp = model as Mlp;
    return new FeedbackGradient(mlp, mlp.createFeedback(kind, rng), rng.seed);
  }

  get kind(): FeedbackKind {
    return this.fb.kind;
  }

  /** The estimate of the pending pass into `grads`; returns the loss. */
  backward(y: Float32Array): number {
    return this.mlp.backwardFeedback(y, this.fb);
  }

  state(): FeedbackState {
    return { kind: this.fb.kind, seed: this.seed };
  }

  /** Redraws B from the saved seed path (a fork's stream depends on its path only). */
  restore(state: FeedbackState | undefined): void {
    const owner = "BackpropStepper.restore";
    if (state === undefined || state === null || typeof state.seed !== "string")
      throw new RangeError(`${owner}: the state has no feedback seed, the stepper uses ${this.fb.kind}`);
    if (state.kind !== this.fb.kind)
      throw new RangeError(`${owner}: the state's feedback is ${state.kind}, the stepper's ${this.fb.kind}`);
    drawFeedback(this.fb, this.mlp.spec.init, new Rng(state.seed));
    this.seed = state.seed;
  }

  /** Per dense layer, the angle (degrees) between the model's gradient and the exact one at `params`. */
  angles(params: Float32Array): number[] {
    return this.mlp.alignmentAngles(params);
  }
}
