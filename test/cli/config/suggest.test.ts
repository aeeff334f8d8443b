import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { closestName } from '../../../src/cli/config/suggest.js';

describe('closestName', () => {
  const keys = ['nCritic', 'batchSize', 'lrG', 'lrD', 'steps', 'seed'];

  it('suggests the key one typo away', () => {
    assert.equal(closestName('nCrtic', keys), 'nCritic');
    assert.equal(closestName('batchsize', keys), 'batchSize');
    assert.equal(closestName('step', keys), 'steps');
  });

  it('suggests nothing for a name unlike any key', () => {
    assert.equal(closestName('generatorWidthMultiplier', keys), undefined);
  });
});
