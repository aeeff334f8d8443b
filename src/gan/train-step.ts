import * as tf from '../core/backend/tf.js';
import type { StepCounts, StepName } from '../core/events/training-event.js';
import { clipByGlobalNorm } from '../core/optim/clip/clip-by-global-norm.js';
import type { GlobalStep } from '../core/optim/global-step.js';
import type { GradAndVar } from '../core/optim/gradients.js';
import { stopGradient } from '../core/optim/gradients.js';
import type { Optimizer } from '../core/optim/optimizer.js';
import { deriveSeed } from '../core/random/derive-seed.js';
import type { CompiledUpdates } from './compiled/compiled-updates.js';
import type { GanModel } from './gan-model.js';
import type { AppliedGradients, GradientObserver, UpdateGuard } from './hook.js';
import type { BatchShard, GanLoss, LossTerms } from './losses/gan-loss.js';
import type { TrainerSettings } from './trainer-settings.js';

/** The moving average of the generator's weights (`ExponentialMovingAverage.apply`). */
export interface GeneratorAverager {
  apply(variables: tf.Variable[]): void;
  /** The variable's average (its shadow), once `apply` has seen it. */
  average(variable: tf.Variable): tf.Variable | undefined;
}

/** Everything one update needs. */
export interface StepParts {
  readonly settings: TrainerSettings;
  readonly generator: GanModel;
  readonly critic: GanModel;
  readonly optimizers: Readonly<Record<StepName, Optimizer>>;
  readonly steps: Readonly<Record<StepName, GlobalStep>>;
  readonly loss: GanLoss;
  readonly average: GeneratorAverager | undefined;
  readonly guards: readonly UpdateGuard[];
  readonly gradientObservers: readonly GradientObserver[];
  /** Runs the updates as compiled TensorFlow functions (`execution` compiled or auto). */
  readonly compiled?: CompiledUpdates | undefined;
}

/** What one update did, as plain numbers. */
export interface StepOutcome {
  readonly loss: number;
  readonly learningRate: number;
  /** The update's effective step size; when skipped, that of the last update applied. */
  readonly effectiveLearningRate: number;
  readonly metrics: Record<string, number>;
  readonly skipped: boolean;
}

/** An update's loss, metrics and gradients, computed but not yet applied; it owns its tensors. */
export interface ComputedUpdate {
  readonly step: StepName;
  readonly loss: tf.Tensor;
  readonly metrics: Readonly<Record<string, tf.Tensor>>;
  readonly gradsAndVars: GradAndVar[];
}

/**
 * One critic update on a real batch and a latent batch: loss, gradients, optional clipping,
 * apply (advancing `global_step/critic`), then weight clipping and layer constraints.
 *
 * @param parts - the run's collaborators.
 * @param real - a real batch (caller disposes).
 * @param z - a latent batch (caller disposes).
 * @returns the numbers for the `critic-step` event.
 */
export function criticUpdate(parts: StepParts, real: tf.Tensor, z: tf.Tensor): StepOutcome {
  if (parts.compiled !== undefined) return parts.compiled.criticUpdate(parts, real, z);
  const fake = generateFakes(parts, z);
  try {
    return applyUpdate(parts, criticGradients(parts, real, fake));
  } finally {
    fake.dispose();
  }
}

/**
 * One generator update on a latent batch: apply (advancing `global_step/generator`), then the
 * moving average of the generator's weights.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the numbers for the `generator-step` event.
 */
export function generatorUpdate(parts: StepParts, z: tf.Tensor): StepOutcome {
  if (parts.compiled !== undefined) return parts.compiled.generatorUpdate(parts, z);
  return applyUpdate(parts, generatorGradients(parts, z));
}

/**
 * The generator's samples a critic update compares with a real batch, as constants (no gradient
 * flows back into the generator). They depend only on the generator's weights, which the critic's
 * updates leave alone, so replicas draw them while the previous update's gradients travel.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the fake batch; the caller disposes it.
 */
export function generateFakes(parts: StepParts, z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => stopGradient(parts.generator.apply(z, true)));
}

/**
 * The first half of a critic update: its loss on a real and a fake batch, and the gradients.
 * Replicas average these across the group before {@link applyUpdate}.
 *
 * @param parts - the run's collaborators.
 * @param real - a real batch (caller disposes).
 * @param fake - the generator's samples from {@link generateFakes} (caller disposes).
 * @param shard - where these rows sit in the global batch, when this is one replica's share.
 * @returns the computed update, whose tensors the caller hands to {@link applyUpdate}.
 */
