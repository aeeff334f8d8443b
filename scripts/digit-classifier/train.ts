// `npm run train:digit-classifier`: trains the MNIST digit classifier gantry ships as its
// feature extractor for 28×28 digits, and writes it to assets/digit-classifier/.
//
//   node --import tsx scripts/digit-classifier/train.ts [--seed 0] [--epochs 20] [--out DIR]
//
// Reproducible: on the wasm backend (one thread) the same seed gives the same weights bit for
// bit. Every draw derives from the seed: the initial weights (init/<layer>), each epoch's order
// (digit-classifier/order/<epoch>) and the ±2-pixel shifts that augment each batch
// (digit-classifier/shift/<epoch>). It trains on 9,000 of the `mnist` package's digits and prints
// its accuracy on the other 1,000, which model.json records.
import { parseArgs } from 'node:util';
import { initBackend } from '../../src/core/backend/init-backend.js';
import * as tf from '../../src/core/backend/tf.js';
import { deriveSeed } from '../../src/core/random/derive-seed.js';
import { SeededRandom } from '../../src/core/random/seeded-random.js';
import {
  DIGIT_CLASSIFIER_DIRECTORY,
  loadDigitClassifier,
} from '../../src/gan/metrics/extractors/digit-classifier.js';
import { buildDigitClassifier } from './architecture.js';
import { saveHalfPrecisionModel } from './save-model.js';
import { splitDigits, type LabelledDigits } from './split.js';
import { shiftedBatch } from './shifted-batch.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '0' },
    epochs: { type: 'string', default: '20' },
    out: { type: 'string', default: DIGIT_CLASSIFIER_DIRECTORY },
  },
});
const seed = Number(values.seed);
const epochs = Number(values.epochs);
const BATCH = 64;

await initBackend({ backend: 'wasm' });
const { train, heldOut } = splitDigits();
const model = buildDigitClassifier(seed);
const optimizer = tf.train.adam(1e-3);
model.compile({ optimizer, loss: 'categoricalCrossentropy' });
const start = performance.now();
for (let epoch = 0; epoch < epochs; epoch++) {
  // The learning rate falls linearly to a tenth over the run.
  (optimizer as unknown as { learningRate: number }).learningRate =
    1e-3 * (1 - (0.9 * epoch) / Math.max(1, epochs - 1));
  const order = shuffled(
    train.count,
    new SeededRandom(deriveSeed(seed, 'digit-classifier', 'order', epoch)),
  );
  const shifts = new SeededRandom(deriveSeed(seed, 'digit-classifier', 'shift', epoch));
  let loss = 0;
  for (let first = 0; first < train.count; first += BATCH) {
    const indices = order.subarray(first, Math.min(first + BATCH, train.count));
    const { images, labels } = shiftedBatch(train, indices, shifts);
    loss += ((await model.trainOnBatch(images, labels)) as number) * indices.length;
    tf.dispose([images, labels]);
  }
  const seconds = ((performance.now() - start) / 1000).toFixed(0);
  console.log(
    `epoch ${epoch + 1}/${epochs}: loss ${(loss / train.count).toFixed(4)}, held-out accuracy ` +
      `${percent(accuracy(model, heldOut))} (${seconds} s)`,
  );
}
// The accuracy stated is the shipped model's: saved at half precision, loaded back, measured.
const metadata = {
  heldOutAccuracy: NaN,
  heldOutCount: heldOut.count,
  trainCount: train.count,
  epochs,
  seed,
};
await saveHalfPrecisionModel(model, values.out, metadata);
const shipped = await loadDigitClassifier(values.out);
const heldOutAccuracy = accuracy(shipped.model, heldOut);
shipped.dispose();
const bytes = await saveHalfPrecisionModel(model, values.out, { ...metadata, heldOutAccuracy });
console.log(
  `held-out accuracy ${percent(heldOutAccuracy)} on ${heldOut.count} digits; ` +
    `${(bytes / 1024).toFixed(0)} KiB of float16 weights in ${values.out}`,
);

function shuffled(count: number, random: SeededRandom): Int32Array {
  const order = Int32Array.from({ length: count }, (_, i) => i);
  for (let i = count - 1; i > 0; i--) {
    const j = random.integer(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function accuracy(classifier: tf.LayersModel, digits: LabelledDigits): number {
  const predicted = tf.tidy(() => {
    const images = tf.tensor4d(digits.images, [digits.count, 28, 28, 1]);
    return (classifier.predict(images, { batchSize: 500 }) as tf.Tensor).argMax(-1);
  });
  const labels = predicted.dataSync();
  predicted.dispose();
  return labels.filter((label, i) => label === digits.labels[i]).length / digits.count;
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`;
}
