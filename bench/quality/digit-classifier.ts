import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '../../src/core/backend/tf.js';
import { loadMnistDigits } from '../../src/gan/index.js';

/** A trained MNIST digit classifier and how well it did on digits it never saw. */
export interface DigitClassifier {
  readonly model: tf.LayersModel;
  /** Accuracy on the held-out tenth of the `mnist` package's digits. */
  readonly heldOutAccuracy: number;
}

const HELD_OUT_EVERY = 10;

/**
 * Loads the classifier cached under `cacheDir`, or trains it on nine tenths of the `mnist`
 * package's 10,000 labelled digits (every tenth digit is held out to measure it) and caches it.
 * Input: `[N, 28, 28, 1]` in [−1, 1], as gantry's MNIST dataset and a tanh generator give.
 *
 * @param cacheDir - where `model.json` and `weights.bin` live (gitignored `.cache/`).
 * @param log - progress lines.
 * @returns the classifier and its held-out accuracy.
 */
export async function digitClassifier(
  cacheDir: string,
  log: (line: string) => void,
): Promise<DigitClassifier> {
  const cached = await loadCached(cacheDir);
  if (cached !== undefined) {
    log(`digit classifier: cached, held-out accuracy ${percent(cached.heldOutAccuracy)}`);
    return cached;
  }
  const { train, heldOut } = splitDigits();
  const model = buildClassifier();
  model.compile({
    optimizer: tf.train.adam(1e-3),
    loss: 'categoricalCrossentropy',
    metrics: ['accuracy'],
  });
  await model.fit(train.images, train.labels, {
    epochs: 4,
    batchSize: 128,
    shuffle: true,
    verbose: 0,
  });
  const heldOutAccuracy = accuracy(model, heldOut.images, heldOut.labels);
  tf.dispose([train.images, train.labels, heldOut.images, heldOut.labels]);
  await saveCached(cacheDir, model, heldOutAccuracy);
  log(`digit classifier: trained, held-out accuracy ${percent(heldOutAccuracy)}`);
  return { model, heldOutAccuracy };
}

/**
 * Counts the classes the classifier assigns to a batch of images.
 *
 * @param classifier - a trained classifier.
 * @param images - `[N, 28, 28, 1]` in [−1, 1].
 * @returns ten counts, one per digit.
 */
export function classCounts(classifier: DigitClassifier, images: tf.Tensor): number[] {
  const predicted = tf.tidy(() => (classifier.model.predict(images) as tf.Tensor).argMax(-1));
  const counts = new Array<number>(10).fill(0);
  for (const digit of predicted.dataSync()) counts[digit]!++;
  predicted.dispose();
  return counts;
}

function buildClassifier(): tf.Sequential {
  const scope = 'digit_classifier';
  return tf.sequential({
    name: scope,
    layers: [
      tf.layers.conv2d({
        inputShape: [28, 28, 1],
        filters: 16,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        name: `${scope}/conv2d`,
      }),
      tf.layers.conv2d({
        filters: 32,
        kernelSize: 5,
        strides: 2,
        padding: 'same',
        activation: 'relu',
        name: `${scope}/conv2d_1`,
      }),
      tf.layers.flatten({ name: `${scope}/flatten` }),
      tf.layers.dense({ units: 64, activation: 'relu', name: `${scope}/dense` }),
      tf.layers.dense({ units: 10, activation: 'softmax', name: `${scope}/dense_1` }),
    ],
  });
}

interface LabelledTensors {
  images: tf.Tensor4D;
  labels: tf.Tensor2D;
}

function splitDigits(): { train: LabelledTensors; heldOut: LabelledTensors } {
  const digits = loadMnistDigits();
  const size = 28 * 28;
  const pick = (keep: (index: number) => boolean): LabelledTensors => {
    const indices = Array.from({ length: digits.count }, (_, i) => i).filter(keep);
    const images = new Float32Array(indices.length * size);
    indices.forEach((from, to) =>
      images.set(digits.images.subarray(from * size, (from + 1) * size), to * size),
    );
    const labels = tf.tidy(() =>
      tf.oneHot(
        tf.tensor1d(
          indices.map((i) => digits.labels[i]!),
          'int32',
        ),
        10,
      ),
    );
    return {
      images: tf.tensor4d(images, [indices.length, 28, 28, 1]),
      labels: labels as tf.Tensor2D,
    };
  };
  return {
    train: pick((i) => i % HELD_OUT_EVERY !== 0),
    heldOut: pick((i) => i % HELD_OUT_EVERY === 0),
  };
}

function accuracy(model: tf.LayersModel, images: tf.Tensor, labels: tf.Tensor): number {
  return tf.tidy(() => {
    const predicted = (model.predict(images) as tf.Tensor).argMax(-1);
    return tf.mean(tf.cast(tf.equal(predicted, labels.argMax(-1)), 'float32')).dataSync()[0]!;
  });
}

async function loadCached(cacheDir: string): Promise<DigitClassifier | undefined> {
  try {
    const json = JSON.parse(await readFile(join(cacheDir, 'model.json'), 'utf8')) as CachedModel;
    const weights = await readFile(join(cacheDir, 'weights.bin'));
    const weightData = weights.buffer.slice(
      weights.byteOffset,
      weights.byteOffset + weights.byteLength,
    );
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: json.modelTopology,
        weightSpecs: json.weightSpecs,
        weightData,
      }),
    );
    return { model, heldOutAccuracy: json.heldOutAccuracy };
  } catch {
    return undefined;
  }
}

interface CachedModel {
  modelTopology: object;
  weightSpecs: tf.io.WeightsManifestEntry[];
  heldOutAccuracy: number;
}

async function saveCached(
  cacheDir: string,
  model: tf.LayersModel,
  heldOutAccuracy: number,
): Promise<void> {
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      await mkdir(cacheDir, { recursive: true });
      const weightData = tf.io.concatenateArrayBuffers(
        Array.isArray(artifacts.weightData) ? artifacts.weightData : [artifacts.weightData!],
      );
      await writeFile(join(cacheDir, 'weights.bin'), new Uint8Array(weightData));
      const cached: CachedModel = {
        modelTopology: artifacts.modelTopology as object,
        weightSpecs: artifacts.weightSpecs ?? [],
        heldOutAccuracy,
      };
      await writeFile(join(cacheDir, 'model.json'), JSON.stringify(cached));
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
