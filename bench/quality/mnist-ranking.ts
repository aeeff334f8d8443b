// `npm run bench:ranking -- --logdir runs/mnist-gp`: the sanity check of gantry's MNIST metrics
// (gantry issue 18). Four sets of 1,000 digits are written as .npy files and scored by
// `gantry eval --samples FILE --dataset mnist`: the classifier's 1,000 held-out digits, the
// samples of a trained run (its best checkpoint when it kept one, else its latest), the
// held-out digits blurred (5×5 box filter) and uniform noise. The Fréchet distance should rank
// them in that order; an 8×8 grid of each set is written beside its .npy to compare with the
// class coverage by eye.
//
//   node --import tsx bench/quality/mnist-ranking.ts --logdir runs/mnist-gp [--out runs/ranking]
//
// Prints a table and one JSON line; exits 1 when the ranking does not hold.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { splitDigits } from '../../scripts/digit-classifier/split.js';
import { evaluateRequest } from '../../src/cli/commands/eval.js';
import type { EvalReport } from '../../src/cli/eval/eval-report.js';
import { readSamplesFile } from '../../src/cli/eval/samples-file.js';
import { encodeNpy } from '../../src/cli/sample/npy.js';
import { readStateFile } from '../../src/core/checkpoint/state-file.js';
import { sample } from '../../src/cli/commands/sample.js';
import { initBackend } from '../../src/core/backend/index.js';
import * as tf from '../../src/core/backend/tf.js';
import { consoleLogger } from '../../src/core/logger.js';
import { imageGridToPng } from '../../src/core/summary/index.js';

const { values } = parseArgs({
  options: {
    logdir: { type: 'string', default: 'runs/mnist-gp' },
    checkpoint: { type: 'string' },
    out: { type: 'string', default: 'runs/ranking' },
  },
});
const COUNT = 1000;
await mkdir(values.out, { recursive: true });
await initBackend({ backend: 'auto', logger: consoleLogger });

const { heldOut } = splitDigits();
const sets: [string, string][] = [];
const write = async (name: string, images: Float32Array): Promise<void> => {
  const path = join(values.out, `${name}.npy`);
  await writeFile(path, encodeNpy(images, [COUNT, 28, 28, 1]));
  const grid = tf.tensor4d(spread(images).slice(0, 64 * 784), [64, 28, 28, 1]);
  await writeFile(
    join(values.out, `${name}.png`),
    await imageGridToPng(grid, { columns: 8, range: [-1, 1] }),
  );
  grid.dispose();
  sets.push([name, path]);
};

await write('held-out digits', heldOut.images);
const runSamples = join(values.out, 'run.npy');
const checkpoint = values.checkpoint ?? ((await hasBest(values.logdir)) ? 'best' : 'latest');
await sample(
  { logdir: values.logdir, checkpoint, n: COUNT, out: runSamples, ema: true, seed: 1 },
  consoleLogger,
);
await write(`trained run (${checkpoint})`, (await readSamplesFile(runSamples)).values);
await write('blurred digits', blurred(heldOut.images));
await write('noise', noise());

const reports: [string, EvalReport][] = [];
for (const [name, path] of sets) {
  const report = await evaluateRequest(
    { samples: path, dataset: 'mnist', n: COUNT, seed: 0, ema: true, kidSubsets: 100 },
    consoleLogger,
  );
  reports.push([name, report]);
}
const distances = reports.map(([, report]) => report.metrics['frechet_distance']!);
const ranked = distances.every((value, i) => i === 0 || distances[i - 1]! < value);
const columns = [
  'frechet_distance',
  'kid',
  'precision',
  'recall',
  'density',
  'coverage',
  'classes_present',
  'class_entropy',
];
const header = ['set'.padEnd(26), ...columns.map((c) => c.padStart(16))].join('');
console.log(`\n${header}`);
for (const [name, report] of reports) {
  console.log(
    [name.padEnd(26), ...columns.map((c) => formatted(report.metrics[c]!).padStart(16))].join(''),
  );
}
console.log(
  `\nFréchet distance ranks held-out < trained run < blurred < noise: ${ranked ? 'yes' : 'NO'}`,
);
console.log(
  JSON.stringify({
    bench: 'mnist-ranking',
    logdir: values.logdir,
    checkpoint,
    ranked,
    sets: Object.fromEntries(reports.map(([name, r]) => [name, r.metrics])),
  }),
);
process.exitCode = ranked ? 0 : 1;

function formatted(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(4);
}

async function hasBest(logdir: string): Promise<boolean> {
  return readStateFile(join(logdir, 'checkpoints', 'checkpoint'))?.best !== undefined;
}

/** 64 images spread over the set (the held-out digits are sorted by class). */
function spread(images: Float32Array): Float32Array {
  const picked = new Float32Array(64 * 784);
  for (let i = 0; i < 64; i++) {
    const from = Math.floor((i * COUNT) / 64) * 784;
    picked.set(images.subarray(from, from + 784), i * 784);
  }
  return picked;
}

/** Each digit through a 5×5 box filter, the background (−1) padded in. */
function blurred(images: Float32Array): Float32Array {
  return tf.tidy(() => {
    const x = tf.pad(
      tf.tensor4d(images, [COUNT, 28, 28, 1]),
      [
        [0, 0],
        [2, 2],
        [2, 2],
        [0, 0],
      ],
      -1,
    );
    const box = tf.fill([5, 5, 1, 1], 1 / 25) as tf.Tensor4D;
    return tf.conv2d(x, box, 1, 'valid').dataSync() as Float32Array;
  });
}

/** Uniform noise in [−1, 1], seeded. */
function noise(): Float32Array {
  return tf.tidy(
    () => tf.randomUniform([COUNT, 28, 28, 1], -1, 1, 'float32', 1).dataSync() as Float32Array,
  );
}
