import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import {
  AdamOptimizer,
  optimizerCatalog,
  RMSPropOptimizer,
} from '../../../src/core/optim/index.js';
import {
  datasetCatalog,
  linearDecayToZero,
  lossCatalog,
  modelCatalog,
  parseTrainerSettings,
  PRESET_DATASETS,
  PRESET_LOSSES,
  PresetError,
  presetDatasetKind,
  presetFor,
  presetLoss,
  presetModels,
  presetOptimizers,
  presetSettings,
  trainingPresetSchema,
  type TrainingPreset,
} from '../../../src/gan/index.js';

const everyPreset = (): TrainingPreset[] =>
  PRESET_DATASETS.flatMap((dataset) => PRESET_LOSSES.map((loss) => presetFor({ dataset, loss })));

describe('presetFor', () => {
  it('has a valid preset for every dataset and loss', () => {
    for (const preset of everyPreset()) {
      assert.doesNotThrow(
        () => trainingPresetSchema.parse(preset),
        `${preset.dataset}/${preset.loss}`,
      );
      assert.doesNotThrow(() => parseTrainerSettings(presetSettings(preset)));
    }
  });

  it('pairs wgan with weight clipping and wgan-gp with a gradient penalty', () => {
    for (const preset of everyPreset()) {
      if (preset.loss === 'wgan') {
        assert.ok(preset.weightClip !== undefined && preset.gradientPenaltyWeight === undefined);
      } else {
        assert.ok(preset.gradientPenaltyWeight !== undefined && preset.weightClip === undefined);
      }
    }
  });

  it('uses an MLP for the 2-D toys and a DCGAN sized to the data for images', () => {
    assert.equal(presetFor({ dataset: 'grid25', loss: 'wgan-gp' }).model.kind, 'mlp');
    assert.equal(presetFor({ dataset: 'ring8', loss: 'wgan' }).model.kind, 'mlp');
    const mnist = presetFor({ dataset: 'mnist', loss: 'wgan-gp' }).model;
    assert.deepEqual([mnist.kind, mnist.kind === 'dcgan' && mnist.imageSize], ['dcgan', 28]);
    const images = presetFor({ dataset: 'images', loss: 'wgan' }).model;
    assert.deepEqual([images.kind, images.kind === 'dcgan' && images.imageSize], ['dcgan', 64]);
  });

  it('returns a fresh copy each time, so a caller may change it', () => {
    const first = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
    const steps = first.steps;
    first.steps = 1;
    first.optimizers.critic.learningRate = 123;
    const second = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
    assert.equal(second.steps, steps);
    assert.notEqual(second.optimizers.critic.learningRate, 123);
  });

  it('names the argument when the dataset, loss or model is unknown', () => {
    assert.throws(
      () => presetFor({ dataset: 'cifar', loss: 'wgan' }),
      (error: unknown) => {
        return (
          error instanceof PresetError &&
          /dataset "cifar".*ring8, grid25, mnist, images/.test(error.message)
        );
      },
    );
    assert.throws(() => presetFor({ dataset: 'mnist', loss: 'hinge' }), /unknown loss "hinge"/);
    assert.throws(
      () => presetFor({ dataset: 'mnist', loss: 'wgan', model: 'resnet' }),
      /unknown model "resnet"/,
    );
  });

  it('rejects a model that does not fit the dataset, saying which one does', () => {
    assert.throws(
      () => presetFor({ dataset: 'mnist', loss: 'wgan-gp', model: 'mlp' }),
      (error: unknown) =>
        error instanceof PresetError &&
        /model mlp does not fit dataset mnist; use --model dcgan/.test(error.message),
    );
    assert.equal(presetFor({ dataset: 'grid25', loss: 'wgan', model: 'mlp' }).model.kind, 'mlp');
  });

  it('maps built-in dataset names to themselves and any path to images', () => {
    assert.equal(presetDatasetKind('grid25'), 'grid25');
    assert.equal(presetDatasetKind('mnist'), 'mnist');
    assert.equal(presetDatasetKind('data/celeba'), 'images');
    assert.equal(presetDatasetKind('train-images-idx3-ubyte'), 'images');
  });
});

describe('presets and the catalogs', () => {
  it('names only catalog entries, with options their entries accept', () => {
    assert.deepEqual(PRESET_DATASETS, datasetCatalog.names);
    for (const preset of everyPreset()) {
      const where = `${preset.dataset}/${preset.loss}`;
      const { kind, ...modelOptions } = preset.model;
      assert.doesNotThrow(() => modelCatalog.parseOptions(kind, modelOptions), where);
      const penalty = preset.gradientPenaltyWeight;
      const lossOptions = penalty === undefined ? {} : { gpWeight: penalty };
      assert.doesNotThrow(() => lossCatalog.parseOptions(preset.loss, lossOptions), where);
      for (const optimizer of [preset.optimizers.critic, preset.optimizers.generator]) {
        const options =
          optimizer.kind === 'adam' ? { beta1: optimizer.beta1, beta2: optimizer.beta2 } : {};
        assert.doesNotThrow(() => optimizerCatalog.parseOptions(optimizer.kind, options), where);
      }
    }
  });
});