export function criticGradients(
  parts: StepParts,
  real: tf.Tensor,
  fake: tf.Tensor,
  shard?: BatchShard,
): ComputedUpdate {
  const { critic, loss } = parts;
  return computeUpdate(parts, 'critic', critic.trainableVariables, () => {
    const train = (x: tf.Tensor): tf.Tensor => critic.apply(x, true);
    return loss.criticLoss({
      realScores: train(real),
      fakeScores: train(fake),
      real,
      fake,
      critic: train,
      seed: deriveSeed(parts.settings.seed, 'critic-loss', parts.steps.critic.value + 1),
      ...(shard === undefined ? {} : { shard }),
    });
  });
}

/**
 * The first half of a generator update: its loss on a latent batch, and the gradients.
 *
 * @param parts - the run's collaborators.
 * @param z - a latent batch (caller disposes).
 * @returns the computed update, whose tensors the caller hands to {@link applyUpdate}.
 */
export function generatorGradients(parts: StepParts, z: tf.Tensor): ComputedUpdate {
  const { critic, generator, loss } = parts;
  return computeUpdate(parts, 'generator', generator.trainableVariables, () =>
    loss.generatorLoss(critic.apply(generator.apply(z, true), true)),
  );
}

/**
 * The second half of an update: optional gradient clipping, the update guards, apply (advancing
 * the step's global step), the gradient observers, then the critic's constraints or the
 * generator's moving average. Disposes every tensor of `computed`.
 *
 * @param parts - the run's collaborators.
 * @param computed - from {@link criticGradients} or {@link generatorGradients}.
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
    const owned = new Set([...gradients(gradsAndVars), ...gradients(clip.gradsAndVars)]);
    tf.dispose([loss, ...Object.values(kept), ...owned]);
  }
  if (!outcome.skipped) {
    if (step === 'critic') constrainCritic(parts);
    else parts.average?.apply([...parts.generator.trainableVariables]);
  }
  return outcome;
}

/**
 * Frees an update that will not be applied (its replicas failed to agree on it, or the run
 * ended before it): the loss, every metric and every gradient.
 *
 * @param computed - the update; none of its tensors may be used afterwards.
 */
export function disposeUpdate(computed: ComputedUpdate): void {
  tf.dispose([
    computed.loss,
    ...Object.values(computed.metrics),
    ...gradients(computed.gradsAndVars),
  ]);
}

function computeUpdate(
  parts: StepParts,
  step: StepName,
  variables: readonly tf.Variable[],
  terms: () => LossTerms,
): ComputedUpdate {
  const metrics: Record<string, tf.Tensor> = {};
  const { loss, gradsAndVars } = parts.optimizers[step].computeGradients(() => {
    const { loss: value, metrics: named } = terms();
    for (const [name, metric] of Object.entries(named)) metrics[name] = tf.keep(metric);
    return value;
  }, [...variables]);
  return { step, loss, metrics, gradsAndVars };
}

function clipGradients(
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
function readScalars(
  loss: tf.Tensor,
  metrics: Record<string, tf.Tensor>,
): { loss: number; metrics: Record<string, number> } {
  const read = (t: tf.Tensor): number => t.dataSync()[0] ?? Number.NaN;
  return {
    loss: read(loss),
    metrics: Object.fromEntries(Object.entries(metrics).map(([name, t]) => [name, read(t)])),
  };
}

function observeGradients(parts: StepParts, step: StepName, gradsAndVars: GradAndVar[]): void {
  if (parts.gradientObservers.length === 0) return;
  const applied: AppliedGradients = {
    step,
    steps: { critic: parts.steps.critic.value, generator: parts.steps.generator.value },
    gradsAndVars: gradsAndVars.filter((pair): pair is [tf.Tensor, tf.Variable] => pair[0] !== null),
  };
  for (const observer of parts.gradientObservers) observer(applied);
}

function passesGuards(parts: StepParts, step: StepName, loss: number): boolean {
  if (parts.guards.length === 0) return true;
  const steps: StepCounts = {
    critic: parts.steps.critic.value,
    generator: parts.steps.generator.value,
  };
  return parts.guards.every((guard) => guard({ step, loss, steps }));
}

function constrainCritic(parts: StepParts): void {
  const clip = parts.settings.weightClip;
  if (clip !== undefined) {
    tf.tidy(() => {
      for (const variable of parts.critic.trainableVariables)
        variable.assign(tf.clipByValue(variable, -clip, clip));
    });
  }
  parts.critic.applyConstraints();
}

function gradients(gradsAndVars: GradAndVar[]): tf.Tensor[] {
  return gradsAndVars.map(([grad]) => grad).filter((grad): grad is tf.Tensor => grad !== null);
}
