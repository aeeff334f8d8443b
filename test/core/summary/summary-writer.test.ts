import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import sharp from 'sharp';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { SummaryWriter } from '../../../src/core/summary/summary-writer.js';
import { readEventsIndependently, type PlainEvent } from './independent-reader.js';

const DT_FLOAT = 1;
const DT_DOUBLE = 2;
const DT_STRING = 7;
const START = 1;

let root: string;
let runCount = 0;
const newRun = (): string => join(root, `run${(runCount += 1)}`);

function readRun(dir: string): PlainEvent[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const { events, records, tail } = readEventsIndependently(join(dir, name));
      assert.equal(tail, 0, `${name} ends with a complete record`);
      assert.ok(
        records.every((r) => r.lengthCrcOk && r.dataCrcOk),
        `${name}: every CRC matches`,
      );
      return events;
    });
}

const valuesOf = (events: PlainEvent[], tag: string) =>
  events.flatMap((e) => e.values.filter((v) => v.tag === tag).map((v) => ({ step: e.step, v })));

describe('SummaryWriter', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    root = mkdtempSync(join(tmpdir(), 'gantry-summary-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('starts a run with the file version and a START at step 0, in a TensorFlow-named file', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    await writer.close();
    const [name] = readdirSync(dir);
    assert.match(name, /^events\.out\.tfevents\.\d{10}\.[\w-]+\.000$/);
    const events = readRun(dir);
    assert.equal(events[0].fileVersion, 'brain.Event:2');
    assert.ok(Math.abs(events[0].wallTime - Date.now() / 1000) < 60, 'wall time in seconds');
    assert.deepEqual([events[1].sessionStatus, events[1].step], [START, 0]);
    assert.equal(events.length, 2);
  });

  it('writes scalars as rank-0 float32 tensors of the scalars plugin, NaN included', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const losses = [0.5, -1.25, 3.1, Number.NaN, 1e-8];
    losses.forEach((loss, step) => writer.scalar('loss/critic', loss, step * 10));
    writer.scalar('wasserstein', 2.5, 0);
    await writer.close();
    const written = valuesOf(readRun(dir), 'loss/critic');
    assert.deepEqual(
      written.map(({ step }) => step),
      [0, 10, 20, 30, 40],
    );
    written.forEach(({ v }, i) => {
      assert.equal(v.pluginName, 'scalars');
      assert.equal(v.dataClass, 1);
      assert.equal(v.tensor.dtype, DT_FLOAT);
      assert.deepEqual(v.tensor.shape, []);
      assert.deepEqual(v.tensor.floats, [Math.fround(losses[i])]);
    });
    assert.equal(valuesOf(readRun(dir), 'wasserstein').length, 1);
  });

  it('writes images as [width, height, png] strings whose PNG has that size', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const image = tf.randomUniform([6, 9, 3]) as tf.Tensor3D;
    await writer.image('sample', image, 1);
    const png = await sharp({
      create: { width: 4, height: 2, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 1 } },
    })
      .png()
      .toBuffer();
    await writer.image('sample', png, 2);
    await writer.close();
    image.dispose();
    const written = valuesOf(readRun(dir), 'sample');
    const expectedSizes = [
      [9, 6],
      [4, 2],
    ];
    for (const [i, { v }] of written.entries()) {
      assert.equal(v.pluginName, 'images');
      assert.equal(v.tensor.dtype, DT_STRING);
      assert.deepEqual(v.tensor.shape, [3]);
      const [width, height, bytes] = v.tensor.strings;
      const declared = [Number(Buffer.from(width)), Number(Buffer.from(height))];
      assert.deepEqual(declared, expectedSizes[i], 'width first, then height');
      const meta = await sharp(bytes).metadata();
      assert.deepEqual([meta.format, meta.width, meta.height], ['png', ...declared]);
    }
  });

  it('writes an image grid of a batch as one PNG of the grid size', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const batch = tf.randomUniform([10, 8, 8, 1], -1, 1) as tf.Tensor4D;
    await writer.imageGrid('samples', batch, 5, { columns: 5, range: [-1, 1] });
    await writer.close();
    batch.dispose();
    const [{ step, v }] = valuesOf(readRun(dir), 'samples');
    assert.equal(step, 5);
    const [width, height, bytes] = v.tensor.strings;
    const meta = await sharp(bytes).metadata();
    assert.deepEqual(
      [Number(Buffer.from(width)), Number(Buffer.from(height)), meta.width, meta.height],
      [5 * 8 + 6 * 2, 2 * 8 + 3 * 2, 5 * 8 + 6 * 2, 2 * 8 + 3 * 2],
    );
  });

  it('writes histograms as [k, 3] float64 tensors whose counts sum to the number of values', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const weights = tf.randomNormal([40, 25]);
    await writer.histogram('generator/dense/kernel', weights, 3, { buckets: 12 });
    await writer.histogram('generator/dense/kernel', [1, 2, 2, 3], 4);
    await writer.close();
    weights.dispose();
    const [first, second] = valuesOf(readRun(dir), 'generator/dense/kernel');
    assert.equal(first.v.pluginName, 'histograms');
    assert.equal(first.v.tensor.dtype, DT_DOUBLE);
    assert.deepEqual(first.v.tensor.shape, [12, 3]);
    const counts = (d: number[]) => d.filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0);
    assert.equal(counts(first.v.tensor.doubles), 1000);
    assert.deepEqual(second.v.tensor.shape, [30, 3]);
    assert.equal(counts(second.v.tensor.doubles), 4);
  });

  it('writes text as a UTF-8 string tensor of the text plugin', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const markdown = '# config\n\n| lr | β₁ |\n|---|---|\n| 1e-4 | 0.5 |';
    writer.text('config', markdown, 0);
    await writer.close();
    const [{ v }] = valuesOf(readRun(dir), 'config');
    assert.equal(v.pluginName, 'text');
    assert.equal(v.tensor.dtype, DT_STRING);
    assert.equal(Buffer.from(v.tensor.strings[0]).toString('utf8'), markdown);
  });

  it('refuses a step that does not increase per tag, and allows it on another tag', async () => {
    const writer = new SummaryWriter(newRun());
    writer.scalar('loss/generator', 1, 5);
    writer.scalar('loss/critic', 1, 5);
    assert.throws(() => writer.scalar('loss/generator', 2, 5), {
      name: 'SummaryError',
      message: /'loss\/generator' at step 5: the tag was last written at step 5/,
    });
    assert.throws(() => writer.scalar('loss/generator', 2, 1.5), /must be an integer/);
    assert.throws(() => writer.scalar('', 2, 9), /not a non-empty string/);
    assert.throws(() => writer.scalar('bad\uD800tag', 2, 9), /valid Unicode/);
    await writer.close();
  });

  it('allows one writer per run folder, and several runs side by side', async () => {
    const parent = join(root, 'side-by-side');
    const a = new SummaryWriter(join(parent, 'a'));
    const b = new SummaryWriter(join(parent, 'b'));
    assert.throws(() => new SummaryWriter(join(parent, 'a')), /already writes to/);
    a.scalar('loss', 1, 1);
    b.scalar('loss', 2, 1);
    await Promise.all([a.close(), b.close()]);
    assert.deepEqual(readdirSync(parent).sort(), ['a', 'b']);
    assert.deepEqual(
      ['a', 'b'].map((run) => valuesOf(readRun(join(parent, run)), 'loss')[0].v.tensor.floats[0]),
      [1, 2],
    );
    const reopened = new SummaryWriter(join(parent, 'a'));
    await reopened.close();
  });

  it('refuses a run folder whose name contains tfevents', () => {
    assert.throws(() => new SummaryWriter(join(root, 'my.tfevents.run')), /contains 'tfevents'/);
  });

  it('flushes by itself when maxQueue records are waiting', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir, { maxQueue: 3 });
    const size = () => statSync(writer.path).size;
    const initial = size();
    writer.scalar('a', 1, 1);
    writer.scalar('a', 1, 2);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(size(), initial, 'below maxQueue nothing is written');
    writer.scalar('a', 1, 3);
    await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(size() > initial, 'at maxQueue the records are written');
    await writer.close();
  });

  it('flushes every flushMillis in the background', async () => {
    const writer = new SummaryWriter(newRun(), { flushMillis: 20 });
    const initial = statSync(writer.path).size;
    writer.scalar('a', 1, 1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    assert.ok(statSync(writer.path).size > initial);
    await writer.close();
  });

  it('closes once however often close is called, and refuses writes after it', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    writer.scalar('a', 1, 1);
    await Promise.all([writer.close(), writer.close()]);
    await writer.close();
    assert.throws(() => writer.scalar('a', 1, 2), /is closed/);
    assert.equal(valuesOf(readRun(dir), 'a').length, 1);
  });

  it('keeps the order of calls in the file while images are still encoding', async () => {
    const dir = newRun();
    const writer = new SummaryWriter(dir);
    const batch = tf.randomUniform([16, 16, 16, 3]) as tf.Tensor4D;
    const grid = writer.imageGrid('grid', batch, 1);
    writer.scalar('after', 1, 1);
    await grid;
    await writer.close();
    batch.dispose();
    const tags = readRun(dir).flatMap((e) => e.values.map((v) => v.tag));
    assert.deepEqual(tags, ['grid', 'after']);
  });

  it('leaves no tensors behind while writing images and histograms', async () => {
    const writer = new SummaryWriter(newRun());
    const batch = tf.randomUniform([4, 8, 8, 3], -1, 1) as tf.Tensor4D;
    const image = tf.randomUniform([8, 8, 1]) as tf.Tensor3D;
    const before = tf.memory().numTensors;
    for (let step = 0; step < 20; step += 1) {
      await writer.imageGrid('grid', batch, step);
      await writer.image('image', image, step);
      await writer.histogram('weights', batch, step);
    }
    assert.equal(tf.memory().numTensors, before);
    await writer.close();
    tf.dispose([batch, image]);
  });
});
