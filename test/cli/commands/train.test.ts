import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { inspectCheckpoint } from '../../../src/cli/commands/inspect.js';
import { locateCheckpoint } from '../../../src/cli/checkpoint/locate-checkpoint.js';
import type { TrainOptions } from '../../../src/cli/config/train-options.js';
import { runTrain } from '../../../src/cli/train/run-train.js';
import { readEvents } from '../../../src/core/summary/read-events.js';
import { gantry, recordingLogger } from '../cli-run.js';

// A tiny ring8 run: a 2×8 MLP, so each step takes milliseconds on the cpu backend.
const TINY: TrainOptions = {
  dataset: 'ring8',
  loss: 'wgan',
  nCritic: 2,
  batchSize: 8,
  width: 8,
  depth: 2,
  ema: 0.9,
  backend: 'cpu',
  summaryEvery: 1,
  checkpointEvery: 2,
};

async function scalarTags(logdir: string): Promise<Set<string>> {
  const tags = new Set<string>();
  for await (const event of readEvents(logdir)) {
    for (const value of event.summary?.value ?? []) tags.add(value.tag);
  }
  return tags;
}

/** The steps each histogram tag was written at (histograms carry the `histograms` plugin). */
async function histogramSteps(logdir: string): Promise<Map<string, number[]>> {
  const histograms = new Set<string>();
  const steps = new Map<string, number[]>();
  for await (const event of readEvents(logdir)) {
    for (const value of event.summary?.value ?? []) {
      if (value.metadata?.pluginData?.pluginName === 'histograms') histograms.add(value.tag);
      steps.set(value.tag, [...(steps.get(value.tag) ?? []), event.step ?? 0]);
    }
  }
  return new Map([...steps].filter(([tag]) => histograms.has(tag)));
}

describe('gantry train', () => {
  let logdir: string;
  const first = recordingLogger();
  const resumed = recordingLogger();

  before(async () => {
    logdir = await mkdtemp(join(tmpdir(), 'gantry-train-'));
    assert.equal(await runTrain({ flags: { ...TINY, logdir, steps: 3 } }, first), 0);
    assert.equal(await runTrain({ flags: { logdir, steps: 5 } }, resumed), 0);
  });

  it('writes the resolved config to <logdir>/config.json', async () => {
    const config = JSON.parse(await readFile(join(logdir, 'config.json'), 'utf8')) as TrainOptions;
    assert.equal(config.logdir, logdir);
    assert.equal(config.dataset, 'ring8');
    assert.equal(config.nCritic, 2);
    assert.equal(config.width, 8);
    assert.equal(config.optimizer, 'rmsprop', "the wgan preset's optimizer fills the gap");
    assert.equal(config.steps, 5, 'the resumed run records its own --steps');
  });

  it('refuses a changed model without touching the config or the checkpoints it belongs to', async () => {
    const changed = await mkdtemp(join(tmpdir(), 'gantry-train-changed-'));
    assert.equal(
      await runTrain({ flags: { ...TINY, logdir: changed, steps: 2 } }, recordingLogger()),
      0,
    );
    const configBefore = await readFile(join(changed, 'config.json'), 'utf8');
    const stateBefore = await readFile(join(changed, 'checkpoints', 'checkpoint'), 'utf8');
    await assert.rejects(
      runTrain({ flags: { logdir: changed, width: 16, steps: 4 } }, recordingLogger()),
      /critic\/dense\/kernel/,
    );
    assert.equal(await readFile(join(changed, 'config.json'), 'utf8'), configBefore);
    assert.equal(await readFile(join(changed, 'checkpoints', 'checkpoint'), 'utf8'), stateBefore);
  });

  it('leaves TensorBoard events with both networks’ losses', async () => {
    const tags = await scalarTags(logdir);
    assert.ok(tags.has('generator/loss'), [...tags].join(', '));
    assert.ok(tags.has('critic/loss'));
  });

  it('saves checkpoints every --checkpoint-every steps and at the end', async () => {
    const files = (await readdir(join(logdir, 'checkpoints'))).sort();
    assert.deepEqual(
      files.filter((f) => f.endsWith('.safetensors')),
      ['ckpt-2.safetensors', 'ckpt-3.safetensors', 'ckpt-4.safetensors', 'ckpt-5.safetensors'],
    );
  });

  it('resumes from the latest checkpoint with the run’s config and trains only up to --steps', async () => {
    const report = await inspectCheckpoint(locateCheckpoint({ logdir }));
    assert.deepEqual(report.steps, { critic: 10, generator: 5 });
    assert.ok(
      resumed.lines.some((line) => /resuming from .*ckpt-3/.test(line)),
      resumed.lines.join('\n'),
    );
    const logged = (lines: string[]) =>
      lines.flatMap((line) => /^step (\d+) /.exec(line)?.[1] ?? []).map(Number);
    assert.deepEqual(logged(first.lines), [1, 2, 3]);
    assert.deepEqual(logged(resumed.lines), [4, 5], 'the resumed run trained steps 4 and 5 only');
  });

  it('does nothing more when the run already reached --steps', async () => {
    const again = recordingLogger();
    assert.equal(await runTrain({ flags: { logdir, steps: 5 } }, again), 0);
    const report = await inspectCheckpoint(locateCheckpoint({ logdir }));
    assert.deepEqual(report.steps, { critic: 10, generator: 5 });
  });
});

