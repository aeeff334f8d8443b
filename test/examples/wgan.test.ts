import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { gantry } from '../cli/cli-run.js';

const run = promisify(execFile);
const example = resolve('examples/wgan/train.ts');

describe('the WGAN example', () => {
  it('trains its tiny preset through the published package and leaves grids, events and checkpoints', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gantry-wgan-example-'));
    const logdir = join(cwd, 'run');
    const tsx = import.meta.resolve('tsx');
    const args = [
      '--import',
      tsx,
      example,
      '--preset',
      'tiny',
      '--logdir',
      logdir,
      '--backend',
      'cpu',
    ];
    const { stdout, stderr } = await run(process.execPath, args, {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '', CI: '1' },
      timeout: 120_000,
    });
    assert.match(stdout, /ended \(last-step\) at generator step 2, critic step 4 /);
    assert.match(stdout, /100 samples: Fréchet distance \d+\.\d, \d+ of 10 digit classes/);
    assert.match(stderr, /generator step 2, critic step 4: Wasserstein estimate ≈ -?\d/);
    assert.deepEqual(await readdir(join(logdir, 'samples')), [
      'step-000001.png',
      'step-000002.png',
    ]);
    const checkpoints = await readdir(join(logdir, 'checkpoints'));
    assert.ok(checkpoints.includes('ckpt-2.safetensors'), checkpoints.join(', '));
    const files = await readdir(logdir);
    assert.ok(
      files.some((name) => name.startsWith('events.out.tfevents.')),
      files.join(', '),
    );
    // The checkpoint alone rebuilds the generator: the example writes no config.json.
    const grid = join(cwd, 'grid.png');
    const sampled = gantry('sample', '--logdir', logdir, '--n', '4', '--out', grid);
    assert.equal(sampled.status, 0, sampled.stderr);
  });
});
