import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import {
  GradientDescentOptimizer,
  ImageGridHook,
  TOKENS,
  createTrainer,
  createTrainerContainer,
  imageGridToPng,
  initBackend,
  silentLogger,
  tf,
  type ExponentialMovingAverage,
  type GanModel,
  type GanTrainer,
} from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';
import { readRun } from './summary-points.js';
import { temporaryLogdir, tinyImageGanConfig } from './tiny-image-gan.js';

describe('ImageGridHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('writes samples/step-NNNNNN.png and the same PNG as the samples image summary', async () => {
    const logdir = await temporaryLogdir();
    const hook = new ImageGridHook({ everyNSteps: 2, samples: 6, columns: 3, padding: 2 });
    const result = await createTrainer(
      tinyImageGanConfig({ logdir, nCritic: 1, steps: 4, hooks: [hook] }),
    ).run();
    assert.equal(result.reason, 'last-step', result.error?.message);
    // Nothing else, temporary files included, is left in the folder.
    const files = (await readdir(join(logdir, 'samples'))).sort();
    assert.deepEqual(files, ['step-000002.png', 'step-000004.png']);
    const run = await readRun(logdir);
    const points = run.tags.get('samples') ?? [];
    assert.deepEqual(
      points.map((p) => p.step),
      [2, 4],
    );
    for (const [i, file] of files.entries()) {
      const png = await readFile(join(logdir, 'samples', file));
      // 3 columns × 2 rows of 4×4 cells with 2 pixels between and around them.
      const { width, height, channels } = await sharp(png).metadata();
      assert.deepEqual([width, height, channels], [20, 14, 1]);
      const [w, h, summaryPng] = points[i]!.tensor.stringVal ?? [];
      const text = new TextDecoder();
      assert.deepEqual([text.decode(w), text.decode(h)], ['20', '14']);
      assert.ok(summaryPng !== undefined && Buffer.from(summaryPng).equals(png));
    }
  });

  it('draws the same latent batch every time (a frozen generator gives identical grids)', async () => {
    const logdir = await temporaryLogdir();
    const frozen = new GradientDescentOptimizer({ learningRate: 0 });
    const config = tinyImageGanConfig({
      logdir,
      nCritic: 1,
      steps: 4,
      optimizers: { generator: frozen },
      hooks: [new ImageGridHook({ everyNSteps: 2, samples: 4, seed: 7 })],
    });
    await createTrainer(config).run();
    const [first, second] = await Promise.all(
      ['step-000002.png', 'step-000004.png'].map((f) => readFile(join(logdir, 'samples', f))),
    );
    assert.ok(first!.equals(second!));
    // The pixels vary across the batch, so equal grids are not a blank image's.
    const { data } = await sharp(first).raw().toBuffer({ resolveWithObject: true });
    assert.ok(new Set(data).size > 2);
  });

  for (const weights of ['average', 'trained'] as const) {
    it(`draws with the ${weights} weights of a run that keeps a moving average`, async () => {
      const logdir = await temporaryLogdir();
      const hook = new ImageGridHook({ everyNSteps: 3, samples: 5, seed: 9, weights });
      const config = tinyImageGanConfig({
        logdir,
        nCritic: 1,
        steps: 3,
        emaDecay: 0.5,
        optimizers: { generator: new GradientDescentOptimizer({ learningRate: 0.5 }) },
        hooks: [hook],
      });
      const container = createTrainerContainer(config);
      await container.get<GanTrainer>(TOKENS.Trainer).run();
      const [kernel] = (config.generator as GanModel).trainableVariables;
      const shadow = container
        .get<ExponentialMovingAverage>(TOKENS.GeneratorAverage)
        .average(kernel!);
      // The shadow really differs from the trained kernel, so the two settings draw differently.
      assert.ok(tf.any(tf.notEqual(shadow!, kernel!)).dataSync()[0]);
      const z = tf.randomNormal([5, 2], 0, 1, 'float32', 9);
      const used = weights === 'average' ? shadow! : kernel!;
      const images = tf.tidy(
        () => tf.tanh(tf.matMul(z, used)).reshape([5, 4, 4, 1]) as tf.Tensor4D,
      );
      const expected = await imageGridToPng(images, { range: [-1, 1] });
      tf.dispose([z, images]);
      const png = await readFile(join(logdir, 'samples', 'step-000003.png'));
      assert.ok(png.equals(expected));
    });
  }

  it('reshapes a flat generator output with imageShape', async () => {
    const logdir = await temporaryLogdir();
    const hook = new ImageGridHook({ everyNSteps: 1, samples: 4, imageShape: [2, 1, 1] });
    const result = await createTrainer(
      tinyGanConfig({ logdir, nCritic: 1, steps: 1, hooks: [hook] }),
    ).run();
    assert.equal(result.reason, 'last-step', result.error?.message);
    const png = await readFile(join(logdir, 'samples', 'step-000001.png'));
    const { width, height } = await sharp(png).metadata();
    // 2 × 2 cells of 1 wide, 2 high, padding 2.
    assert.deepEqual([width, height], [2 * 1 + 3 * 2, 2 * 2 + 3 * 2]);
  });

  it('ends the run with an error naming it when the output is not images', async () => {
    const logdir = await temporaryLogdir();
    const hook = new ImageGridHook({ everyNSteps: 1 });
    const result = await createTrainer(
      tinyGanConfig({ logdir, nCritic: 1, steps: 3, hooks: [hook] }),
    ).run();
    assert.equal(result.reason, 'error');
    assert.match(result.error?.message ?? '', /ImageGridHook.*\[64, 2\].*imageShape/);
    assert.deepEqual(result.steps, { critic: 1, generator: 1 });
  });

  it('refuses a sample count that is not a positive integer', () => {
    assert.throws(() => new ImageGridHook({ samples: 0 }), /samples/);
    assert.throws(() => new ImageGridHook({ everyNSteps: -1 }), /everyNSteps/);
  });
});
