import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { imageGridPixels, imageGridToPng } from '../../../src/core/summary/image-grid.js';

describe('image grid', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
  });

  it('tiles N images row by row with padding between and around the cells', async () => {
    // Five 2x3 grey images, image n filled with n / 4, three columns, padding 1.
    const batch = tf.tidy(() => tf.range(0, 5).div(4).reshape([5, 1, 1, 1]).tile([1, 2, 3, 1]));
    const grid = await imageGridPixels(batch as tf.Tensor4D, { columns: 3, padding: 1 });
    assert.equal(grid.width, 3 * 3 + 4);
    assert.equal(grid.height, 2 * 2 + 3);
    assert.equal(grid.channels, 1);
    const at = (x: number, y: number): number => grid.data[y * grid.width + x];
    assert.equal(at(0, 0), 0, 'padding');
    assert.equal(at(1 + 4, 1), Math.round(255 / 4), 'image 1 in row 0, column 1');
    assert.equal(at(1 + 2 * 4 + 2, 2), Math.round(255 / 2), 'image 2, last pixel of its cell');
    assert.equal(at(1 + 4, 1 + 3 + 1), 255, 'image 4 in row 1, column 1');
    assert.equal(at(1 + 2 * 4, 1 + 3), 0, 'the empty cell after the last image stays padding');
    batch.dispose();
  });

  it('encodes the grid as a PNG of the computed size, RGB in [-1, 1]', async () => {
    const batch = tf.randomUniform([6, 5, 4, 3], -1, 1) as tf.Tensor4D;
    const png = await imageGridToPng(batch, { columns: 4, range: [-1, 1] });
    const meta = await sharp(png).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.width, 4 * 4 + 5 * 2);
    assert.equal(meta.height, 2 * 5 + 3 * 2);
    assert.equal(meta.channels, 3);
    batch.dispose();
  });

  it('defaults to ceil(sqrt(N)) columns', async () => {
    const batch = tf.zeros([5, 2, 2, 1]) as tf.Tensor4D;
    const grid = await imageGridPixels(batch, { padding: 0 });
    assert.deepEqual([grid.width, grid.height], [3 * 2, 2 * 2]);
    batch.dispose();
  });

  it('refuses a batch that is not [N, H, W, C] and options out of range', async () => {
    const image = tf.zeros([2, 2, 1]) as unknown as tf.Tensor4D;
    await assert.rejects(imageGridPixels(image), /expected a \[N, H, W, C\] batch/);
    const batch = tf.zeros([2, 2, 2, 1]) as tf.Tensor4D;
    await assert.rejects(imageGridPixels(batch, { columns: 0 }), /columns must be a positive/);
    await assert.rejects(imageGridPixels(batch, { padValue: 2 }), /padValue must lie in/);
    tf.dispose([image, batch]);
  });
});
