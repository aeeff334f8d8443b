import { z } from 'zod';

/** The configuration was invalid; the message names the key and says what it accepts. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The plain-data part of a trainer's configuration, validated with zod. Defaults follow the
 * WGAN paper (Arjovsky et al. 2017, Algorithm 1): `nCritic` 5, batch 64.
 */
export const trainerSettingsSchema = z
  .object({
    /** Critic updates per generator update. */
    nCritic: z.number().int().min(1).default(5),
    /** Rows per real and per generated batch. */
    batchSize: z.number().int().min(1).default(64),
    /** Width of the generator's latent input. */
    latentDim: z.number().int().min(1).default(64),
    /** Training ends once `global_step/generator` reaches this; absent: until stopped. */
    steps: z.number().int().min(0).optional(),
    /** WGAN weight clipping of every critic variable to [−c, c] after each critic update. */
    weightClip: z.number().positive().optional(),
    /** Clip each update's gradients to this global norm (`clipByGlobalNorm`). */
    gradientClipNorm: z.number().positive().optional(),
    /** Decay of the moving average of the generator's weights; absent: no average. */
    emaDecay: z.number().gt(0).lt(1).optional(),
    /**
     * With replicas: iterations between checks that every replica holds the chief's weights
     * (a checksum each); 0 never checks.
     */
    replicaCheckEvery: z.number().int().min(0).default(100),
    /**
     * The run's seed: the noise (stream `noise`), the critic loss's draws (`critic-loss`, e.g.
     * the gradient penalty's interpolation) and the image grids' fixed batch (`image-grid`)
     * derive from it. The dataset's order and the models' initial weights take their seeds where
     * they are built (`gantry train` derives them from this one: `data`, `init/<layer>`).
     */
    seed: z.number().int().default(0),
    /**
     * How each update runs: `eager` op by op; `compiled` as one TensorFlow function (tensorflow
     * backend only; an update that cannot be traced is an error); `auto` compiled where the
     * backend is tensorflow and the trace succeeds, else eager (see `CompiledUpdates`). The
     * default is `auto`: the same results as eager (the tests compare them), at a fraction of
     * its CPU time; `eager` is for stepping through an update op by op.
     */
    execution: z.enum(['eager', 'compiled', 'auto']).default('auto'),
    /** Backend to train on; absent: the one already initialised, else `auto`. */
    backend: z.enum(['auto', 'tensorflow', 'wasm', 'cpu']).optional(),
    /**
     * Threads the tensorflow backend computes with, chosen when TensorFlow starts (see
     * `initBackend`); absent: every core. Small MLPs spend less CPU time on one.
     */
    threads: z.number().int().min(1).optional(),
    /** Where the run's files go. */
    logdir: z.string().min(1).default('runs/gantry'),
    /**
     * Keep the best checkpoint by this metric besides the recent ones (a `MetricEvaluationHook`
     * scores them), e.g. `{ metric: 'frechet_distance', mode: 'min' }`; absent: none.
     */
    bestCheckpoint: z
      .object({ metric: z.string().min(1), mode: z.enum(['min', 'max']) })
      .strict()
      .optional(),
  })
  .strict();

/** The resolved settings the trainer runs with (every default filled in). */
export type TrainerSettings = z.output<typeof trainerSettingsSchema>;
/** The settings as a user writes them (defaults optional). */
export type TrainerSettingsInput = z.input<typeof trainerSettingsSchema>;

/**
 * Validates settings and fills in defaults.
 *
 * @param input - the user's settings.
 * @returns the resolved settings.
 * @throws ConfigError naming every bad key.
 */
export function parseTrainerSettings(input: unknown): TrainerSettings {
  const result = trainerSettingsSchema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`,
  );
  throw new ConfigError(`invalid trainer config: ${problems.join('; ')}`);
}
