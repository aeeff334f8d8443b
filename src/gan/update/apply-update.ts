import * as tf from '../../core/backend/tf.js';
import type { StepCounts, StepName } from '../../core/events/training-event.js';
import { clipByGlobalNorm } from '../../core/optim/clip/clip-by-global-norm.js';
import type { GradAndVar } from '../../core/optim/gradients.js';
import type { AppliedGradients } from '../hooks-runtime/gradient-observer.js';
import { gradientsOf, type ComputedUpdate } from './computed-update.js';
import type { StepParts } from './step-parts.js';

/** What one update did, as plain numbers: what its step event reports. */
export interface StepOutcome {
  readonly loss: number;
  readonly learningRate: number;
  /** The update's effective step size; when skipped, that of the last update applied. */
  readonly effectiveLearningRate: number;
  readonly metrics: Record<string, number>;
  readonly skipped: boolean;
}

/**
 * Applies a computed update, in this order: optional gradient clipping (`gradientClipNorm`,
 * adding the metric `gradient_norm/<step>`), reading the loss and metrics back, the update
 * guards (any false skips the rest), the optimizer's `applyGradients` (advancing the step's
 * global step), the gradient observers, then the critic's weight clip and constraints or the
 * generator's moving average. Disposes every tensor of `computed`.
 *
 * @param parts - the run's collaborators.
 * @param computed - from `computeCriticUpdate`/`computeGeneratorUpdate`, or their average
 *   across replicas.
 * @returns the numbers for the step event.
 */
export function applyUpdate(parts: StepParts, computed: ComputedUpdate): StepOutcome {
  const { step, loss, gradsAndVars } = computed;
  const optimizer = parts.optimizers[step];
  const kept: Record<string, tf.Tensor> = { ...computed.metrics };
  const clip = clipGradients(gradsAndVars, parts.settings.gradientClipNorm);
  if (clip.norm !== undefined) kept[`gradient_norm/${step}`] = clip.norm;
  let outcome: StepOutcome;
  try {
    const values = readScalars(loss, kept);
    const skipped = !passesGuards(parts, step, values.loss);
    const applied = skipped
      ? undefined
      : optimizer.applyGradients(clip.gradsAndVars, { globalStep: parts.steps[step] });
    if (applied !== undefined) observeGradients(parts, step, clip.gradsAndVars);
    outcome = {
      loss: values.loss,
      metrics: values.metrics,
      learningRate: applied?.learningRate ?? optimizer.currentLearningRate(),
      effectiveLearningRate: applied?.effectiveLearningRate ?? optimizer.effectiveLearningRate(),
      skipped,
    };
  } finally {
    const owned = new Set([...gradientsOf(gradsAndVars), ...gradientsOf(clip.gradsAndVars)]);
    tf.dispose([loss, ...Object.values(kept), ...owned]);
  }
  if (!outcome.skipped) {
    if (step === 'critic') constrainCritic(parts);
    else parts.average?.apply([...parts.generator.trainableVariables]);
  }
  return outcome;
}

/**
 * Clips the gradients to `gradientClipNorm` by their global norm, when the settings ask.
 *
 * @param gradsAndVars - the update's gradients.
 * @param clipNorm - the settings' `gradientClipNorm`.
 * @returns the (clipped) gradients, and the norm before clipping when clipped.
 */
export function clipGradients(
  gradsAndVars: GradAndVar[],
  clipNorm: number | undefined,
): { gradsAndVars: GradAndVar[]; norm?: tf.Tensor } {
  if (clipNorm === undefined) return { gradsAndVars };
  const { clipped, globalNorm } = clipByGlobalNorm(gradsAndVars, clipNorm);
  return { gradsAndVars: clipped, norm: globalNorm };
}

/**
 * Reads the loss and every metric back to JavaScript. Each scalar is read on its own: on the
 * synchronous backends gantry runs on (tensorflow, wasm, cpu) a read is a copy of four bytes,
 * cheaper than the kernels needed to stack the scalars into one tensor first.
 */
export function readScalars(
  loss: tf.Tensor,
  metrics: Record<string, tf.Tensor>,
): { loss: number; metrics: Record<string, number> } {
  const read = (t: tf.Tensor): number => t.dataSync()[0] ?? Number.NaN;
  return {
    loss: read(loss),
    metrics: Object.fromEntries(Object.entries(metrics).map(([name, t]) => [name, read(t)])),
  };
}

/**
 * Shows the applied gradients to the hooks' gradient observers.
 *
 * @param parts - the run's collaborators.
 * @param step - which network was updated.
 * @param gradsAndVars - the gradients as applied (after clipping).
 */
export function observeGradients(
  parts: StepParts,
  step: StepName,
  gradsAndVars: GradAndVar[],
): void {
  if (parts.gradientObservers.length === 0) return;
  const applied: AppliedGradients = {
    step,
    steps: { critic: parts.steps.critic.value, generator: parts.steps.generator.value },
    gradsAndVars: gradsAndVars.filter((pair): pair is [tf.Tensor, tf.Variable] => pair[0] !== null),
  };
  for (const observer of parts.gradientObservers) observer(applied);
}

/**
 * Asks every update guard whether the update may be applied.
 *
 * @param parts - the run's collaborators.
 * @param step - which network the update is for.
 * @param loss - the update's loss, read back.
 * @param steps - the global steps the guards see: before the update (default, read now).
 * @returns true when every guard accepts.
 */
export function passesGuards(
  parts: StepParts,
  step: StepName,
  loss: number,
  steps: StepCounts = { critic: parts.steps.critic.value, generator: parts.steps.generator.value },
): boolean {
  return parts.guards.every((guard) => guard({ step, loss, steps }));
}

/**
 * The critic's constraints after its update: weight clipping to `weightClip`, then the layers'
 * own constraints. Compiled updates trace exactly this.
 *
 * @param parts - the run's collaborators.
 */
export function constrainCritic(parts: StepParts): void {
  const clip = parts.settings.weightClip;
  if (clip !== undefined) {
    tf.tidy(() => {
      for (const variable of parts.critic.trainableVariables)
        variable.assign(tf.clipByValue(variable, -clip, clip));
    });
  }
  parts.critic.applyConstraints();
}
