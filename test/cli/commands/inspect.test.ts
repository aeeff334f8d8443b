import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { InspectReport } from '../../../src/cli/commands/inspect.js';
import { initBackend } from '../../../src/core/backend/init-backend.js';
import { silentLogger } from '../../../src/core/logger.js';
import { gantry } from '../cli-run.js';
import { saveRun } from './saved-run.js';

describe('gantry inspect', () => {
  let logdir: string;
  let checkpoint: string;

  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    logdir = join(await mkdtemp(join(tmpdir(), 'gantry-inspect-')), 'run');
    checkpoint = await saveRun({
      options: { logdir, dataset: 'ring8', loss: 'wgan', width: 8, depth: 2, backend: 'cpu' },
      sampleShape: [2],
      steps: { critic: 15, generator: 3 },
    });
  });

  it('prints steps, variables (name, shape, dtype) and config as JSON with --json', () => {
    const { status, stdout, stderr } = gantry('inspect', '--logdir', logdir, '--json');
    assert.equal(status, 0, stderr);
    const report = JSON.parse(stdout) as InspectReport;
    assert.equal(report.checkpoint, checkpoint);
    assert.deepEqual(report.steps, { critic: 15, generator: 3 });
    const kernel = report.variables.find((v) => v.name === 'generator/dense/kernel');
    assert.deepEqual(kernel, { name: 'generator/dense/kernel', shape: [2, 8], dtype: 'float32' });
    assert.deepEqual(
      report.variables.map((v) => v.name),
      report.variables.map((v) => v.name).sort(),
    );
    assert.equal(report.variables.length, 12, 'kernel and bias of 3 layers in each network');
    assert.equal(report.formatVersion, 1);
    const config = report.config as { logdir: string; width: number; loss: string };
    assert.deepEqual([config.logdir, config.width, config.loss], [logdir, 8, 'wgan']);
  });

  it('prints a readable summary without --json, of a checkpoint given by path', () => {
    const { status, stdout } = gantry('inspect', '--checkpoint', checkpoint);
    assert.equal(status, 0);
    assert.match(stdout, /steps: critic 15, generator 3/);
    assert.match(stdout, /generator\/dense_2\/kernel\s+float32\s+\[8, 2\]/);
  });

  it('exits with status 2 when given neither --logdir nor --checkpoint', () => {
    const { status, stderr } = gantry('inspect');
    assert.equal(status, 2);
    assert.match(stderr, /give --logdir DIR .* or --checkpoint PATH/);
  });
});
