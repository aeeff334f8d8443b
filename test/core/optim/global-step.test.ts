import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { GlobalStep, OptimizerError, initBackend, silentLogger } from '../../../src/index.js';

describe('GlobalStep', () => {
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
  });

  it('counts from zero under its TensorFlow-style name', () => {
    const step = new GlobalStep('global_step/critic');
    assert.equal(step.name, 'global_step/critic');
    assert.equal(step.value, 0);
    assert.equal(step.increment(), 1);
    assert.equal(step.increment(5), 6);
    assert.equal(step.value, 6);
  });

  it('defaults its name to global_step, as tf.train.get_or_create_global_step does', () => {
    assert.equal(new GlobalStep().name, 'global_step');
  });

  it('continues from an assigned value (restore at 100, count 100 more, reach 200)', () => {
    const step = new GlobalStep('global_step/generator');
    step.assign(100);
    for (let i = 0; i < 100; i++) step.increment();
    assert.equal(step.value, 200);
  });

  it('round-trips through stateDict and loadStateDict under its name, as a checkpoint does', () => {
    const saved = new GlobalStep('global_step/critic', 42);
    const restored = new GlobalStep('global_step/critic');
    restored.loadStateDict(JSON.parse(JSON.stringify(saved.stateDict())));
    assert.equal(restored.value, 42);
    assert.equal(restored.checkpointName, 'global_step/critic');
  });

  it('reads as an int32 scalar tensor', () => {
    const tensor = new GlobalStep('global_step', 7).toTensor();
    assert.equal(tensor.dtype, 'int32');
    assert.equal(tensor.rank, 0);
    assert.deepEqual(Array.from(tensor.dataSync()), [7]);
    tensor.dispose();
  });

  it('rejects negative, fractional and non-finite counts, naming the step', () => {
    const step = new GlobalStep('global_step/critic');
    for (const bad of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(
        () => step.assign(bad),
        (e) => e instanceof OptimizerError && e.message.includes('global_step/critic'),
      );
    }
    assert.throws(() => step.loadStateDict('12'), OptimizerError);
    assert.throws(() => new GlobalStep(''), /non-empty/);
    assert.equal(step.value, 0);
  });
});
