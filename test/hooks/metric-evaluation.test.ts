import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  GaussianMixtureDataset,
  MetricEvaluationHook,
  SummarySaverHook,
  createTrainer,
  initBackend,
  mixtureEvaluator,
  silentLogger,
  tf,
  type EvaluationEvent,
  type Evaluator,
  type Hook,
  type TrainingEvent,
} from '../../src/index.js';
import { readStateFile } from '../../src/core/checkpoint/state-file.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';
import { readRun, stepsOf } from './summary-points.js';
import { temporaryLogdir } from './tiny-image-gan.js';

/** The tiny GAN's data, N((3, 3), 0.2²), as a one-mode mixture to score samples against. */
const blob = (): GaussianMixtureDataset => new GaussianMixtureDataset('blob', [[3, 3]], 0.2, 0);

/** Records every event's kind, and the evaluations. */
class Recorder implements Hook {
  readonly kinds: string[] = [];
  readonly evaluations: EvaluationEvent[] = [];
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => {
      this.kinds.push(event.kind);
      if (event.kind === 'evaluation') this.evaluations.push(event);
    });
  }
}

/** Scores samples by their mean: enough to tell which weights made them. */
function meanEvaluator(): Evaluator {
  return {
    extractor: 'mean',
    sampleShape: [2],
    minSamples: 1,
    metrics: [{ metric: 'mean', mode: 'min' }],
    primary: { metric: 'mean', mode: 'min' },
    take(samples) {
      const batch =
        samples instanceof tf.Tensor ? tf.clone(samples) : samples.batch(0, samples.count);
      const mean = tf.tidy(() => tf.mean(batch));
      batch.dispose();
      return {
        count: 1,
        score: async () => {
          const [value] = await mean.data();
          mean.dispose();
          return { mean: value! };
        },
        dispose: () => mean.dispose(),
      };
    },
    dispose: () => undefined,
  };
}

describe('MetricEvaluationHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('announces each evaluation at the cadence, in step order, before the end', async () => {
    const recorder = new Recorder();
    const hook = new MetricEvaluationHook({
      evaluator: mixtureEvaluator(blob()),
      everyNSteps: 4,
      samples: 50,
    });
    const logdir = await temporaryLogdir();
    const result = await createTrainer(
      tinyGanConfig({ steps: 12, logdir, hooks: [hook, recorder] }),
    ).run();
    assert.equal(result.reason, 'last-step');
    assert.deepEqual(
      recorder.evaluations.map((e) => e.evaluated.generator),
      [4, 8, 12],
    );
    const [first] = recorder.evaluations;
    assert.equal(first!.samples, 50);
    assert.equal(first!.extractor, 'mode-coverage');
    assert.deepEqual(first!.primary, { metric: 'reverse_kl', mode: 'min' });
    assert.deepEqual(Object.keys(first!.metrics), [
      'reverse_kl',
      'modes_covered',
      'high_quality',
      'min_mode_share',
    ]);
    assert.ok(recorder.kinds.lastIndexOf('evaluation') < recorder.kinds.indexOf('end'));
  });

  it('writes every metric to TensorBoard as metrics/<name> at the evaluated step', async () => {
    const logdir = await temporaryLogdir();
    const hooks = [
      new MetricEvaluationHook({
        evaluator: mixtureEvaluator(blob()),
        everyNSteps: 5,
        samples: 20,
      }),
      new SummarySaverHook({ everyNSteps: 100, config: false }),
    ];
    await createTrainer(tinyGanConfig({ steps: 10, logdir, hooks })).run();
    const run = await readRun(logdir);
    for (const name of ['reverse_kl', 'modes_covered', 'high_quality', 'min_mode_share']) {
      assert.deepEqual(stepsOf(run, `metrics/${name}`), [5, 10], name);
    }
  });

  it('scores the moving-average weights when the run keeps them', async () => {
    const meanOf = async (weights: 'average' | 'trained'): Promise<number> => {
      const recorder = new Recorder();
      const hook = new MetricEvaluationHook({
        evaluator: meanEvaluator(),
        everyNSteps: 6,
        samples: 10,
        weights,
      });
      const logdir = await temporaryLogdir();
      await createTrainer(
        tinyGanConfig({ steps: 6, logdir, emaDecay: 0.5, hooks: [hook, recorder] }),
      ).run();
      return recorder.evaluations[0]!.metrics['mean']!;
    };
    assert.notEqual(await meanOf('average'), await meanOf('trained'));
  });

  it('keeps the best checkpoint by a metric when the run asks for one', async () => {
    const logdir = await temporaryLogdir();
    const hook = new MetricEvaluationHook({
      evaluator: mixtureEvaluator(blob()),
      everyNSteps: 3,
      samples: 50,
    });
    const config = tinyGanConfig({
      steps: 9,
      logdir,
      hooks: [hook],
      bestCheckpoint: { metric: 'high_quality', mode: 'max' },
    });
    await createTrainer(config).run();
    const state = readStateFile(join(logdir, 'checkpoints', 'checkpoint'));
    assert.equal(state?.best?.metric, 'high_quality');
    assert.ok(['ckpt-3', 'ckpt-6', 'ckpt-9'].includes(state!.best!.name));
    assert.ok(existsSync(join(logdir, 'checkpoints', `${state!.best!.name}.safetensors`)));
  });

  it('fails the run, naming itself, when the best metric is not one the evaluator reports', async () => {
    const logdir = await temporaryLogdir();
    const hook = new MetricEvaluationHook({
      evaluator: mixtureEvaluator(blob()),
      everyNSteps: 3,
      samples: 50,
    });
    const config = tinyGanConfig({
      steps: 3,
      logdir,
      hooks: [hook],
      bestCheckpoint: { metric: 'frechet_distance', mode: 'min' },
    });
    const result = await createTrainer(config).run();
    assert.equal(result.reason, 'error');
    assert.match(
      result.error!.message,
      /MetricEvaluationHook.*keeps the best checkpoint by frechet_distance, which mode-coverage does not report/,
    );
  });

  it('leaves no tensor behind', async () => {
    const logdir = await temporaryLogdir();
    const config = tinyGanConfig({ steps: 8, logdir });
    const before = tf.memory().numTensors;
    const hook = new MetricEvaluationHook({
      evaluator: mixtureEvaluator(blob()),
      everyNSteps: 2,
      samples: 30,
    });
    await createTrainer({ ...config, hooks: [hook] }).run();
    // The trainer's own state (optimizer slots, steps) stays; compare with a run without the hook.
    const withHook = tf.memory().numTensors - before;
    const plain = tinyGanConfig({ steps: 8, logdir: await temporaryLogdir() });
    const beforePlain = tf.memory().numTensors;
    await createTrainer(plain).run();
    assert.equal(withHook, tf.memory().numTensors - beforePlain);
  });

  it('refuses fewer samples than the evaluator needs', () => {
    assert.throws(
      () => new MetricEvaluationHook({ evaluator: mixtureEvaluator(blob()), samples: 0 }),
      /samples must be a positive integer, got 0/,
    );
  });
});
