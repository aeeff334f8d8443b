import { loadavg } from 'node:os';
import type { BackendInfo } from '../../src/core/backend/index.js';
import { TOKENS } from '../../src/core/di/tokens.js';
import { silentLogger } from '../../src/core/logger.js';
import type { ExponentialMovingAverage } from '../../src/core/optim/index.js';
import {
  createTrainerContainer,
  presetLoss,
  presetModels,
  presetOptimizers,
  presetSettings,
  type Dataset,
  type GanTrainer,
  type TrainingPreset,
} from '../../src/gan/index.js';

/** A finished quality run: the trained trainer and what the run cost. */
export interface TrainedRun {
  readonly trainer: GanTrainer;
  /** The moving average of the generator's weights, when the preset keeps one. */
  readonly average: ExponentialMovingAverage | undefined;
  readonly backend: BackendInfo;
  readonly wallSeconds: number;
  /**
   * CPU time the process spent training, every thread counted (TensorFlow's and wasm's alike):
   * the budget the quality targets are stated in, because other jobs on the machine stretch the
   * wall time but hardly the CPU time.
   */
  readonly cpuSeconds: number;
  /** The 1-minute load average when training ended (other processes share the CPU). */
  readonly loadAverage: number;
}

/** Options of {@link trainPreset}. */
export interface TrainPresetOptions {
  readonly preset: TrainingPreset;
  readonly dataset: Dataset;
  /** The backend `initBackend` started (the trainer restarts the same one). */
  readonly backend: BackendInfo;
  readonly logdir: string;
  readonly seed: number;
  readonly log: (line: string) => void;
}

/**
 * Trains a GAN exactly as the preset says, through the public `createTrainer` container (the
 * container also hands back the moving average for sampling), logging progress every tenth of
 * the run. The wall time counts training only, not the backend start or model building.
 *
 * @param options - the preset, its dataset, the backend, the logdir, a seed and a log sink.
 * @returns the trained run.
 */
export async function trainPreset(options: TrainPresetOptions): Promise<TrainedRun> {
  const { preset, log } = options;
  const { backend } = options;
  const { generator, critic } = presetModels(preset, options.seed);
  const container = createTrainerContainer({
    ...presetSettings(preset),
    generator,
    critic,
    dataset: options.dataset,
    loss: presetLoss(preset),
    optimizers: presetOptimizers(preset),
    seed: options.seed,
    backend: backend.name,
    logdir: options.logdir,
    logger: silentLogger,
  });
  const trainer = container.get<GanTrainer>(TOKENS.Trainer);
  const average = container.isBound(TOKENS.GeneratorAverage)
    ? container.get<ExponentialMovingAverage>(TOKENS.GeneratorAverage)
    : undefined;
  const every = Math.max(1, Math.round(preset.steps / 10));
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const progress = trainer.events$.subscribe((event) => {
    if (event.kind !== 'generator-step' || event.steps.generator % every !== 0) return;
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    log(
      `  step ${event.steps.generator}/${preset.steps}  ${seconds.toFixed(0)} s  ` +
        `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(0)} s  load ${loadavg()[0]!.toFixed(1)}`,
    );
  });
  const result = await trainer.run();
  const cpu = process.cpuUsage(cpuStart);
  progress.unsubscribe();
  if (result.reason === 'error') throw result.error ?? new Error('training failed');
  return {
    trainer,
    average,
    backend,
    wallSeconds: (performance.now() - start) / 1000,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    loadAverage: loadavg()[0]!,
  };
}
