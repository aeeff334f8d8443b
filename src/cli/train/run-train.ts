import type { BackendInfo } from '../../core/backend/init-backend.js';
import { initBackend } from '../../core/backend/init-backend.js';
import { TOKENS } from '../../core/di/tokens.js';
import type { ReplicaGroup } from '../../core/distributed/replica-group.js';
import type { Logger } from '../../core/logger.js';
import { deriveSeed } from '../../core/random/derive-seed.js';
import { loadNativeBinding } from '../../core/backend/native-binding.js';
import { UsageError } from '../usage-error.js';
import { createTrainer } from '../../gan/create-trainer.js';
import { createDataset } from '../../gan/data/create-dataset.js';
import type { Dataset } from '../../gan/data/dataset.js';
import { lossCatalog } from '../../gan/losses/catalog.js';
import type { GanTrainer, TrainingResult } from '../../gan/gan-trainer.js';
import { runReplicated } from '../../gan/replicas/run-replicated.js';
import { installSignalHandlers } from '../../gan/signals.js';
import { readConfigFile } from '../config/config-file.js';
import { resolveTrainConfig, type ResolvedTrainConfig } from '../config/resolve-train-config.js';
import type { TrainOptions } from '../config/train-options.js';
import { createModels } from './create-models.js';
import { createOptimizers } from './create-optimizer.js';
import { fromCatalog } from './from-catalog.js';
import { readRunConfig, runConfigWriter } from './run-config-file.js';
import { runEvaluation, type RunEvaluation } from './run-evaluation.js';
import { createTrainHooks } from './train-hooks.js';

/** The command line of `gantry train`: the parsed flags and the `--config` file. */
export interface TrainRequest {
  flags: TrainOptions;
  configFile?: string;
}

/** Exit status after a graceful stop on Ctrl-C, as shells report a SIGINT. */
const INTERRUPTED = 130;

/**
 * Runs `gantry train`: resolves the config (preset, the resumed run's `config.json`, the
 * `--config` file, the flags), forks local replicas when `--replicas` asks for them (each
 * replica runs this same command and joins the group from its environment), writes
 * `<logdir>/config.json` and trains until `--steps`, Ctrl-C or an error. The trainer resumes
 * from the latest checkpoint in `<logdir>/checkpoints` by itself.
 *
 * @example
 * ```ts
 * const status = await runTrain({ flags: { logdir: 'runs/ring8', dataset: 'ring8', steps: 200 } }, consoleLogger);
 * ```
 * @param request - flags and config file.
 * @param logger - where progress goes.
 * @returns the process exit status: 0 when training reached its last step (or the launched
 *   replicas all did), 130 after Ctrl-C, 1 when it failed.
 * @throws UsageError for a bad config, before anything is written.
 */
export async function runTrain(request: TrainRequest, logger: Logger): Promise<number> {
  const config = resolveRequest(request, logger);
  const outcome = await runReplicated(
    {
      replicas: config.replicas,
      timeoutMs: config.replicaTimeout * 1000,
      ...(config.devices ? { devices: config.devices } : {}),
      launch: { cpuBinding: config.cpuBinding, collectives: collectivesFor(config) },
    },
    (group) => train(config, group, logger),
  );
  if (outcome.role === 'launcher') return 0;
  const { result } = outcome;
  if (result.reason === 'error') {
    logger.warn(`training failed at generator step ${result.steps.generator}`);
    return 1;
  }
  logger.info(
    `training ended (${result.reason}) at generator step ${result.steps.generator}, ` +
      `critic step ${result.steps.critic}; logs in ${config.logdir}`,
  );
  return result.reason === 'SIGINT' ? INTERRUPTED : 0;
}

/**
 * On the tensorflow backend, replicas are TensorFlow workers (its collective runtime); on the
 * embedded backends, which TensorFlow's runtime cannot reach, they use gantry's TCP group.
 */
function collectivesFor(config: ResolvedTrainConfig): 'gantry' | 'tensorflow' {
  const tfConfig = process.env['TF_CONFIG'];
  if (tfConfig !== undefined && config.backend !== 'tensorflow' && config.backend !== 'auto') {
    throw new UsageError(
      `TF_CONFIG makes this process a TensorFlow worker, which trains on --backend tensorflow, ` +
        `not ${config.backend}`,
    );
  }
  if (config.replicas <= 1 && config.devices === undefined) return 'gantry';
  if (config.backend === 'tensorflow') return 'tensorflow';
  return config.backend === 'auto' && loadNativeBinding().binding !== undefined
    ? 'tensorflow'
    : 'gantry';
}

