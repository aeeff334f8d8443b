import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import sharp from 'sharp';
import { sample, type SampleOptions } from '../../../src/cli/commands/sample.js';
import { initBackend } from '../../../src/core/backend/init-backend.js';
import { silentLogger } from '../../../src/core/logger.js';
import { gantry } from '../cli-run.js';
import { saveRun } from './saved-run.js';

describe('gantry sample', () => {
  let folder: string;
  let points: string;
  let digits: string;
  const run = (options: Partial<SampleOptions> & { out: string }) =>
    sample({ logdir: points, n: 5, ema: true, seed: 0, ...options }, silentLogger);
  const json = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as number[][];

  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    folder = await mkdtemp(join(tmpdir(), 'gantry-sample-'));
    points = join(folder, 'ring8');
    digits = join(folder, 'mnist');
    await saveRun({
      options: {
        logdir: points,
        dataset: 'ring8',
        loss: 'wgan',
        width: 8,
        depth: 2,
        backend: 'cpu',
      },
      sampleShape: [2],
      steps: { critic: 15, generator: 3 },
      zeroShadows: true,
    });
    await saveRun({
      options: {
        logdir: digits,
        dataset: 'mnist',
        loss: 'wgan',
        noiseSize: 4,
        baseFilters: 2,
        backend: 'cpu',
      },
      sampleShape: [28, 28, 1],
      steps: { critic: 5, generator: 1 },
    });
  });

  it('writes .json as one array per sample, from the moving averages by default', async () => {
    const out = join(folder, 'ema.json');
    await run({ out });
    const samples = await json(out);
    assert.equal(samples.length, 5);
    for (const point of samples) assert.deepEqual(point, [0, 0], 'zero shadows give zero samples');
  });

  it('uses the raw weights with --no-ema', async () => {
    const out = join(folder, 'raw.json');
    await run({ out, ema: false });
    const samples = await json(out);
    assert.equal(samples.length, 5);
    assert.ok(samples.flat().some((value) => value !== 0));
  });

  it('writes .npy as a float32 [N, 2] array', async () => {
    const out = join(folder, 'points.npy');
    await run({ out, n: 7, ema: false });
    const bytes = await readFile(out);
    const headerLength = bytes.readUInt16LE(8);
    const header = bytes.subarray(10, 10 + headerLength).toString('latin1');
    assert.match(header, /'descr': '<f4'.*'shape': \(7, 2\)/);
    assert.equal(bytes.length, 10 + headerLength + 7 * 2 * 4);
  });

  it('draws the same samples for the same --seed and others for another', async () => {
    const [a, b, c] = ['a.json', 'b.json', 'c.json'].map((name) => join(folder, name));
    await run({ out: a!, ema: false, seed: 3 });
    await run({ out: b!, ema: false, seed: 3 });
    await run({ out: c!, ema: false, seed: 4 });
    assert.deepEqual(await json(a!), await json(b!));
    assert.notDeepEqual(await json(a!), await json(c!));
  });

  it('writes a PNG grid of the generated images (6 digits: 3 columns, 2 rows, 2px padding)', async () => {
    const out = join(folder, 'digits.png');
    const { status, stderr } = gantry('sample', '--logdir', digits, '--n', '6', '--out', out);
    assert.equal(status, 0, stderr);
    const { width, height, format } = await sharp(out).metadata();
    assert.deepEqual([format, width, height], ['png', 3 * 28 + 4 * 2, 2 * 28 + 3 * 2]);
  });

  it('refuses a PNG of 2-D points and an unknown extension before writing', async () => {
    const png = join(folder, 'points.png');
    await assert.rejects(
      run({ out: png }),
      /a PNG grid needs image samples.*write \.npy or \.json/,
    );
    await assert.rejects(run({ out: join(folder, 'x.csv') }), /must end in \.png, \.npy, \.json/);
    assert.equal(existsSync(png), false);
  });

  it('says how to get a checkpoint when the logdir has none', async () => {
    await assert.rejects(
      sample(
        { logdir: folder, n: 1, ema: true, seed: 0, out: join(folder, 'none.json') },
        silentLogger,
      ),
      /has no checkpoint yet .*train with gantry train --logdir/,
    );
  });
});
