import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Observable, Subscription } from 'rxjs';
import * as tf from '../core/backend/tf.js';
import { deriveSeed } from '../core/random/derive-seed.js';
import { writeFileAtomic } from '../core/checkpoint/atomic-file.js';
import { everyN } from '../core/events/every-n.js';
import type { TrainingEvent } from '../core/events/training-event.js';
import { imageGridToPng, type ImageGridOptions } from '../core/summary/image-grid.js';
import type { GanModel } from '../gan/gan-model.js';
import type { Hook } from '../gan/hooks-runtime/hook.js';
import type { TrainingContext } from '../gan/hooks-runtime/training-context.js';
import { withAveragedWeights } from '../gan/averaged-weights.js';
import { checkPeriod } from '../gan/hooks-runtime/check-period.js';

/** Options of {@link ImageGridHook}. */
export interface ImageGridHookOptions extends Omit<ImageGridOptions, 'range'> {
  /** Draw a grid every this many generator steps; default 500. */
  everyNSteps?: number;
  /** Images per grid; default 64. */
  samples?: number;
  /**
   * Seeds the fixed latent batch; default the run's `image-grid` stream
   * (`deriveSeed(settings.seed, 'image-grid')`), independent of the training noise.
   */
  seed?: number;
  /**
   * The shape of one image, `[H, W, C]`, for a generator whose output is flat (an MLP on
   * MNIST gives `[N, 784]`: pass `[28, 28, 1]`); default: the output is already `[N, H, W, C]`.
   */
  imageShape?: [number, number, number];
  /** The generator's output range; default `[-1, 1]` (a tanh output layer). */
  range?: [0, 1] | [-1, 1];
  /** The image summary's tag; default `samples`. */
  tag?: string;
  /** Where the PNG files go; default `<logdir>/samples`. */
  directory?: string;
  /**
   * `average` (default): the moving average of the generator's weights when the run keeps one
   * (`emaDecay`), else the trained weights; `trained`: always the trained weights.
   */
  weights?: 'average' | 'trained';
}

/**
 * Every `everyNSteps` generator steps, draws a grid of generator samples from one fixed latent
 * batch (the same seeded `z` every time, so successive grids show how the same points move),
 * writes it as `<logdir>/samples/step-000500.png` (atomically: a temporary file renamed into
 * place) and sends it to TensorBoard as the `samples` image at `steps.generator`.
 *
 * The grid shows the generator in inference mode (`training: false`, so batch norm uses its
 * moving statistics) with the moving average of its weights when the run keeps one (as
 * `gantry sample` does), else with its trained weights; `weights: 'trained'` always shows the
 * trained weights. Values are mapped from `range` (default `[-1, 1]`, a tanh output) to pixels.
 *
 * @example
 * ```ts
 * createTrainer({ ...config, hooks: [new ImageGridHook({ everyNSteps: 200, columns: 8 })] });
 * ```
 */
export class ImageGridHook implements Hook {
  readonly name = 'ImageGridHook';
  /** Writes files or the terminal: in a run with replicas, only the chief attaches it. */
  readonly chiefOnly = true;
  private readonly every: number;
  private readonly samples: number;

  /**
   * @param options - the period, the batch, the layout and where the files go.
   * @throws RangeError when a count is not a positive integer.
   */
  constructor(private readonly options: ImageGridHookOptions = {}) {
    this.every = checkPeriod(options.everyNSteps ?? 500, 'everyNSteps', this.name);
    this.samples = checkPeriod(options.samples ?? 64, 'samples', this.name);
  }

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    const { seed = deriveSeed(context.settings.seed, 'image-grid'), tag = 'samples' } =
      this.options;
    const directory = this.options.directory ?? join(context.settings.logdir, 'samples');
    const latent = [this.samples, context.settings.latentDim];
    const z = tf.randomNormal(latent, 0, 1, 'float32', seed);
    // One grid at a time, in step order: the writer needs a tag's steps to increase.
    let previous: Promise<unknown> = Promise.resolve();
    const subscription = events$.pipe(everyN(this.every)).subscribe((event) => {
      const step = event.steps.generator;
      const writer = context.summaryWriter();
      const average = this.options.weights === 'trained' ? undefined : context.generatorAverage;
      const images = withAveragedWeights(context.generator, average, () =>
        this.draw(context.generator, z),
      );
      const path = join(directory, `step-${String(step).padStart(6, '0')}.png`);
      const work = previous.then(async () => {
        const png = await this.encode(images);
        await mkdir(directory, { recursive: true });
        await writeFileAtomic(path, [png]);
        await writer.image(tag, png, step);
      });
      previous = work.catch(() => undefined);
      context.defer(work);
    });
    subscription.add(() => z.dispose());
    return subscription;
  }

  /** Encodes the grid as a PNG, then frees the images. */
  private async encode(images: tf.Tensor4D): Promise<Buffer> {
    try {
      return await imageGridToPng(images, this.layout());
    } finally {
      images.dispose();
    }
  }

  private layout(): ImageGridOptions {
    const { columns, padding, padValue, range = [-1, 1] } = this.options;
    return { columns, padding, padValue, range };
  }

  /** Runs the generator on the fixed batch and checks that the output is a batch of images. */
  private draw(generator: GanModel, z: tf.Tensor): tf.Tensor4D {
    const { imageShape } = this.options;
    return tf.tidy(() => {
      const output = generator.apply(z, false);
      if (imageShape !== undefined) {
        const size = output.size / this.samples;
        if (size !== imageShape[0] * imageShape[1] * imageShape[2]) {
          throw new RangeError(
            `${this.name}: imageShape [${imageShape.join(', ')}] does not fit the generator's ` +
              `output of shape [${output.shape.join(', ')}]; give the shape of one image`,
          );
        }
        return output.reshape([this.samples, ...imageShape]);
      }
      if (output.rank !== 4) {
        throw new RangeError(
          `${this.name}: the generator's output has shape [${output.shape.join(', ')}], not ` +
            '[N, H, W, C] images; give imageShape for a flat output (e.g. [28, 28, 1]), or ' +
            'leave this hook out for non-image data',
        );
      }
      return output as tf.Tensor4D;
    });
  }
}
