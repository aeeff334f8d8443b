import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import {
  ConfigError,
  GradientDescentOptimizer,
  InMemoryDataset,
  TOKENS,
  createTrainer,
  createTrainerContainer,
  initBackend,
  silentLogger,
  tf,
  type TrainerConfig,
} from '../../src/index.js';
import { tinyGanConfig } from './tiny-gan.js';

describe('createTrainer', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('names the bad key when the config is invalid', () => {
    assert.throws(
      () => createTrainer(tinyGanConfig({ nCritic: 0 })),
      (error) => error instanceof ConfigError && /nCritic: .*>=\s*1/.test(error.message),
    );
    assert.throws(
      () => createTrainer({ ...tinyGanConfig(), nCrtic: 5 } as TrainerConfig),
      (error) => error instanceof ConfigError && /nCrtic/.test(error.message),
    );
    const noData: Partial<TrainerConfig> = tinyGanConfig();
    delete noData.dataset;
    assert.throws(
      () => createTrainer(noData as TrainerConfig),
      /dataset is required \(a Dataset with next\(batchSize\)\)/,
    );
  });

  it('trains from a dataset rebound through the container', async () => {
    const config = tinyGanConfig({ steps: 2, nCritic: 2 });
    const calls: number[] = [];
    const inner = new InMemoryDataset(tf.ones([8, 2]));
    const counting = {
      name: 'counting',
      sampleShape: inner.sampleShape,
      size: inner.size,
      checkpointName: 'dataset',
      next: (batchSize: number) => {
        calls.push(calls.length);
        return tf.tile(inner.next(batchSize / 2), [2, 1]);
      },
      stateDict: () => inner.stateDict(),
      loadStateDict: (state: Parameters<typeof inner.loadStateDict>[0]) =>
        inner.loadStateDict(state),
    };
    const trainer = createTrainer(config, {
      configure: (container) => container.rebind(TOKENS.Dataset).toConstantValue(counting),
    });
    await trainer.run();
    assert.equal(calls.length, 4, 'one real batch per critic update');
  });

  it('clips every critic weight to [−c, c] after each critic update', async () => {
    const trainer = createTrainer(
      tinyGanConfig({
        steps: 3,
        weightClip: 0.01,
        optimizers: { critic: new GradientDescentOptimizer({ learningRate: 10 }) },
      }),
    );
    await trainer.run();
    for (const variable of trainer.critic.trainableVariables) {
      const values = Array.from(variable.dataSync());
      assert.ok(
        values.every((x) => Math.abs(x) <= 0.01 + 1e-7),
        `${variable.name} escaped the clip`,
      );
      assert.ok(
        values.some((x) => Math.abs(x) > 0.0099),
        `${variable.name} did not reach the bound`,
      );
    }
  });

  it('reports the gradients’ global norm when gradient clipping is on', async () => {
    const trainer = createTrainer(tinyGanConfig({ steps: 1, nCritic: 1, gradientClipNorm: 1e-3 }));
    const norms: Array<number | undefined> = [];
    trainer.events$.subscribe((e) => {
      if (e.kind === 'critic-step') norms.push(e.metrics['gradient_norm/critic']);
      if (e.kind === 'generator-step') norms.push(e.metrics['gradient_norm/generator']);
    });
    await trainer.run();
    assert.equal(norms.length, 2);
    assert.ok(norms.every((n) => n !== undefined && n > 0));
  });

  it('keeps a moving average of the generator weights when emaDecay is set', async () => {
    const container = createTrainerContainer(tinyGanConfig({ steps: 2, emaDecay: 0.5 }));
    const average = container.get<{ average(v: tf.Variable): tf.Tensor | null }>(
      TOKENS.GeneratorAverage,
    );
    const trainer = container.get<{
      run(): Promise<unknown>;
      generator: { trainableVariables: readonly tf.Variable[] };
    }>(TOKENS.Trainer);
    await trainer.run();
    const weight = trainer.generator.trainableVariables[0];
    assert.ok(weight !== undefined);
    const shadow = average.average(weight);
    assert.ok(shadow !== null, 'the generator weight has a shadow');
    assert.notDeepEqual(Array.from(shadow.dataSync()), Array.from(weight.dataSync()));
  });

  it('trains on the wasm backend too', async () => {
    const config = tinyGanConfig({ backend: 'wasm', steps: 2, nCritic: 2 });
    try {
      const result = await createTrainer(config).run();
      assert.equal(tf.getBackend(), 'wasm');
      assert.deepEqual(result.steps, { critic: 4, generator: 2 });
    } finally {
      await initBackend({ backend: 'cpu', logger: silentLogger });
    }
  });
});
