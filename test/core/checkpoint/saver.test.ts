import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import {
  CheckpointError,
  CheckpointMismatchError,
  Saver,
  type Checkpointable,
  type JsonValue,
} from '../../../src/core/checkpoint/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { readSafetensors } from './safetensors-reader.js';

class Counter implements Checkpointable {
  constructor(
    readonly checkpointName: string,
    public state: JsonValue = { position: 0 },
  ) {}
  stateDict(): JsonValue {
    return this.state;
  }
  loadStateDict(state: JsonValue): void {
    this.state = state;
  }
}

function ganVariables() {
  return {
    kernel: tf.variable(
      tf.randomNormal([3, 4], 0, 1, 'float32', 7),
      true,
      'generator/dense/kernel',
    ),
    rms: tf.variable(
      tf.randomUniform([3, 4], 0, 1, 'float32', 8),
      false,
      'critic/dense/kernel/RMSProp/rms',
    ),
    step: tf.variable(tf.scalar(500, 'int32'), false, 'global_step/critic'),
    mask: tf.variable(tf.tensor([true, false, true], [3], 'bool'), false, 'critic/mask'),
  };
}

for (const backend of ['cpu', 'wasm'] as const) {
  describe(`Saver (${backend})`, () => {
    let dir: string;
    before(async () => {
      await initBackend({ backend, logger: silentLogger });
      dir = mkdtempSync(join(tmpdir(), 'gantry-saver-'));
    });
    afterEach(() => tf.disposeVariables());
    after(() => rmSync(dir, { recursive: true, force: true }));

    it('writes tensors that an independent safetensors reader reads back equal to the variables', async () => {
      const vars = ganVariables();
      const path = join(dir, 'ckpt-1.safetensors');
      await new Saver(Object.values(vars)).save(path, { steps: { critic: 500, generator: 100 } });
      const file = readSafetensors(path);
      assert.equal(file.dataStart % 8, 0);
      for (const v of Object.values(vars)) {
        const read = file.tensors.get(v.name);
        assert.ok(read, `${v.name} is in the file`);
        assert.deepEqual(read.shape, v.shape);
        const live = Array.from(v.dataSync(), Number);
        assert.deepEqual(read.values, live);
      }
      assert.deepEqual([...file.tensors.values()].map((t) => t.dtype).sort(), [
        'BOOL',
        'F32',
        'F32',
        'I32',
      ]);
      const manifest = JSON.parse(file.metadata.gantry_manifest ?? '') as Record<string, unknown>;
      assert.deepEqual(manifest.steps, { critic: 500, generator: 100 });
    });

    it('restores every variable, the steps and the Checkpointables exactly', async () => {
      const vars = ganVariables();
      const rng = new Counter('noise_rng', { seed: 42, calls: 17 });
      const saver = new Saver(Object.values(vars), { checkpointables: [rng] });
      const path = join(dir, 'ckpt-2.safetensors');
      await saver.save(path, { steps: { critic: 500, generator: 100 }, config: { lr: 5e-5 } });
      const saved = Object.values(vars).map((v) => Array.from(v.dataSync(), Number));
      vars.kernel.assign(tf.zerosLike(vars.kernel));
      vars.step.assign(tf.scalar(0, 'int32'));
      vars.mask.assign(tf.tensor([false, false, false], [3], 'bool'));
      rng.state = null;
      const result = await saver.restore(path);
      assert.deepEqual(
        Object.values(vars).map((v) => Array.from(v.dataSync(), Number)),
        saved,
      );
      assert.deepEqual(result.steps, { critic: 500, generator: 100 });
      assert.deepEqual(rng.state, { seed: 42, calls: 17 });
      assert.deepEqual(result.manifest.config, { lr: 5e-5 });
      assert.deepEqual(result.restored.sort(), saver.variableNames);
      assert.deepEqual(result.restoredStates, ['noise_rng']);
    });

    it('loads EMA shadows into the model variables through a name map', async () => {
      const kernel = tf.variable(tf.ones([2, 2]), true, 'generator/dense/kernel');
      const shadow = tf.variable(
        tf.fill([2, 2], 0.25),
        false,
        'generator/dense/kernel/ExponentialMovingAverage',
      );
      const path = join(dir, 'ckpt-3.safetensors');
      await new Saver([kernel, shadow]).save(path);
      await new Saver({ 'generator/dense/kernel/ExponentialMovingAverage': kernel }).restore(path);
      assert.deepEqual(Array.from(kernel.dataSync()), [0.25, 0.25, 0.25, 0.25]);
    });

    it('names every dtype and shape mismatch and loads nothing', async () => {
      const vars = ganVariables();
      const path = join(dir, 'ckpt-4.safetensors');
      await new Saver(Object.values(vars)).save(path);
      tf.disposeVariables();
      const kernel = tf.variable(tf.zeros([4, 4]), true, 'generator/dense/kernel');
      const rms = tf.variable(tf.zeros([3, 4]), false, 'critic/dense/kernel/RMSProp/rms');
      const step = tf.variable(tf.scalar(0, 'float32'), false, 'global_step/critic');
      await assert.rejects(new Saver([kernel, rms, step]).restore(path), (error) => {
        assert.ok(error instanceof CheckpointMismatchError);
        assert.match(error.message, /generator\/dense\/kernel: shape \[3,4\] in the file, \[4,4\]/);
        assert.match(error.message, /global_step\/critic: dtype int32 in the file, float32/);
        assert.deepEqual(error.mismatches.map((m) => m.name).sort(), [
          'generator/dense/kernel',
          'global_step/critic',
        ]);
        return true;
      });
      assert.deepEqual(Array.from(rms.dataSync()), new Array(12).fill(0), 'nothing was loaded');
    });

    it('refuses a restore that lacks variables unless a partial restore is asked for', async () => {
      const kernel = tf.variable(tf.fill([2], 3), true, 'generator/dense/kernel');
      const path = join(dir, 'ckpt-5.safetensors');
      await new Saver([kernel]).save(path);
      kernel.assign(tf.zeros([2]));
      const bias = tf.variable(tf.fill([2], 9), true, 'generator/dense/bias');
      const dataset = new Counter('dataset');
      const saver = new Saver([kernel, bias], { checkpointables: [dataset] });
      await assert.rejects(saver.restore(path), (error) => {
        assert.ok(error instanceof CheckpointMismatchError);
        assert.match(error.message, /generator\/dense\/bias: not in the checkpoint/);
        assert.match(error.message, /dataset: no state/);
        assert.match(error.message, /allowPartial/);
        return true;
      });
      assert.deepEqual(Array.from(kernel.dataSync()), [0, 0]);
      const result = await saver.restore(path, { allowPartial: true });
      assert.deepEqual(Array.from(kernel.dataSync()), [3, 3]);
      assert.deepEqual(Array.from(bias.dataSync()), [9, 9]);
      assert.deepEqual(result.missing, ['generator/dense/bias']);
      assert.deepEqual(result.missingStates, ['dataset']);
    });

    it('restores a checkpoint that lacks an optional state, leaving that state as it was', async () => {
      const kernel = tf.variable(tf.fill([2], 3), true, 'generator/dense/kernel');
      const path = join(dir, 'ckpt-7.safetensors');
      await new Saver([kernel]).save(path);
      kernel.assign(tf.zeros([2]));
      const counts = Object.assign(new Counter('compiled_traces', { critic: 4 }), {
        optional: true,
      });
      const result = await new Saver([kernel], { checkpointables: [counts] }).restore(path);
      assert.deepEqual(Array.from(kernel.dataSync()), [3, 3]);
      assert.deepEqual(counts.state, { critic: 4 });
      assert.deepEqual(result.missingStates, ['compiled_traces']);
      await new Saver([kernel], { checkpointables: [counts] }).save(path);
      counts.state = null;
      await new Saver([kernel], { checkpointables: [counts] }).restore(path);
      assert.deepEqual(counts.state, { critic: 4 }, 'an optional state the file has is loaded');
    });

    it('keeps the tensor count flat over many saves and restores', async () => {
      const vars = ganVariables();
      const saver = new Saver(Object.values(vars));
      const path = join(dir, 'ckpt-6.safetensors');
      await saver.save(path);
      await saver.restore(path);
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) {
        await saver.save(path);
        await saver.restore(path);
      }
      assert.equal(tf.memory().numTensors, before);
    });
  });
}

describe('Saver construction', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));
  afterEach(() => tf.disposeVariables());

  it('rejects names that are not TensorFlow-style paths', () => {
    const v = tf.variable(tf.zeros([1]), true, 'w');
    assert.throws(() => new Saver({ '../x': v }), /"\.\.\/x" is not a TensorFlow-style path/);
    assert.throws(() => new Saver({ '/abs/x': v }), CheckpointError);
  });

  it('rejects state that is not plain JSON, naming the Checkpointable', () => {
    const saver = new Saver([], { checkpointables: [new Counter('lr_plateau', { best: NaN })] });
    assert.throws(
      () => saver.snapshot(),
      /stateDict\(\) of Checkpointable "lr_plateau".*\$\.best is NaN/,
    );
  });
});
