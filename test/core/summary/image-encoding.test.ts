import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { imageToPng, pngSize } from '../../../src/core/summary/image-encoding.js';

/** Decodes a PNG to raw pixels with as many channels as the PNG stores. */
async function decode(
  png: Uint8Array,
): Promise<{ data: Buffer; width: number; height: number; channels: number }> {
  const { channels = 0 } = await sharp(png).metadata();
  const image = channels === 1 ? sharp(png).extractChannel(0) : sharp(png);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels };
}

describe('imageToPng', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
  });

  it('encodes a [H, W, 3] tensor in [0, 1] as an RGB PNG of that size', async () => {
    const image = tf.tensor3d([0, 0.5, 1, 1, 0, 0.25], [1, 2, 3]);
    const png = await imageToPng(image);
    const decoded = await decode(png);
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [2, 1, 3]);
    assert.deepEqual([...decoded.data], [0, 128, 255, 255, 0, 64]);
    image.dispose();
  });

  it('maps [-1, 1] to [0, 255] when told the range, and clips values outside it', async () => {
    const image = tf.tensor3d([-1, 0, 1, 2], [2, 2, 1]);
    const decoded = await decode(await imageToPng(image, { range: [-1, 1] }));
    assert.deepEqual([decoded.width, decoded.height, decoded.channels], [2, 2, 1]);
    assert.deepEqual([...decoded.data], [0, 128, 255, 255]);
    image.dispose();
  });

  it("takes [-1, 1] under 'auto' when a value is negative, else [0, 1]", async () => {
    const signed = tf.tensor3d([-1, 1], [1, 2, 1]);
    const unit = tf.tensor3d([0, 1], [1, 2, 1]);
    assert.deepEqual([...(await decode(await imageToPng(signed))).data], [0, 255]);
    assert.deepEqual([...(await decode(await imageToPng(unit))).data], [0, 255]);
    tf.dispose([signed, unit]);
  });

  it('leaves no tensors behind', async () => {
    const image = tf.randomUniform([4, 4, 3]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i += 1) await imageToPng(image);
    assert.equal(tf.memory().numTensors, before);
    image.dispose();
  });

  it('refuses a tensor that is not [H, W, C] with C 1, 3 or 4', async () => {
    const twoChannels = tf.zeros([2, 2, 2]) as tf.Tensor3D;
    await assert.rejects(imageToPng(twoChannels), /last dimension must be 1, 3 or 4/);
    const batch = tf.zeros([1, 2, 2, 3]) as unknown as tf.Tensor3D;
    await assert.rejects(imageToPng(batch), /expected a \[H, W, C\] tensor.*imageGrid/);
    tf.dispose([twoChannels, batch]);
  });
});

describe('pngSize', () => {
  it("reads width and height from a PNG's header", async () => {
    const png = await sharp({
      create: { width: 7, height: 3, channels: 3, background: { r: 1, g: 2, b: 3 } },
    })
      .png()
      .toBuffer();
    assert.deepEqual(pngSize(png), { width: 7, height: 3 });
  });

  it('refuses bytes that are not a PNG', () => {
    assert.throws(() => pngSize(Buffer.from('GIF89a and more bytes than a header')), {
      name: 'SummaryError',
      message: /not a PNG/,
    });
  });
});
