/**
 * The service identifiers of gantry's container, one per collaborator. A user or a test
 * rebinds any of them (`container.rebind(TOKENS.Clock).toConstantValue(fakeClock)`) without
 * touching gantry's code; `Hook` is multi-bound, so a plugin adds a hook by binding one more.
 *
 * Symbols (from `Symbol.for`, so two copies of gantry agree) rather than classes, because most
 * collaborators are interfaces; each token's comment names the type bound to it.
 */
export const TOKENS = {
  /** `TrainerSettings`: the validated, resolved configuration. */
  Config: Symbol.for('gantry.Config'),
  /** `() => Promise<BackendInfo>`: starts the backend; `run()` calls it first. */
  Backend: Symbol.for('gantry.Backend'),
  /** `Logger`: human-readable lines. */
  Logger: Symbol.for('gantry.Logger'),
  /** `Clock`: timestamps, step rates, `everySeconds`. */
  Clock: Symbol.for('gantry.Clock'),
  /** `GanModel`: the generator. */
  Generator: Symbol.for('gantry.Generator'),
  /** `GanModel`: the critic (discriminator). */
  Critic: Symbol.for('gantry.Critic'),
  /** `TrainerOptimizer`: updates the generator. */
  GeneratorOptimizer: Symbol.for('gantry.GeneratorOptimizer'),
  /** `TrainerOptimizer`: updates the critic. */
  CriticOptimizer: Symbol.for('gantry.CriticOptimizer'),
  /** `{ critic: GlobalStep; generator: GlobalStep }`. */
  GlobalSteps: Symbol.for('gantry.GlobalSteps'),
  /** `GanLoss`: critic and generator losses. */
  Loss: Symbol.for('gantry.Loss'),
  /** `Dataset`: real batches. */
  Dataset: Symbol.for('gantry.Dataset'),
  /** `NoiseSampler`: seeded latent batches. */
  NoiseSampler: Symbol.for('gantry.NoiseSampler'),
  /** `GeneratorAverager | undefined`: the optional moving average of the generator's weights. */
  GeneratorAverage: Symbol.for('gantry.GeneratorAverage'),
  /**
   * `RunState`: everything a checkpoint of the run holds, built from the bound networks,
   * optimizers, steps, loss, noise, dataset, moving average and hooks.
   */
  RunState: Symbol.for('gantry.RunState'),
  /** `CheckpointManager`: saves `RunState` into `<logdir>/checkpoints`; the trainer resumes from it. */
  CheckpointManager: Symbol.for('gantry.CheckpointManager'),
  /** `SummaryWriterProvider`: the run's `SummaryWriter`, opened on first use, closed at the end. */
  SummaryWriter: Symbol.for('gantry.SummaryWriter'),
  /** `Hook`, multi-bound: every hook of the run. */
  Hook: Symbol.for('gantry.Hook'),
  /** `ReplicaGroup`: the replicas this process trains with; absent, it trains alone. */
  ReplicaGroup: Symbol.for('gantry.ReplicaGroup'),
  /**
   * `RunParts`: the collaborators above gathered into one value for the trainer (settings,
   * networks, optimizers, steps, loss, dataset, noise, average, clock, logger, writer,
   * checkpoints), resolved from their own tokens, so rebinding any of those still reaches it.
   */
  RunParts: Symbol.for('gantry.RunParts'),
  /** `GanTrainer`: the trainer itself. */
  Trainer: Symbol.for('gantry.Trainer'),
} as const;

/** The name of one token, e.g. `Clock`. */
export type TokenName = keyof typeof TOKENS;
