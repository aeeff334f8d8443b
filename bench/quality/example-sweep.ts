// Measures candidate settings for the WGAN example (examples/wgan): each trains a DCGAN on MNIST
// with weight clipping and two RMSProp optimizers for a number of generator steps, then reports
// its wall time, the classes the digit classifier finds among 1,000 samples, and a grid.
//
//   node --import tsx bench/quality/example-sweep.ts --steps 300 --lr 2e-4 --n-critic 5 \
//     [--batch 64] [--filters 16] [--noise 64] [--clip 0.01] [--warmup 25] [--seed 1]
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  createTrainerContainer,
  dcgan,
  deriveSeed,
  imageGridToPng,
  initBackend,
  mnist,
  classCoverage,
  loadDigitClassifier,
  RMSPropOptimizer,
  silentLogger,
  TOKENS,
  wasserstein,
  type GanTrainer,
} from '../../src/index.js';
import { averagedSamples } from './averaged-samples.js';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '300' },
    lr: { type: 'string', default: '5e-5' },
    'n-critic': { type: 'string', default: '5' },
    batch: { type: 'string', default: '64' },
    filters: { type: 'string', default: '16' },
    noise: { type: 'string', default: '64' },
    clip: { type: 'string', default: '0.01' },
    seed: { type: 'string', default: '1' },
    backend: { type: 'string', default: 'wasm' },
    logdir: { type: 'string', default: 'runs/example-sweep' },
  },
});
const number = (key: keyof typeof values) => Number(values[key]);
const seed = number('seed');
await initBackend({
  backend: values.backend as 'wasm' | 'cpu' | 'tensorflow',
  logger: silentLogger,
});
const classifier = await loadDigitClassifier();
const models = dcgan({ baseFilters: number('filters'), noiseSize: number('noise'), seed });
const learningRate = number('lr');
const label = `lr${values.lr}-nc${values['n-critic']}-b${values.batch}-f${values.filters}-clip${values.clip}-s${seed}`;
const logdir = join(values.logdir ?? 'runs/example-sweep', label);
const container = createTrainerContainer({
  generator: models.generator,
  critic: models.critic,
  dataset: mnist(deriveSeed(seed, 'data')),
  loss: wasserstein(),
  optimizers: {
    critic: new RMSPropOptimizer({ learningRate }),
    generator: new RMSPropOptimizer({ learningRate, name: 'RMSProp_1' }),
  },
  nCritic: number('n-critic'),
  batchSize: number('batch'),
  weightClip: number('clip'),
  latentDim: number('noise'),
  steps: number('steps'),
  seed,
  logdir,
  logger: silentLogger,
});
const trainer = container.get<GanTrainer>(TOKENS.Trainer);
const started = performance.now();
await trainer.run();
const seconds = (performance.now() - started) / 1000;
const samples = averagedSamples(trainer.generator, undefined, {
  count: 1000,
  latentDim: number('noise'),
  seed: 12345,
  chunk: 100,
});
const { probabilities, features } = classifier.apply(samples);
const predicted =
  probabilities === undefined ? [] : Array.from(probabilities.argMax(-1).dataSync());
features.dispose();
probabilities?.dispose();
const { counts } = classCoverage(predicted, 10);
await mkdir(logdir, { recursive: true });
const grid = samples.slice(0, 64);
await writeFile(
  join(logdir, 'final.png'),
  await imageGridToPng(grid as never, { columns: 8, range: [-1, 1] }),
);
const line = {
  label,
  steps: number('steps'),
  seconds: Math.round(seconds),
  classes: counts.filter((count) => count > 0).length,
  counts,
};
console.log(JSON.stringify(line));
