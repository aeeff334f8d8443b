import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { locateCheckpoint } from '../../../src/cli/checkpoint/locate-checkpoint.js';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { CheckpointManager, Saver } from '../../../src/core/checkpoint/index.js';
import { readStateFile } from '../../../src/core/checkpoint/state-file.js';
import { silentLogger } from '../../../src/core/logger.js';

const byDistance = { metric: 'frechet_distance', mode: 'min' } as const;

describe('CheckpointManager: the best checkpoint by a metric', () => {
  let root: string;
  let count = 0;
  let saver: Saver;
  const newRun = (): string => join(root, `run-${++count}`);
  const files = (dir: string): string[] =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.safetensors'))
      .sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)));

  /** Saves steps in order, each with its score, as the evaluation hook does. */
  async function saveScored(manager: CheckpointManager, scores: Record<number, number>) {
    for (const [step, score] of Object.entries(scores)) {
      await manager.save({ generator: Number(step) });
      await manager.recordScore(Number(step), Promise.resolve(score));
    }
  }

  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    root = mkdtempSync(join(tmpdir(), 'gantry-best-'));
    saver = new Saver([tf.variable(tf.zeros([2]), true, 'generator/dense/kernel')]);
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('keeps the best besides the last K and names it in the state file', async () => {
    const dir = newRun();
    const manager = new CheckpointManager(saver, join(dir), { maxToKeep: 2, best: byDistance });
    await saveScored(manager, { 1: 5, 2: 2, 3: 4, 4: 3, 5: 6 });
    assert.deepEqual(files(dir), [
      'ckpt-2.safetensors',
      'ckpt-4.safetensors',
      'ckpt-5.safetensors',
    ]);
    assert.equal(manager.best?.path, join(dir, 'ckpt-2.safetensors'));
    const state = readFileSync(join(dir, 'checkpoint'), 'utf8');
    assert.match(state, /^best_checkpoint_path: "ckpt-2"$/m);
    assert.match(state, /^best_checkpoint_metric: "frechet_distance"$/m);
    assert.match(state, /^best_checkpoint_mode: "min"$/m);
    assert.match(state, /^best_checkpoint_value: 2$/m);
  });

  it('deletes the old best once a better one replaces it and the old one is not recent', async () => {
    const dir = newRun();
    const manager = new CheckpointManager(saver, dir, {
      maxToKeep: 1,
      best: { metric: 'coverage', mode: 'max' },
    });
    await saveScored(manager, { 1: 0.5, 2: 0.4, 3: 0.9 });
    assert.deepEqual(files(dir), ['ckpt-3.safetensors']);
    assert.equal(manager.best?.value, 0.9);
  });

  it('survives a resume: the next manager keeps comparing with the recorded best', async () => {
    const dir = newRun();
    await saveScored(new CheckpointManager(saver, dir, { maxToKeep: 1, best: byDistance }), {
      1: 3,
      2: 5,
    });
    const resumed = new CheckpointManager(saver, dir, { maxToKeep: 1, best: byDistance });
    assert.equal(resumed.best?.name, 'ckpt-1');
    await saveScored(resumed, { 3: 4, 4: 7 });
    assert.deepEqual(files(dir), ['ckpt-1.safetensors', 'ckpt-4.safetensors']);
    await saveScored(resumed, { 5: 1 });
    assert.deepEqual(files(dir), ['ckpt-5.safetensors']);
    assert.equal(readStateFile(join(dir, 'checkpoint'))?.best?.name, 'ckpt-5');
  });

  it('never deletes a checkpoint whose score is still being computed', async () => {
    const dir = newRun();
    const manager = new CheckpointManager(saver, dir, { maxToKeep: 1, best: byDistance });
    let finish: (value: number) => void = () => undefined;
    await manager.save({ generator: 1 });
    const recorded = manager.recordScore(1, new Promise<number>((resolve) => (finish = resolve)));
    await manager.save({ generator: 2 });
    await manager.save({ generator: 3 });
    assert.deepEqual(files(dir), ['ckpt-1.safetensors', 'ckpt-3.safetensors']);
    finish(0.5);
    assert.equal(await recorded, true);
    assert.equal(manager.best?.name, 'ckpt-1');
  });

  it('leaves a checkpoint without a score (undefined, NaN, a failed evaluation) out', async () => {
    const dir = newRun();
    const manager = new CheckpointManager(saver, dir, { maxToKeep: 5, best: byDistance });
    await manager.save({ generator: 1 });
    assert.equal(await manager.recordScore(1, Promise.resolve(Number.NaN)), false);
    await manager.save({ generator: 2 });
    assert.equal(await manager.recordScore(2, Promise.reject(new Error('diverged'))), false);
    assert.equal(manager.best, undefined);
  });

  it('refuses a score for a checkpoint other than the one saved last', async () => {
    const manager = new CheckpointManager(saver, newRun(), { best: byDistance });
    await manager.save({ generator: 1 });
    await assert.rejects(
      manager.recordScore(7, Promise.resolve(1)),
      /recordScore: ckpt-7 is not the checkpoint saved last \(ckpt-1\); call it right after save/,
    );
  });

  it('writes a step saved twice (two hooks at one step) once', async () => {
    const dir = newRun();
    const manager = new CheckpointManager(saver, dir, { best: byDistance });
    const first = manager.save({ critic: 5, generator: 1 });
    const second = manager.save({ critic: 5, generator: 1 });
    assert.equal(second, first);
    await first;
  });

  it('is what --checkpoint best reads, and a run without one says how to get one', async () => {
    const logdir = newRun();
    const manager = new CheckpointManager(saver, join(logdir, 'checkpoints'), { best: byDistance });
    await saveScored(manager, { 1: 2, 2: 3 });
    assert.equal(
      locateCheckpoint({ logdir, checkpoint: 'best' }),
      join(logdir, 'checkpoints', 'ckpt-1.safetensors'),
    );
    const plain = newRun();
    await new CheckpointManager(saver, join(plain, 'checkpoints')).save({ generator: 1 });
    assert.throws(
      () => locateCheckpoint({ logdir: plain, checkpoint: 'best' }),
      /has no best checkpoint: runs keep one when they evaluate their samples \(gantry train --eval-every N\)/,
    );
  });
});
