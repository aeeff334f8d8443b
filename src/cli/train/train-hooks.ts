import type { Hook } from '../../gan/hooks-runtime/hook.js';
import { CheckpointSaverHook } from '../../hooks/checkpoint-saver.js';
import { ImageGridHook } from '../../hooks/image-grid.js';
import { LoggingHook } from '../../hooks/logging.js';
import { MetricEvaluationHook } from '../../hooks/metric-evaluation.js';
import { NanGuardHook } from '../../hooks/nan-guard.js';
import { ProgressBarHook } from '../../hooks/progress-bar.js';
import { StopAtStepHook } from '../../hooks/stop-at-step.js';
import { SummarySaverHook } from '../../hooks/summary-saver.js';
import type { ResolvedTrainConfig } from '../config/resolve-train-config.js';
import type { RunEvaluation } from './run-evaluation.js';

/** Where the run reports progress: a terminal gets a progress bar, anything else log lines. */
export interface ProgressTarget {
  /** Whether stderr is a terminal (and not under CI). */
  interactive: boolean;
}

/**
 * The hooks of a `gantry train` run: stop at `--steps` (TF's `last_step`), stop on a NaN loss
 * (keeping the last good checkpoint), a progress bar on a terminal or log lines elsewhere,
 * TensorBoard scalars every `--summary-every` steps and histograms of both networks' weights and
 * gradients every `--histogram-every` steps, a checkpoint every `--checkpoint-every` steps and at
 * the end, for image data a grid of samples every `--sample-every` steps, and with an evaluation
 * a score of `--eval-samples` samples every `--eval-every` steps.
 *
 * @param config - the resolved config.
 * @param sampleShape - the shape of one data sample; image grids need `[H, W, C]`.
 * @param progress - whether a progress bar can be drawn.
 * @param evaluation - how the run scores itself, when it does.
 * @returns the hooks, in the order they see each event.
 */
export function createTrainHooks(
  config: ResolvedTrainConfig,
  sampleShape: readonly number[],
  progress: ProgressTarget,
  evaluation?: RunEvaluation,
): Hook[] {
  const hooks: Hook[] = [
    new StopAtStepHook({ lastStep: config.steps }),
    new NanGuardHook(),
    progress.interactive
      ? new ProgressBarHook({ total: config.steps })
      : new LoggingHook({ everyN: config.summaryEvery }),
    new SummarySaverHook({
      everyNSteps: config.summaryEvery,
      histogramsEveryNSteps: config.histogramEvery,
      config,
    }),
    new CheckpointSaverHook({ everyNSteps: config.checkpointEvery }),
  ];
  if (sampleShape.length === 3) {
    hooks.push(new ImageGridHook({ everyNSteps: config.sampleEvery }));
  }
  if (evaluation !== undefined) {
    hooks.push(
      new MetricEvaluationHook({
        evaluator: evaluation.evaluator,
        everyNSteps: config.evalEvery,
        samples: config.evalSamples,
      }),
    );
  }
  return hooks;
}
