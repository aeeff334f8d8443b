import type { Observable, Subscription } from 'rxjs';
import * as tf from '../core/backend/tf.js';
import { everyN } from '../core/events/every-n.js';
import type { TrainingEvent } from '../core/events/training-event.js';
import type { SummaryWriter } from '../core/summary/summary-writer.js';
import type { GanModel } from '../gan/gan-model.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';

/** What histograms are written of: tensors, each with the variable whose name tags it. */
type TaggedTensors = readonly (readonly [tf.Tensor, tf.Variable])[];

/** TF's `add_gradients_summaries` tags a variable's gradient `<variable>_gradient`. */
const GRADIENT_SUFFIX = '_gradient';

/**
 * Every `every` generator steps, queues histograms of both networks' trainable variables and of
 * the gradients their last updates applied (`<name>_gradient`): the generator's at
 * `steps.generator`; the critic's weights at `steps.critic`, its gradients at the step of the
 * last critic update applied before that generator step. The critic's are written once per
 * critic step (its updates may have been skipped since the last write).
 *
 * @param every - the period in generator steps, ≥ 1.
 * @param events$ - the run's events.
 * @param context - the hook's context: the models, the gradients, the work queue.
 * @param writer - opens the run's writer.
 * @returns the subscription; ending it frees the gradients it kept.
 */
export function writeHistogramsEvery(
  every: number,
  events$: Observable<TrainingEvent>,
  context: TrainingContext,
  writer: () => SummaryWriter,
): Subscription {
  const { critic: criticModel, generator: generatorModel } = context;
  let criticWritten = -1;
  // Gradients are freed after their update, but the critic's are written at the generator step
  // that follows: each critic update of an iteration ending on a histogram step keeps a copy,
  // replacing the one before.
  let criticGradients: { step: number; values: TaggedTensors } | undefined;
  const dropCriticGradients = (): void => {
    tf.dispose(criticGradients?.values.map(([grad]) => grad) ?? []);
    criticGradients = undefined;
  };
  const subscription = events$.pipe(everyN(every)).subscribe((event) => {
    const { critic, generator } = event.steps;
    writeHistograms(writer(), context, generatorModel, weightsOf(generatorModel), generator);
    if (critic > criticWritten) {
      writeHistograms(writer(), context, criticModel, weightsOf(criticModel), critic);
      criticWritten = critic;
    }
    if (criticGradients !== undefined) {
      const { step, values } = criticGradients;
      writeHistograms(writer(), context, criticModel, values, step, GRADIENT_SUFFIX);
      dropCriticGradients();
    }
  });
  context.observeGradients(({ step, steps, gradsAndVars }) => {
    if (step === 'generator' && steps.generator % every === 0) {
      const at = steps.generator;
      writeHistograms(writer(), context, generatorModel, gradsAndVars, at, GRADIENT_SUFFIX);
    } else if (step === 'critic' && (steps.generator + 1) % every === 0) {
      dropCriticGradients();
      const values = gradsAndVars.map(([grad, variable]) => [tf.clone(grad), variable] as const);
      criticGradients = { step: steps.critic, values };
    }
  });
  subscription.add(dropCriticGradients);
  return subscription;
}

function weightsOf(model: GanModel): TaggedTensors {
  return model.trainableVariables.map((variable) => [variable, variable] as const);
}

/**
 * Queues a histogram of each tensor, tagged with its variable's name and `suffix`. Each is
 * snapshotted (a clone shares the buffer) because the next update replaces a variable's
 * buffer, and frees a gradient's, while the histogram is read.
 */
function writeHistograms(
  writer: SummaryWriter,
  context: TrainingContext,
  model: GanModel,
  values: TaggedTensors,
  step: number,
  suffix = '',
): void {
  // Tags use the checkpoint names: tfjs suffixes `name` (`kernel_1`) when a model is rebuilt.
  const canonical = new Map(
    Object.entries(model.namedVariables ?? {}).map(([name, variable]) => [variable, name]),
  );
  for (const [value, variable] of values) {
    const snapshot = tf.clone(value);
    const name = canonical.get(variable) ?? variable.name;
    const tag = name.startsWith(`${model.name}/`) ? name : `${model.name}/${name}`;
    const written = writer.histogram(`${tag}${suffix}`, snapshot, step);
    context.defer(written.finally(() => snapshot.dispose()));
  }
}
