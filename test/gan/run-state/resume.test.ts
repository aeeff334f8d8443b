import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initBackend, silentLogger, tf } from '../../../src/index.js';
import {
  buildTrainer,
  initialWeights,
  saveAtEnd,
  temporaryLogdir,
  trainAndRecord,
  type Flavour,
  type InitialWeights,
  type RunRecord,
} from './resumable-gan.js';

const K = 4;

function assertIdentical(resumed: RunRecord, straight: RunRecord): void {
  assert.deepEqual(resumed.steps, straight.steps);
  assert.deepEqual([...resumed.tensors.keys()].sort(), [...straight.tensors.keys()].sort());
  for (const [name, bytes] of straight.tensors) {
    assert.ok(resumed.tensors.get(name)?.equals(bytes), `${name} differs bit for bit`);
  }
  assert.deepEqual(resumed.states, straight.states);
}

for (const flavour of ['wgan-rmsprop', 'wgan-gp-adam'] as const satisfies Flavour[]) {
  describe(`resuming ${flavour}`, () => {
    let initial: InitialWeights;
    before(async () => {
      await initBackend({ backend: 'cpu', logger: silentLogger });
      initial = initialWeights();
    });
    after(() => tf.dispose([...initial.generator, ...initial.critic]));

    it('gives bit-identical weights, slots, EMA shadows, steps and states to an uninterrupted run', async () => {
      const straightRun = buildTrainer({
        flavour,
        logdir: await temporaryLogdir(),
        steps: 2 * K,
        initial,
      });
      const straight = await trainAndRecord(straightRun);
      straightRun.dispose();

      const logdir = await temporaryLogdir();
      const first = buildTrainer({ flavour, logdir, steps: K, initial, hooks: [saveAtEnd()] });
      const halfway = await trainAndRecord(first);
      first.dispose();
      const second = buildTrainer({ flavour, logdir, steps: 2 * K, initial, hooks: [saveAtEnd()] });
      const resumed = await trainAndRecord(second);
      assert.deepEqual(second.trainer.resumedFrom?.steps, { critic: 3 * K, generator: K });
      second.dispose();

      assert.deepEqual(straight.steps, { critic: 3 * 2 * K, generator: 2 * K });
      assert.ok(straight.tensors.has('generator/dense/kernel/ExponentialMovingAverage'));
      assert.ok(
        [...halfway.tensors].some(([name, bytes]) => !straight.tensors.get(name)?.equals(bytes)),
        'the halfway state differs from the final one, so the comparison can tell them apart',
      );
      assertIdentical(resumed, straight);
    });

    it('refuses a checkpoint of differently shaped models, naming each variable, and touches nothing', async () => {
      const logdir = await temporaryLogdir();
      const first = buildTrainer({ flavour, logdir, steps: 1, initial, hooks: [saveAtEnd()] });
      await trainAndRecord(first);
      first.dispose();
      const checkpoint = join(logdir, 'checkpoints', 'ckpt-1.safetensors');
      const stateFile = join(logdir, 'checkpoints', 'checkpoint');
      const before = [await readFile(checkpoint), await readFile(stateFile, 'utf8')] as const;

      const wider = buildTrainer({
        flavour,
        logdir,
        steps: 2,
        initial,
        width: 12,
        hooks: [saveAtEnd()],
      });
      await assert.rejects(wider.trainer.run(), (error: Error) => {
        assert.equal(error.name, 'ResumeError');
        assert.match(error.message, /cannot resume from .*ckpt-1\.safetensors/);
        assert.match(error.message, /differs from the one that saved it/);
        assert.match(
          error.message,
          /generator\/dense\/kernel: shape \[3,8\] in the file, \[3,12\]/,
        );
        assert.match(
          error.message,
          /critic\/dense_1\/kernel: shape \[8,8\] in the file, \[12,12\]/,
        );
        return true;
      });
      assert.deepEqual(wider.trainer.steps, { critic: 0, generator: 0 });
      wider.dispose();
      assert.ok((await readFile(checkpoint)).equals(before[0]));
      assert.equal(await readFile(stateFile, 'utf8'), before[1]);
    });
  });
}
