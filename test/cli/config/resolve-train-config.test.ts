import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveTrainConfig } from '../../../src/cli/config/resolve-train-config.js';
import { presetFor } from '../../../src/gan/presets/preset-for.js';

describe('resolveTrainConfig', () => {
  it("fills every option from the dataset's preset", () => {
    const preset = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
    const config = resolveTrainConfig({ flags: { logdir: 'runs/g', dataset: 'grid25' } });
    assert.equal(config.loss, 'wgan-gp');
    assert.equal(config.model, 'mlp');
    assert.equal(config.steps, preset.steps);
    assert.equal(config.nCritic, preset.nCritic);
    assert.equal(config.batchSize, preset.batchSize);
    assert.equal(config.lrD, preset.optimizers.critic.learningRate);
    assert.equal(config.gpWeight, preset.gradientPenaltyWeight);
    assert.equal(config.ema, preset.emaDecay);
    const adam = preset.optimizers.critic;
    assert.equal(config.beta1, adam.kind === 'adam' ? adam.beta1 : undefined);
  });

  it('trains on the auto backend with compiled updates, the 2-D toys on one TensorFlow thread', () => {
    const flags = { logdir: 'r' };
    const grid = resolveTrainConfig({ flags: { ...flags, dataset: 'grid25' } });
    const mnist = resolveTrainConfig({ flags: { ...flags, dataset: 'mnist' } });
    assert.deepEqual([grid.backend, grid.execution, grid.threads], ['auto', 'auto', 1]);
    assert.deepEqual([mnist.backend, mnist.execution, mnist.threads], ['auto', 'auto', 0]);
    const chosen = { ...flags, dataset: 'grid25', backend: 'wasm' as const, threads: 2 };
    const config = resolveTrainConfig({ flags: { ...chosen, execution: 'eager' } });
    assert.deepEqual([config.backend, config.execution, config.threads], ['wasm', 'eager', 2]);
  });

  it("takes the mnist WGAN preset (the paper's RMSProp and clipping at 5e-4 and n_critic 2) with --loss wgan", () => {
    const config = resolveTrainConfig({ flags: { logdir: 'r', dataset: 'mnist', loss: 'wgan' } });
    assert.deepEqual(
      [
        config.model,
        config.optimizer,
        config.lrD,
        config.weightClip,
        config.nCritic,
        config.batchSize,
      ],
      ['dcgan', 'rmsprop', 5e-4, 0.01, 2, 64],
    );
    assert.deepEqual([config.imageSize, config.channels], [28, 1]);
  });

  it('lets flags override the file, the file the resumed run, and that the preset', () => {
    const config = resolveTrainConfig({
      previous: { logdir: 'r', dataset: 'ring8', steps: 100, nCritic: 3, batchSize: 32 },
      file: { nCritic: 4, batchSize: 16 },
      flags: { steps: 200, batchSize: undefined },
    });
    assert.deepEqual(
      [config.dataset, config.steps, config.nCritic, config.batchSize],
      ['ring8', 200, 4, 16],
    );
  });

  it('gives the losses without a preset one critic step and the DCGAN optimizer', () => {
    const config = resolveTrainConfig({ flags: { logdir: 'r', dataset: 'ring8', loss: 'hinge' } });
    assert.deepEqual(
      [config.nCritic, config.optimizer, config.lrG, config.beta1, config.weightClip],
      [1, 'adam', 2e-4, 0.5, 0],
    );
  });

  it('requires a logdir and a model that fits the data', () => {
    assert.throws(() => resolveTrainConfig({ flags: { dataset: 'ring8' } }), /needs --logdir DIR/);
    assert.throws(
      () => resolveTrainConfig({ flags: { logdir: 'r', dataset: 'mnist', model: 'mlp' } }),
      /model mlp does not fit dataset mnist/,
    );
  });
});