function resolveRequest(request: TrainRequest, logger: Logger): ResolvedTrainConfig {
  const file = request.configFile === undefined ? undefined : readConfigFile(request.configFile);
  const logdir = request.flags.logdir ?? file?.logdir;
  const previous = logdir === undefined ? undefined : readRunConfig(logdir);
  const config = resolveTrainConfig({ previous, file, flags: request.flags });
  const moved = describeMovedDecayHorizon(previous, config);
  // Forked replicas resolve the same config again; the launcher (or a lone process) says it.
  if (moved !== undefined && process.env['WORLD_SIZE'] === undefined) logger.info(moved);
  return config;
}

/**
 * The presets' learning rates decay linearly to zero at `--steps` (the horizon `config.json`
 * records as `steps`), so a resume that changes `--steps` reshapes the schedule: say so.
 */
function describeMovedDecayHorizon(
  previous: TrainOptions | undefined,
  config: ResolvedTrainConfig,
): string | undefined {
  if (previous?.steps === undefined || previous.steps === config.steps) return undefined;
  if (config.lrDecayStart <= 0) return undefined;
  return (
    `gantry: --steps ${config.steps} differs from the resumed run's ${previous.steps}: the ` +
    `learning-rate decay now reaches zero at generator step ${config.steps} instead of ` +
    `${previous.steps}`
  );
}

async function train(
  config: ResolvedTrainConfig,
  group: ReplicaGroup,
  logger: Logger,
): Promise<TrainingResult> {
  // The backend starts before the models exist, so their variables live on it from the start.
  const backend = await initBackend({ backend: config.backend, logger, ...threadsOf(config) });
  const { imageSize, channels } = config;
  const seed = deriveSeed(config.seed, 'data');
  const dataset = await createDataset(config.dataset, { seed, logger, imageSize, channels });
  const trained = withSampleShape(config, dataset.sampleShape);
  // Only the chief evaluates (the hook is chief-only); the others need no extractor.
  const evaluation = group.isChief ? await runEvaluation(trained, dataset, logger) : undefined;
  try {
    const trainer = buildTrainer(trained, dataset, group, backend, logger, evaluation);
    const uninstall = installSignalHandlers(trainer);
    try {
      return await trainer.run();
    } finally {
      uninstall();
    }
  } finally {
    evaluation?.evaluator.dispose();
  }
}

/**
 * Records the image size and channels the data actually has (an MNIST file is 28×28×1 whatever
 * the config asked), so `gantry sample` rebuilds exactly the networks that were trained.
 */
function withSampleShape(
  config: ResolvedTrainConfig,
  sampleShape: readonly number[],
): ResolvedTrainConfig {
  const [side, , channels] = sampleShape;
  if (config.model !== 'dcgan' || sampleShape.length !== 3) return config;
  const fits = (side === 28 || side === 64) && (channels === 1 || channels === 3);
  return fits ? { ...config, imageSize: side, channels } : config;
}

function buildTrainer(
  config: ResolvedTrainConfig,
  dataset: Dataset,
  group: ReplicaGroup,
  backend: BackendInfo,
  logger: Logger,
  evaluation: RunEvaluation | undefined,
): GanTrainer {
  const models = createModels(config, dataset.sampleShape);
  const interactive = process.stderr.isTTY && process.env.CI === undefined;
  return createTrainer(
    {
      generator: models.generator,
      critic: models.critic,
      dataset,
      loss: fromCatalog(lossCatalog, config, {}),
      optimizers: createOptimizers(config),
      hooks: [
        runConfigWriter(config),
        ...createTrainHooks(config, dataset.sampleShape, { interactive }, evaluation),
      ],
      replicaGroup: group,
      nCritic: config.nCritic,
      batchSize: config.batchSize,
      latentDim: models.noiseSize,
      steps: config.steps,
      weightClip: config.weightClip > 0 ? config.weightClip : undefined,
      emaDecay: config.ema > 0 ? config.ema : undefined,
      seed: config.seed,
      backend: config.backend,
      execution: config.execution,
      ...threadsOf(config),
      logdir: config.logdir,
      ...(evaluation === undefined ? {} : { bestCheckpoint: evaluation.best }),
      logger,
    },
    {
      configure: (container) =>
        container.rebind(TOKENS.Backend).toConstantValue(() => Promise.resolve(backend)),
    },
  );
}

/** `--threads 0` leaves TensorFlow its default, every core. */
function threadsOf(config: ResolvedTrainConfig): { threads?: number } {
  return config.threads > 0 ? { threads: config.threads } : {};
}
