/** The two global steps of a GAN run, as read when an event was emitted. */
export interface StepCounts {
  /** `global_step/critic`: advances once per critic update. */
  readonly critic: number;
  /** `global_step/generator`: advances once per generator update. */
  readonly generator: number;
}

/** Which of the two updates (and global steps) an event or helper refers to. */
export type StepName = keyof StepCounts;

/** What every event carries: both global steps and the injected clock's time (ms). */
export interface EventBase {
  readonly steps: StepCounts;
  readonly time: number;
}

/** Training is about to run its first iteration. */
export interface BeginEvent extends EventBase {
  readonly kind: 'begin';
}

/** One critic or generator update has been applied (or skipped by an update guard). */
export interface StepEvent<K extends 'critic-step' | 'generator-step'> extends EventBase {
  readonly kind: K;
  /** Iterations completed before this one, counted from the start of this run. */
  readonly iteration: number;
  /** The loss the update minimised, read from the device once per step. */
  readonly loss: number;
  /** The learning rates in force for this update, per optimizer. */
  readonly learningRates: StepCounts;
  /**
   * Per network, the effective step size of the update that made its global step
   * `steps[network]` (Adam's alpha_t, else the learning rate; see the optimizers'
   * `effectiveLearningRate`): this update's for its own network, NaN while a network has none.
   */
  readonly effectiveLearningRates: StepCounts;
  /** Extra scalars: the Wasserstein estimate, gradient penalty, gradient global norms, ... */
  readonly metrics: Readonly<Record<string, number>>;
  /** True when an update guard refused the update: no weights or step changed. */
  readonly skipped: boolean;
}

/** A critic update; `steps.critic` already counts it. */
export type CriticStepEvent = StepEvent<'critic-step'>;
/** A generator update; `steps.generator` already counts it. */
export type GeneratorStepEvent = StepEvent<'generator-step'>;

/** A checkpoint was written (announced by the hook that wrote it). */
export interface CheckpointSavedEvent extends EventBase {
  readonly kind: 'checkpoint-saved';
  readonly path: string;
}

/**
 * The generator was scored (announced by the hook that evaluated it, when the scores are in:
 * `steps` is then, `evaluated` the steps whose weights were scored).
 */
export interface EvaluationEvent extends EventBase {
  readonly kind: 'evaluation';
  /** The global steps of the weights that made the samples. */
  readonly evaluated: StepCounts;
  /** Every metric by name, e.g. `frechet_distance`, `classes_present`, `modes_covered`. */
  readonly metrics: Readonly<Record<string, number>>;
  /** How many samples were scored. */
  readonly samples: number;
  /** The feature extractor's name (`digit-classifier`) or the protocol's (`mode-coverage`). */
  readonly extractor: string;
  /** The metric runs are compared by (best checkpoints, the progress bar) and its direction. */
  readonly primary: { readonly metric: string; readonly mode: 'min' | 'max' };
}

/** Someone asked training to stop at the next iteration boundary. */
export interface StopRequestedEvent extends EventBase {
  readonly kind: 'stop-requested';
  readonly reason: string;
  /** Who asked: `trainer`, `signal`, or a hook's name. */
  readonly source: string;
  /** False when the weights are suspect (e.g. a NaN loss): keep the last good checkpoint. */
  readonly saveCheckpoint: boolean;
}

/** Training ended normally (last step reached or stop requested); hooks flush here. */
export interface EndEvent extends EventBase {
  readonly kind: 'end';
  readonly reason: string;
  /** Whether hooks that save on end should write a final checkpoint. */
  readonly saveCheckpoint: boolean;
}

/** Training ended because something threw; `source` names the hook or `trainer`. */
export interface ErrorEvent extends EventBase {
  readonly kind: 'error';
  readonly error: Error;
  readonly source: string;
}

/**
 * Everything `trainer.events$` emits, discriminated on `kind`. Emission is synchronous and in
 * order: `begin`, then per iteration `nCritic` × `critic-step` and one `generator-step`
 * (with `stop-requested`, `checkpoint-saved` and `evaluation` where they happen), then `end` or
 * `error`.
 */
export type TrainingEvent =
  | BeginEvent
  | CriticStepEvent
  | GeneratorStepEvent
  | CheckpointSavedEvent
  | EvaluationEvent
  | StopRequestedEvent
  | EndEvent
  | ErrorEvent;

/** The `kind` of a {@link TrainingEvent}. */
export type TrainingEventKind = TrainingEvent['kind'];

/** The event type with the given `kind`. */
export type EventOfKind<K extends TrainingEventKind> = Extract<TrainingEvent, { kind: K }>;
