import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger, type Logger } from '../../../src/core/logger.js';
import {
  assessModeCoverage,
  createDataset,
  DatasetError,
  grid25,
  loadMnistDigits,
  mnist,
  ring8,
} from '../../../src/gan/data/index.js';

function take(dataset: { next(b: number): tf.Tensor }, batchSize: number): number[][] {
  const batch = dataset.next(batchSize);
  const rows = batch.reshape([batchSize, -1]).arraySync() as number[][];
  batch.dispose();
  return rows;
}

describe('datasets', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('ring8 draws every point within 3 std of one of 8 unit-circle modes, all modes used', () => {
    const dataset = ring8(1);
    const points = take(dataset, 4000);
    const coverage = assessModeCoverage(points, dataset.means, dataset.std);
    assert.equal(coverage.modeCount, 8);
    assert.equal(coverage.modesCovered, 8);
    // In 2-D, P(|x − μ| ≤ 3σ) = 1 − e^(−9/2) ≈ 0.989 for the data itself.
    assert.ok(
      Math.abs(coverage.highQualityFraction - 0.989) < 0.006,
      `${coverage.highQualityFraction}`,
    );
    assert.ok(coverage.minModeFraction > 0.08);
    assert.ok(dataset.means.every(([x, y]) => Math.abs(Math.hypot(x!, y!) - 1) < 1e-12));
  });

  it('grid25 places its modes at {-4,-2,0,2,4}² with std 0.05', () => {
    const dataset = grid25(1);
    assert.equal(dataset.means.length, 25);
    assert.deepEqual(dataset.means[0], [-4, -4]);
    assert.deepEqual(dataset.means[24], [4, 4]);
    assert.equal(dataset.std, 0.05);
    const coverage = assessModeCoverage(take(dataset, 5000), dataset.means, dataset.std);
    assert.equal(coverage.modesCovered, 25);
  });

  it('continues a toy stream exactly after a state round trip', () => {
    const dataset = grid25(5);
    take(dataset, 10);
    const state = JSON.parse(JSON.stringify(dataset.stateDict()));
    const expected = take(dataset, 7);
    const resumed = grid25(99);
    resumed.loadStateDict(state);
    assert.deepEqual(take(resumed, 7), expected);
  });

  it('loads the 10,000 labelled digits of the mnist package in [-1, 1]', () => {
    const digits = loadMnistDigits();
    assert.equal(digits.count, 10000);
    assert.equal(digits.images.length, 10000 * 784);
    assert.equal(new Set(digits.labels).size, 10);
    let min = Infinity;
    let max = -Infinity;
    for (const v of digits.images) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    assert.equal(min, -1);
    assert.ok(max > 0.9 && max <= 1);
  });

  it('yields mnist batches of [B, 28, 28, 1] and restores its shuffled position', () => {
    const dataset = mnist(3);
    const first = dataset.next(4);
    assert.deepEqual(first.shape, [4, 28, 28, 1]);
    first.dispose();
    const state = JSON.parse(JSON.stringify(dataset.stateDict()));
    const expected = take(dataset, 3);
    const resumed = mnist(3);
    resumed.loadStateDict(state);
    assert.deepEqual(take(resumed, 3), expected);
  });

  it('visits every sample once per epoch, in a new order each epoch', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-epoch-'));
    for (let i = 0; i < 6; i++) {
      const pixel = Buffer.alloc(4 * 4 * 3, i * 40);
      await sharp(pixel, { raw: { width: 4, height: 4, channels: 3 } })
        .png()
        .toFile(join(folder, `${i}.png`));
    }
    const dataset = await createDataset(folder, { seed: 1, logger: silentLogger, imageSize: 4 });
    const firstPixel = (rows: number[][]) =>
      rows.map((row) => Math.round(((row[0]! + 1) * 127.5) / 40));
    const epoch1 = firstPixel(take(dataset, 6));
    const epoch2 = firstPixel(take(dataset, 6));
    assert.deepEqual([...epoch1].sort(), [0, 1, 2, 3, 4, 5]);
    assert.deepEqual([...epoch2].sort(), [0, 1, 2, 3, 4, 5]);
    assert.notDeepEqual(epoch1, epoch2);
  });

  it('decodes an image folder to the model size, skipping unreadable files by name', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-images-'));
    await mkdir(join(folder, 'class-a'));
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#ff0000' } })
      .png()
      .toFile(join(folder, 'class-a', 'red.png'));
    await sharp({ create: { width: 20, height: 20, channels: 4, background: '#0000ff80' } })
      .jpeg()
      .toFile(join(folder, 'blue.jpg'));
    await writeFile(join(folder, 'broken.png'), 'not a png');
    const warnings: string[] = [];
    const logger: Logger = { info: () => undefined, warn: (m) => warnings.push(m) };
    const dataset = await createDataset(folder, { seed: 1, logger, imageSize: 8, channels: 3 });
    assert.equal(dataset.size, 2);
    assert.deepEqual(dataset.sampleShape, [8, 8, 3]);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0]!, /skipped 1 unreadable file\(s\): .*broken\.png/);
    const batch = dataset.next(2);
    const [min, max] = [batch.min().dataSync()[0]!, batch.max().dataSync()[0]!];
    assert.ok(min >= -1 && max <= 1 && max > 0.9);
    tf.dispose(batch);
  });

  it('rejects a missing folder and an empty folder by name', async () => {
    await assert.rejects(
      createDataset('/nonexistent/gantry-images', { seed: 1, logger: silentLogger }),
      (error) => error instanceof DatasetError && /nonexistent\/gantry-images/.test(error.message),
    );
    const empty = await mkdtemp(join(tmpdir(), 'gantry-empty-'));
    await assert.rejects(
      createDataset(empty, { seed: 1, logger: silentLogger }),
      new RegExp(`${empty}: no images found`),
    );
  });

  it('reads MNIST IDX image files, gzipped or not, and refuses a label file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-idx-'));
    const header = Buffer.from([0, 0, 8, 3, 0, 0, 0, 2, 0, 0, 0, 2, 0, 0, 0, 3]);
    const pixels = Buffer.from([0, 255, 0, 255, 0, 255, 10, 20, 30, 40, 50, 60]);
    await writeFile(
      join(folder, 'images-idx3-ubyte.gz'),
      gzipSync(Buffer.concat([header, pixels])),
    );
    const dataset = await createDataset(join(folder, 'images-idx3-ubyte.gz'), {
      seed: 1,
      logger: silentLogger,
    });
    assert.deepEqual(dataset.sampleShape, [2, 3, 1]);
    assert.equal(dataset.size, 2);
    await writeFile(join(folder, 'labels-idx1-ubyte'), Buffer.from([0, 0, 8, 1, 0, 0, 0, 1, 7]));
    await assert.rejects(
      createDataset(join(folder, 'labels-idx1-ubyte'), { seed: 1, logger: silentLogger }),
      /1 dimension\(s\).*label file/,
    );
  });

  it('scores mode coverage by the VEEGAN/PacGAN protocol', () => {
    const means = [
      [0, 0],
      [10, 0],
    ];
    const points = [
      [0.01, 0],
      [0.02, 0.01],
      [5, 5],
      [10, 0.05],
    ];
    const coverage = assessModeCoverage(points, means, 0.1);
    assert.deepEqual(coverage.samplesPerMode, [2, 1]);
    assert.equal(coverage.modesCovered, 2);
    assert.equal(coverage.highQualityFraction, 3 / 4);
    assert.equal(coverage.minModeFraction, 1 / 4);
    // q = (2/3, 1/3) against the uniform (1/2, 1/2).
    const expected = (2 / 3) * Math.log(4 / 3) + (1 / 3) * Math.log(2 / 3);
    assert.ok(Math.abs(coverage.reverseKl - expected) < 1e-15, `${coverage.reverseKl}`);
  });

  it('gives a reverse KL of 0 for equal modes and ln(modes) for a collapse or no good sample', () => {
    const means = [
      [0, 0],
      [10, 0],
    ];
    assert.equal(
      assessModeCoverage(
        [
          [0, 0],
          [10, 0],
        ],
        means,
        0.1,
      ).reverseKl,
      0,
    );
    assert.equal(
      assessModeCoverage(
        [
          [0, 0],
          [0, 0],
        ],
        means,
        0.1,
      ).reverseKl,
      Math.log(2),
    );
    assert.equal(assessModeCoverage([[5, 5]], means, 0.1).reverseKl, Math.log(2));
  });
});
