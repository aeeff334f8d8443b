import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger } from '../../../src/core/logger.js';
import { SummaryWriter } from '../../../src/core/summary/summary-writer.js';

// Optional: TensorBoard's own loader reads gantry's files. Set up with
//   python3 -m venv .cache/tb-venv && .cache/tb-venv/bin/pip install tensorboard
const python = fileURLToPath(new URL('../../../.cache/tb-venv/bin/python', import.meta.url));
const script = fileURLToPath(new URL('./fixtures/tensorboard_read.py', import.meta.url));
const skip = existsSync(python) ? false : `no TensorBoard venv at ${python}`;

interface Shown {
  [tag: string]: { plugin: string; points: Array<[number, unknown]> };
}

describe("TensorBoard's Python loader", { skip }, () => {
  let root: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    root = mkdtempSync(join(tmpdir(), 'gantry-tensorboard-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('shows every kind with its plugin, and each step once after a resume', async () => {
    const run = join(root, 'wgan');
    const crashed = new SummaryWriter(run);
    crashed.text('config', '# run', 0);
    for (let step = 0; step < 8; step += 1) crashed.scalar('loss/critic', step, step);
    crashed.scalar('nan', Number.NaN, 1);
    const batch = tf.randomUniform([4, 5, 6, 3]) as tf.Tensor4D;
    await crashed.imageGrid('samples', batch, 2, { columns: 2 });
    await crashed.histogram('weights', batch, 2, { buckets: 7 });
    await crashed.close();
    batch.dispose();
    const resumed = new SummaryWriter(run, { resumeFromStep: 5 });
    for (let step = 5; step < 7; step += 1) resumed.scalar('loss/critic', 10 * step, step);
    await resumed.close();

    const shown = JSON.parse(
      execFileSync(python, [script, run], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }),
    ) as Shown;
    assert.deepEqual(shown['loss/critic'], {
      plugin: 'scalars',
      points: [
        [0, 0],
        [1, 1],
        [2, 2],
        [3, 3],
        [4, 4],
        [5, 50],
        [6, 60],
      ],
    });
    assert.deepEqual(shown.nan, { plugin: 'scalars', points: [[1, null]] });
    assert.deepEqual(shown.config, { plugin: 'text', points: [[0, '# run']] });
    assert.deepEqual(shown.samples, { plugin: 'images', points: [[2, [2 * 6 + 6, 2 * 5 + 6, 1]]] });
    assert.deepEqual(shown.weights, {
      plugin: 'histograms',
      points: [[2, { rows: 7, count: 4 * 5 * 6 * 3 }]],
    });
  });
});
