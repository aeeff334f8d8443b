import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { splitDigits } from '../../../scripts/digit-classifier/split.js';
import { evaluateRequest, type EvalOptions } from '../../../src/cli/commands/eval.js';
import type { EvalReport } from '../../../src/cli/eval/eval-report.js';
import { encodeNpy } from '../../../src/cli/sample/npy.js';
import { initBackend } from '../../../src/core/backend/init-backend.js';
import { silentLogger } from '../../../src/core/logger.js';
import { ring8 } from '../../../src/gan/data/index.js';
import { gantry } from '../cli-run.js';
import { saveRun } from './saved-run.js';

/** The float32 bytes of an `.npy` header for another dtype: what numpy.save writes for float64. */
function float64Npy(rows: number, columns: number): Buffer {
  const dict = `{'descr': '<f8', 'fortran_order': False, 'shape': (${rows}, ${columns}), }`;
  const padding = 64 - ((10 + dict.length + 1) % 64);
  const length = Buffer.alloc(2);
  length.writeUInt16LE(dict.length + padding + 1);
  const magic = Buffer.from([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0]);
  const header = Buffer.from(`${dict}${' '.repeat(padding)}\n`, 'latin1');
  return Buffer.concat([magic, length, header, Buffer.alloc(rows * columns * 8)]);
}

describe('gantry eval', () => {
  let folder: string;
  let cache: string;
  let points: string;
  let digits: string;
  const previousCache = process.env['GANTRY_CACHE'];
  const evaluate = (options: Partial<EvalOptions>): Promise<EvalReport> =>
    evaluateRequest(
      { n: 200, seed: 0, ema: true, kidSubsets: 2, backend: 'wasm', ...options },
      silentLogger,
    );
  const cached = async (): Promise<string[]> => readdir(cache, { recursive: true }).catch(() => []);

  before(async () => {
    await initBackend({ backend: 'wasm', logger: silentLogger });
    folder = await mkdtemp(join(tmpdir(), 'gantry-eval-'));
    cache = join(folder, 'cache');
    process.env['GANTRY_CACHE'] = cache;
    points = join(folder, 'ring8');
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
    });
    // The held-out digits are sorted by class: every third one gives all ten.
    const { heldOut } = splitDigits();
    const spread = new Float32Array(334 * 784);
    for (let i = 0; i < 334; i++)
      spread.set(heldOut.images.subarray(3 * i * 784, (3 * i + 1) * 784), i * 784);
    digits = join(folder, 'digits.npy');
    await writeFile(digits, encodeNpy(spread, [334, 28, 28, 1]));
  });

  after(() => {
    if (previousCache === undefined) delete process.env['GANTRY_CACHE'];
    else process.env['GANTRY_CACHE'] = previousCache;
  });

  it("scores a run's checkpoint against the run's own dataset", async () => {
    const report = await evaluate({ logdir: points, checkpoint: '3' });
    assert.equal(report.dataset, 'ring8');
    assert.equal(report.extractor, 'mode-coverage');
    assert.equal(report.samples, 200);
    assert.equal(report.generatorStep, 3);
    assert.deepEqual(Object.keys(report.metrics), [
      'reverse_kl',
      'modes_covered',
      'high_quality',
      'min_mode_share',
    ]);
  });

  it('names the steps a run keeps when --checkpoint asks for another', async () => {
    await assert.rejects(
      evaluate({ logdir: points, checkpoint: '7' }),
      /keeps no checkpoint of generator step 7; it keeps steps 3/,
    );
  });

  it('scores a .npy of samples against --dataset, printing one JSON object with --json', async () => {
    const dataset = ring8(1);
    const batch = dataset.next(400);
    const file = join(folder, 'ring8.npy');
    await writeFile(file, encodeNpy(batch.dataSync() as Float32Array, [400, 2]));
    batch.dispose();
    const { status, stdout, stderr } = gantry(
      'eval',
      '--samples',
      file,
      '--dataset',
      'ring8',
      '--json',
    );
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as EvalReport;
    assert.equal(report.extractor, 'mode-coverage');
    assert.equal(report.samples, 400);
    assert.equal(report.metrics['modes_covered'], 8);
    assert.ok(report.metrics['high_quality']! > 0.95);
  });

  it("scores MNIST digits by the digit classifier's features, caching the reference set", async () => {
    const report = await evaluate({ samples: digits, dataset: 'mnist' });
    assert.equal(report.extractor, 'digit-classifier');
    assert.equal(report.samples, 334);
    assert.equal(report.metrics['classes_present'], 10);
    assert.ok(report.metrics['frechet_distance']! < 5, `${report.metrics['frechet_distance']}`);
    assert.ok(report.metrics['precision']! > 0.8);
    assert.equal((await cached()).filter((name) => name.endsWith('.bin')).length, 1);
  });

  describe('bad input: one line naming the thing, a non-zero exit, nothing written', () => {
    const refusal = async (options: Partial<EvalOptions>, pattern: RegExp): Promise<void> => {
      const before = await cached();
      await assert.rejects(evaluate(options), (error: Error) => {
        assert.match(error.message, pattern);
        assert.ok(!error.message.includes('\n'), 'one line');
        return true;
      });
      assert.deepEqual(await cached(), before);
    };

    it('a samples file of another dtype', async () => {
      const file = join(folder, 'float64.npy');
      await writeFile(file, float64Npy(100, 2));
      await refusal(
        { samples: file, dataset: 'ring8' },
        /float64\.npy holds float64 samples \('<f8'\); gantry reads float32/,
      );
    });

    it("a samples file whose samples are not the dataset's shape", async () => {
      const file = join(folder, 'points.npy');
      await writeFile(file, encodeNpy(new Float32Array(200), [100, 2]));
      await refusal(
        { samples: file, dataset: 'mnist' },
        /points\.npy holds samples of shape \[2\], but mnist's are \[28, 28, 1\]/,
      );
    });

    it('fewer samples than the metrics need', async () => {
      const file = join(folder, 'few.npy');
      await writeFile(file, encodeNpy(new Float32Array(10 * 784), [10, 28, 28, 1]));
      await refusal(
        { samples: file, dataset: 'mnist' },
        /^10 samples: the Fréchet distance on the 64 features of digit-classifier needs at least 65/,
      );
    });

    it('a dataset without an extractor', async () => {
      const faces = join(folder, 'faces');
      await mkdir(faces);
      const { default: sharp } = await import('sharp');
      for (const name of ['a.png', 'b.png']) {
        await sharp({ create: { width: 64, height: 64, channels: 3, background: '#804020' } })
          .png()
          .toFile(join(faces, name));
      }
      const file = join(folder, 'faces.npy');
      await writeFile(file, encodeNpy(new Float32Array(2 * 64 * 64 * 3), [2, 64, 64, 3]));
      await refusal(
        { samples: file, dataset: faces },
        /dataset .*faces \(samples \[64, 64, 3\]\) has no feature extractor/,
      );
    });

    it('exits non-zero with one line on stderr and nothing on stdout', () => {
      const { status, stdout, stderr } = gantry(
        'eval',
        '--samples',
        join(folder, 'few.npy'),
        '--dataset',
        'mnist',
      );
      assert.equal(status, 1);
      assert.equal(stdout, '');
      const lines = stderr
        .split('\n')
        .filter((line) => line.startsWith('gantry: ') && !line.startsWith('gantry: backend'));
      assert.deepEqual(lines.length, 1, stderr);
      assert.match(lines[0]!, /^gantry: SampleCountError: 10 samples/);
    });
  });
});