describe('gantry train --histogram-every', () => {
  const train = async (flags: TrainOptions, configFile?: string) => {
    const logdir = await mkdtemp(join(tmpdir(), 'gantry-histograms-'));
    const request = { flags: { ...TINY, logdir, ...flags }, configFile };
    assert.equal(await runTrain(request, recordingLogger()), 0);
    return histogramSteps(logdir);
  };

  it('writes histograms of both networks’ weights and gradients every N generator steps', async () => {
    const histograms = await train({ steps: 4, histogramEvery: 2 });
    for (const network of ['generator', 'critic']) {
      const weights = [...histograms.keys()].filter(
        (tag) => tag.startsWith(`${network}/`) && !tag.endsWith('_gradient'),
      );
      assert.ok(
        weights.some((tag) => tag.endsWith('/kernel')),
        [...histograms.keys()].join(),
      );
      assert.ok(weights.some((tag) => tag.endsWith('/bias')));
      // Generator steps 2 and 4; with --n-critic 2 the critic's own steps are 4 and 8.
      const expected = network === 'generator' ? [2, 4] : [4, 8];
      for (const tag of weights) {
        assert.deepEqual(histograms.get(tag), expected, tag);
        assert.deepEqual(histograms.get(`${tag}_gradient`), expected, `${tag}_gradient`);
      }
    }
  });

  it('writes no histogram with 0', async () => {
    assert.deepEqual([...(await train({ steps: 2, histogramEvery: 0 })).keys()], []);
  });

  it('takes histogramEvery from the config file', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-histogram-config-'));
    const path = join(folder, 'run.yaml');
    await writeFile(path, 'histogramEvery: 1\n');
    const histograms = await train({ steps: 2 }, path);
    assert.ok(histograms.size > 0);
    for (const [tag, steps] of histograms) {
      assert.deepEqual(steps, tag.startsWith('generator/') ? [1, 2] : [2, 4], tag);
    }
  });
});

describe('gantry train on the command line', () => {
  it('exits with status 2 naming an unknown flag, and suggests the right one', () => {
    const { status, stderr } = gantry('train', '--logdir', 'unused', '--n-crtic', '5');
    assert.equal(status, 2);
    assert.match(stderr, /unknown option '--n-crtic'/);
    assert.match(stderr, /Did you mean --n-critic\?/);
  });

  it('exits with status 2 naming a bad key of a YAML config file, before writing anything', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'gantry-yaml-'));
    const path = join(folder, 'x.yaml');
    await writeFile(path, 'dataset: ring8\nnCrtic: 5\n');
    const logdir = join(folder, 'run');
    const { status, stderr } = gantry('train', '--config', path, '--logdir', logdir);
    assert.equal(status, 2);
    assert.match(
      stderr,
      new RegExp(`unknown key 'nCrtic' in ${path} \\(did you mean nCritic\\?\\)`),
    );
    assert.equal(existsSync(logdir), false);
  });

  it('exits with status 2 for a flag value out of range, saying what is allowed', () => {
    const { status, stderr } = gantry('train', '--logdir', 'unused', '--n-critic', 'five');
    assert.equal(status, 2);
    assert.match(stderr, /--n-critic must be an integer ≥ 1, got 'five'/);
  });

  it('exits with status 2 for a negative --histogram-every, naming the flag', () => {
    const { status, stderr } = gantry('train', '--logdir', 'unused', '--histogram-every=-1');
    assert.equal(status, 2);
    assert.match(stderr, /--histogram-every must be an integer ≥ 0 \(0: never\), got '-1'/);
  });
});

describe('gantry train resumed with another --steps', () => {
  it('says in one line that the learning-rate decay now ends elsewhere', async () => {
    const logdir = await mkdtemp(join(tmpdir(), 'gantry-horizon-'));
    const flags: TrainOptions = { ...TINY, logdir, lrDecayStart: 0.5 };
    assert.equal(await runTrain({ flags: { ...flags, steps: 2 } }, recordingLogger()), 0);
    const same = recordingLogger();
    assert.equal(await runTrain({ flags: { logdir, steps: 2 } }, same), 0);
    assert.deepEqual(
      same.lines.filter((line) => line.includes('decay')),
      [],
    );
    const longer = recordingLogger();
    assert.equal(await runTrain({ flags: { logdir, steps: 4 } }, longer), 0);
    assert.deepEqual(
      longer.lines.filter((line) => line.includes('decay')),
      [
        "gantry: --steps 4 differs from the resumed run's 2: the learning-rate decay now " +
          'reaches zero at generator step 4 instead of 2',
      ],
    );
  });
});
