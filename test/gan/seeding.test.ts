import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { inspectCheckpoint } from '../../src/cli/commands/inspect.js';
import {
  CheckpointSaverHook,
  createTrainer,
  initBackend,
  mlpGan,
  silentLogger,
  type Logger,
} from '../../src/index.js';
import { gantry } from '../cli/cli-run.js';
import { tinyGanConfig } from './tiny-gan.js';

function recording(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, info: () => undefined, warn: (line) => warnings.push(line) };
}

describe('a run whose networks are not seeded', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('says so once, naming the network, and its checkpoints record it', async () => {
    const logger = recording();
    const { generator } = mlpGan({ width: 4, depth: 1, seed: 1 });
    const { critic } = mlpGan({ width: 4, depth: 1 });
    const logdir = await mkdtemp(join(tmpdir(), 'gantry-seeding-'));
    const trainer = createTrainer({
      ...tinyGanConfig({ logger, steps: 2, logdir }),
      generator,
      critic,
      hooks: [new CheckpointSaverHook({ everyNSteps: 1 })],
    });
    await trainer.run();
    assert.equal(logger.warnings.length, 1, logger.warnings.join('\n'));
    assert.match(
      logger.warnings[0] ?? '',
      /initial weights of the critic \(unseeded\) are not drawn from a seed/,
    );
    const report = await inspectCheckpoint(join(logdir, 'checkpoints', 'ckpt-2.safetensors'));
    const config = report.config as { initialisation?: unknown };
    assert.deepEqual(config.initialisation, { generator: 'seeded', critic: 'unseeded' });
    const table = gantry('inspect', '--logdir', logdir);
    assert.equal(table.status, 0, table.stderr);
    assert.match(
      table.stdout,
      /^initialisation: generator seeded, critic unseeded \(not drawn from a seed/m,
    );
  });

  it('says nothing when both networks are seeded', () => {
    const logger = recording();
    const { generator, critic } = mlpGan({ width: 4, depth: 1, seed: 1 });
    createTrainer({ ...tinyGanConfig({ logger }), generator, critic });
    assert.deepEqual(logger.warnings, []);
  });
});