describe('trainingPresetSchema', () => {
  const base = (): TrainingPreset => presetFor({ dataset: 'mnist', loss: 'wgan-gp' });

  it('rejects wgan-gp without a penalty weight, or with a weight clip', () => {
    const noPenalty: Partial<TrainingPreset> = base();
    delete noPenalty.gradientPenaltyWeight;
    assert.throws(
      () => trainingPresetSchema.parse(noPenalty),
      /wgan-gp needs gradientPenaltyWeight/,
    );
    assert.throws(
      () => trainingPresetSchema.parse({ ...base(), weightClip: 0.01 }),
      /no weightClip/,
    );
  });

  it('rejects wgan without a weight clip', () => {
    assert.throws(
      () => trainingPresetSchema.parse({ ...base(), loss: 'wgan' }),
      /wgan needs weightClip/,
    );
  });

  it('rejects unknown keys and out-of-range numbers', () => {
    assert.throws(() => trainingPresetSchema.parse({ ...base(), lambda: 10 }));
    assert.throws(() => trainingPresetSchema.parse({ ...base(), emaDecay: 1 }));
    assert.throws(() => trainingPresetSchema.parse({ ...base(), nCritic: 0 }));
    const badAdam = { ...base().optimizers.critic, beta2: 1 };
    assert.throws(() =>
      trainingPresetSchema.parse({
        ...base(),
        optimizers: { critic: badAdam, generator: badAdam },
      }),
    );
  });
});

describe('linearDecayToZero', () => {
  it('holds the rate until the start, then falls linearly to zero at the last step', () => {
    const schedule = linearDecayToZero(0.1, 0.6, 1000);
    assert.equal(schedule(0), 0.1);
    assert.equal(schedule(600), 0.1);
    assert.ok(Math.abs(schedule(800) - 0.05) < 1e-12);
    assert.equal(schedule(1000), 0);
    assert.equal(schedule(1200), 0);
  });
});

describe('building a preset', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("builds the two optimizers with TensorFlow 1's names and the preset's hyperparameters", () => {
    const preset = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
    const { critic, generator } = presetOptimizers(preset);
    assert.ok(critic instanceof AdamOptimizer && generator instanceof AdamOptimizer);
    assert.deepEqual([critic.name, generator.name], ['Adam', 'Adam_1']);
    const adam = preset.optimizers.critic;
    assert.ok(adam.kind === 'adam');
    assert.deepEqual([critic.beta1, critic.beta2], [adam.beta1, adam.beta2]);
    assert.equal(critic.currentLearningRate(), adam.learningRate);
    const wgan = presetOptimizers(presetFor({ dataset: 'mnist', loss: 'wgan' }));
    assert.ok(
      wgan.critic instanceof RMSPropOptimizer && wgan.generator instanceof RMSPropOptimizer,
    );
    assert.deepEqual([wgan.critic.name, wgan.generator.name], ['RMSProp', 'RMSProp_1']);
  });

  it('decays the critic over critic steps and the generator over generator steps', () => {
    const preset: TrainingPreset = {
      ...presetFor({ dataset: 'grid25', loss: 'wgan-gp' }),
      steps: 100,
      nCritic: 5,
      learningRateDecayStart: 0.5,
    };
    const { critic, generator } = presetOptimizers(preset);
    critic.iterations.assign(500);
    generator.iterations.assign(100);
    assert.equal(critic.currentLearningRate(), 0);
    assert.equal(generator.currentLearningRate(), 0);
    critic.iterations.assign(375);
    generator.iterations.assign(75);
    assert.ok(
      Math.abs(critic.currentLearningRate() - preset.optimizers.critic.learningRate / 2) < 1e-12,
    );
    assert.ok(
      Math.abs(generator.currentLearningRate() - preset.optimizers.generator.learningRate / 2) <
        1e-12,
    );
  });

  it('builds the loss the preset names, with its penalty weight', () => {
    assert.equal(presetLoss(presetFor({ dataset: 'mnist', loss: 'wgan' })).name, 'wasserstein');
    const gp = presetLoss(presetFor({ dataset: 'grid25', loss: 'wgan-gp' }), 3);
    assert.equal(gp.name, 'wassersteinGradientPenalty');
  });

  it('builds models whose shapes match the preset', () => {
    const preset = presetFor({ dataset: 'grid25', loss: 'wgan-gp' });
    const { model } = preset;
    assert.ok(model.kind === 'mlp');
    const models = presetModels(preset);
    assert.equal(models.noiseSize, model.noiseSize);
    assert.deepEqual(models.sampleShape, [2]);
    const hidden = models.generator.layers.slice(0, -1).map((layer) => layer.outputShape);
    assert.deepEqual(hidden, new Array(model.depth).fill([null, model.width]));
    models.generator.dispose();
    models.critic.dispose();
  });

  it('passes latentDim, steps, nCritic, batch size, EMA and weight clip into the settings', () => {
    const wgan = presetFor({ dataset: 'mnist', loss: 'wgan' });
    const settings = parseTrainerSettings(presetSettings(wgan));
    assert.equal(settings.latentDim, wgan.model.noiseSize);
    assert.equal(settings.steps, wgan.steps);
    assert.equal(settings.nCritic, wgan.nCritic);
    assert.equal(settings.batchSize, wgan.batchSize);
    assert.equal(settings.weightClip, wgan.weightClip);
    assert.equal(settings.emaDecay, wgan.emaDecay);
  });
});
