import assert from 'node:assert/strict';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import {
  CheckpointManager,
  CheckpointNameError,
  Saver,
} from '../../../src/core/checkpoint/index.js';
import { silentLogger, type Logger } from '../../../src/core/logger.js';

/** A clock the test moves by hand, in seconds as TensorFlow's tests do. */
function manualClock(seconds: number) {
  const clock = { seconds, now: () => clock.seconds * 1000 };
  return clock;
}

describe('CheckpointManager', () => {
  let root: string;
  let dirCount = 0;
  let weight: tf.Variable;
  let saver: Saver;
  const newDir = (): string => join(root, `run-${++dirCount}`);
  const ckpt = (dir: string, n: number): string => join(dir, `ckpt-${n}.safetensors`);

  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    root = mkdtempSync(join(tmpdir(), 'gantry-manager-'));
    weight = tf.variable(tf.zeros([2]), true, 'generator/dense/kernel');
    saver = new Saver([weight]);
  });
  afterEach(() => weight.assign(tf.zeros([2])));
  after(() => {
    tf.disposeVariables();
    rmSync(root, { recursive: true, force: true });
  });

  it('writes ckpt-<generator step> and names it in the state file as latest', async () => {
    const dir = newDir();
    const manager = new CheckpointManager(saver, dir);
    assert.equal(manager.latest(), undefined);
    weight.assign(tf.tensor([1.5, -2]));
    const saved = await manager.save({ critic: 500, generator: 100 });
    assert.equal(saved.path, ckpt(dir, 100));
    assert.equal(manager.latest(), ckpt(dir, 100));
    const state = readFileSync(join(dir, 'checkpoint'), 'utf8');
    assert.match(state, /^model_checkpoint_path: "ckpt-100"$/m);
    assert.match(state, /^all_model_checkpoint_paths: "ckpt-100"$/m);
    assert.equal(new CheckpointManager(saver, dir).latest(), ckpt(dir, 100));
    weight.assign(tf.zeros([2]));
    const restored = await saver.restore(manager.latest() ?? '');
    assert.deepEqual(restored.steps, { critic: 500, generator: 100 });
    assert.deepEqual(Array.from(weight.dataSync()), [1.5, -2]);
  });

  it('keeps the maxToKeep newest and deletes older ones after the new one is durable', async () => {
    const dir = newDir();
    const manager = new CheckpointManager(saver, dir, { maxToKeep: 2 });
    const deleted: string[][] = [];
    for (const step of [10, 20, 30, 40])
      deleted.push((await manager.save({ generator: step })).deleted);
    assert.deepEqual(deleted, [[], [], [ckpt(dir, 10)], [ckpt(dir, 20)]]);
    assert.deepEqual(manager.checkpoints, [ckpt(dir, 30), ckpt(dir, 40)]);
    assert.deepEqual(readdirSync(dir).sort(), [
      'checkpoint',
      'ckpt-30.safetensors',
      'ckpt-40.safetensors',
    ]);
  });

  // Ported from TensorFlow's checkpoint_management_test.py, testSaveRestoreState.
  it('keeps one checkpoint every keepEveryNHours across managers, like TensorFlow', async () => {
    const dir = newDir();
    const clock = manualClock(3);
    const first = new CheckpointManager(saver, dir, { maxToKeep: 2, now: clock.now });
    const firstTime = 10000;
    clock.seconds = firstTime;
    await first.save({}, 1);
    const secondTime = firstTime + 3610;
    clock.seconds = secondTime;
    await first.save({}, 2);
    assert.match(
      readFileSync(join(dir, 'checkpoint'), 'utf8'),
      /timestamps: 10000\n.*timestamps: 13610\n/s,
    );
    assert.deepEqual(first.checkpoints, [ckpt(dir, 1), ckpt(dir, 2)]);

    const options = { maxToKeep: 2, keepEveryNHours: 1.5, now: clock.now };
    const second = new CheckpointManager(saver, dir, options);
    assert.deepEqual(second.checkpoints, [ckpt(dir, 1), ckpt(dir, 2)]);
    const thirdTime = secondTime + 3600 * 0.2;
    clock.seconds = thirdTime;
    await second.save({}, 3);
    assert.ok(existsSync(ckpt(dir, 1)) && existsSync(ckpt(dir, 2)));
    assert.deepEqual(second.checkpoints, [ckpt(dir, 2), ckpt(dir, 3)]);
    assert.deepEqual(second.preserved, [ckpt(dir, 1)]);
    assert.match(
      readFileSync(join(dir, 'checkpoint'), 'utf8'),
      /^last_preserved_timestamp: 10000$/m,
    );
    const fourthTime = thirdTime + 3600 * 0.5;
    clock.seconds = fourthTime;
    await second.save({}, 4);
    assert.ok(existsSync(ckpt(dir, 1)) && !existsSync(ckpt(dir, 2)));
    clock.seconds = fourthTime + 3600 * 0.5;
    await second.save({}, 5);
    assert.deepEqual(second.checkpoints, [ckpt(dir, 4), ckpt(dir, 5)]);

    const third = new CheckpointManager(saver, dir, options);
    assert.equal(third.latest(), ckpt(dir, 5));
    clock.seconds += 10;
    await third.save({}, 6);
    assert.match(
      readFileSync(join(dir, 'checkpoint'), 'utf8'),
      new RegExp(`^last_preserved_timestamp: ${fourthTime}$`, 'm'),
    );
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6].map((n) => existsSync(ckpt(dir, n))),
      [true, false, false, true, true, true],
    );
    assert.deepEqual(third.checkpoints, [ckpt(dir, 5), ckpt(dir, 6)]);
    assert.deepEqual(third.preserved, [ckpt(dir, 1), ckpt(dir, 4)]);
  });

  // Ported from TensorFlow's checkpoint_management_test.py, testClockReset.
  it('keeps every existing checkpoint when the clock went back, and says so', async () => {
    const dir = newDir();
    const clock = manualClock(10000);
    const first = new CheckpointManager(saver, dir, {
      maxToKeep: 1,
      keepEveryNHours: 1,
      now: clock.now,
    });
    await first.save({}, 1);
    clock.seconds += 3600;
    await first.save({}, 2);
    clock.seconds += 3600;
    await first.save({}, 3);
    assert.deepEqual(
      [1, 2, 3].map((n) => existsSync(ckpt(dir, n))),
      [false, true, true],
    );
    assert.match(
      readFileSync(join(dir, 'checkpoint'), 'utf8'),
      /^last_preserved_timestamp: 13600$/m,
    );

    clock.seconds = 5000;
    const warnings: string[] = [];
    const logger: Logger = { info: () => undefined, warn: (m) => warnings.push(m) };
    const second = new CheckpointManager(saver, dir, { maxToKeep: 1, now: clock.now, logger });
    assert.match(warnings.join('\n'), /behind the last preserved checkpoint timestamp/);
    assert.equal(second.latest(), ckpt(dir, 3));
    assert.deepEqual(second.checkpoints, []);
    clock.seconds += 10;
    await second.save({}, 4);
    clock.seconds += 10;
    await second.save({}, 5);
    assert.deepEqual(
      [2, 3, 4, 5].map((n) => existsSync(ckpt(dir, n))),
      [true, true, false, true],
    );
    const state = readFileSync(join(dir, 'checkpoint'), 'utf8');
    assert.match(state, /^last_preserved_timestamp: 5000$/m);
    assert.match(state, /^all_model_checkpoint_timestamps: 5020$/m);
  });

  it('refuses a state file that names a checkpoint outside its folder', () => {
    for (const name of ['../x', 'ckpt-1/../../x', '/etc/ckpt-1']) {
      const dir = newDir();
      mkdirSync(dir);
      writeFileSync(join(dir, 'checkpoint'), `model_checkpoint_path: ${JSON.stringify(name)}\n`);
      assert.throws(
        () => new CheckpointManager(saver, dir),
        (error) =>
          error instanceof CheckpointNameError && error.message.includes(JSON.stringify(name)),
      );
    }
  });

  it('snapshots at the call, so training can change variables while the write runs', async () => {
    const dir = newDir();
    const manager = new CheckpointManager(saver, dir, { maxToKeep: null });
    weight.assign(tf.tensor([1, 1]));
    const first = manager.save({ generator: 1 });
    weight.assign(tf.tensor([2, 2]));
    const second = manager.save({ generator: 2 });
    weight.assign(tf.tensor([3, 3]));
    await Promise.all([first, second]);
    assert.equal(manager.latest(), ckpt(dir, 2));
    await saver.restore(ckpt(dir, 1));
    assert.deepEqual(Array.from(weight.dataSync()), [1, 1]);
    await saver.restore(ckpt(dir, 2));
    assert.deepEqual(Array.from(weight.dataSync()), [2, 2]);
  });

  it('removes temporary files a killed save left behind', async () => {
    const dir = newDir();
    mkdirSync(dir);
    writeFileSync(join(dir, 'ckpt-7.safetensors.tmp-123-abcd0123'), 'partial');
    writeFileSync(join(dir, 'checkpoint.tmp-123-abcd0123'), 'partial');
    writeFileSync(join(dir, 'notes.txt.tmp-1-2'), 'not ours');
    await new CheckpointManager(saver, dir).save({ generator: 8 });
    assert.deepEqual(readdirSync(dir).sort(), [
      'checkpoint',
      'ckpt-8.safetensors',
      'notes.txt.tmp-1-2',
    ]);
  });

  it('asks for a checkpoint number when the steps have no generator step', async () => {
    const manager = new CheckpointManager(saver, newDir());
    await assert.rejects(
      () => manager.save({ critic: 5 }),
      /checkpoint number undefined.*steps\.generator/,
    );
  });
});
