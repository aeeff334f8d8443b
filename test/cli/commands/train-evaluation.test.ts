import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { sample } from '../../../src/cli/commands/sample.js';
import { trainDefaults } from '../../../src/cli/config/train-defaults.js';
import type { TrainOptions } from '../../../src/cli/config/train-options.js';
import { runTrain } from '../../../src/cli/train/run-train.js';
import { readStateFile } from '../../../src/core/checkpoint/state-file.js';
import { readEvents } from '../../../src/core/summary/read-events.js';
import { recordingLogger } from '../cli-run.js';

// A tiny ring8 run that scores itself every 2 generator steps.
const TINY: TrainOptions = {
  dataset: 'ring8',
  loss: 'wgan',
  nCritic: 2,
  batchSize: 8,
  width: 8,
  depth: 2,
  ema: 0.9,
  backend: 'cpu',
  checkpointEvery: 100,
  evalEvery: 2,
  evalSamples: 50,
  steps: 6,
};

async function stepsByTag(logdir: string): Promise<Map<string, number[]>> {
  const steps = new Map<string, number[]>();
  for await (const event of readEvents(logdir)) {
    for (const value of event.summary?.value ?? []) {
      steps.set(value.tag, [...(steps.get(value.tag) ?? []), event.step ?? 0]);
    }
  }
  return steps;
}

describe('gantry train --eval-every', () => {
  let logdir: string;
  const logger = recordingLogger();

  before(async () => {
    logdir = await mkdtemp(join(tmpdir(), 'gantry-train-eval-'));
    assert.equal(await runTrain({ flags: { ...TINY, logdir } }, logger), 0);
  });

  it('writes every metric to TensorBoard under metrics/ at the cadence', async () => {
    const steps = await stepsByTag(logdir);
    for (const name of ['reverse_kl', 'modes_covered', 'high_quality', 'min_mode_share']) {
      assert.deepEqual(steps.get(`metrics/${name}`), [2, 4, 6], name);
    }
  });

  it('logs each evaluation where there is no progress bar', () => {
    const lines = logger.lines.filter((line) => line.startsWith('evaluation of step'));
    assert.equal(lines.length, 3);
    assert.match(lines[0]!, /^evaluation of step 2 \(50 samples, mode-coverage\): reverse_kl /);
  });

  it("keeps the best checkpoint by the dataset's headline metric, named in the state file", () => {
    const state = readStateFile(join(logdir, 'checkpoints', 'checkpoint'));
    assert.equal(state?.best?.metric, 'reverse_kl');
    assert.equal(state?.best?.mode, 'min');
    assert.ok(existsSync(join(logdir, 'checkpoints', `${state!.best!.name}.safetensors`)));
  });

  it('samples the best checkpoint with gantry sample --checkpoint best', async () => {
    const out = join(logdir, 'best.json');
    const lines = recordingLogger();
    await sample({ logdir, checkpoint: 'best', n: 4, out, ema: true, seed: 0 }, lines);
    const best = readStateFile(join(logdir, 'checkpoints', 'checkpoint'))!.best!.name;
    assert.match(
      lines.lines[0]!,
      new RegExp(`from .*${best}\\.safetensors \\(generator step ${best.slice(5)}`),
    );
    assert.equal((JSON.parse(await readFile(out, 'utf8')) as number[][]).length, 4);
  });

  it('refuses a --best-metric the evaluator does not report before writing anything', async () => {
    const fresh = join(await mkdtemp(join(tmpdir(), 'gantry-train-eval-')), 'run');
    await assert.rejects(
      runTrain(
        { flags: { ...TINY, logdir: fresh, bestMetric: 'frechet_distance' } },
        recordingLogger(),
      ),
      /--best-metric frechet_distance: mode-coverage reports reverse_kl, modes_covered, high_quality, min_mode_share/,
    );
    assert.equal(existsSync(fresh), false);
  });

  it('evaluates MNIST and the toys by default, other image data only when asked', () => {
    assert.equal(trainDefaults({ dataset: 'mnist' }).evalEvery, 200);
    assert.equal(trainDefaults({ dataset: 'grid25' }).evalEvery, 500);
    assert.equal(trainDefaults({ dataset: 'photos/' }).evalEvery, 0);
  });
});
