import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { splitDigits } from '../../../../scripts/digit-classifier/split.js';
import { initBackend } from '../../../../src/core/backend/index.js';
import * as tf from '../../../../src/core/backend/tf.js';
import { silentLogger } from '../../../../src/core/logger.js';
import {
  extractFeatures,
  FeatureExtractorError,
  loadDigitClassifier,
} from '../../../../src/gan/metrics/index.js';

describe('loadDigitClassifier', () => {
  before(() => initBackend({ backend: 'wasm', logger: silentLogger }));

  it('classifies the 1,000 held-out digits at the accuracy its metadata states', async () => {
    const classifier = await loadDigitClassifier();
    const { heldOut } = splitDigits();
    const images = tf.tensor4d(heldOut.images, [heldOut.count, 28, 28, 1]);
    const { predictedClasses } = await extractFeatures(classifier, images);
    images.dispose();
    const right = predictedClasses!.filter((label, i) => label === heldOut.labels[i]).length;
    assert.equal(classifier.metadata.heldOutCount, 1000);
    assert.equal(right / heldOut.count, classifier.metadata.heldOutAccuracy);
    assert.ok(classifier.metadata.heldOutAccuracy > 0.97);
    classifier.dispose();
  });

  it('gives 64 features per digit, fingerprints its files and leaks no tensor', async () => {
    const before = tf.memory().numTensors;
    const classifier = await loadDigitClassifier();
    const images = tf.zeros([3, 28, 28, 1]);
    const { features } = await extractFeatures(classifier, images);
    images.dispose();
    assert.deepEqual([features.rows, features.columns], [3, 64]);
    assert.match(classifier.fingerprint, /^[0-9a-f]{64}$/);
    assert.equal(classifier.fingerprint, (await reload()).fingerprint);
    classifier.dispose();
    assert.equal(tf.memory().numTensors, before);
  });

  it('says where it looked and what to do when the files are missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gantry-classifier-'));
    await assert.rejects(loadDigitClassifier(empty), (error: Error) => {
      assert.ok(error instanceof FeatureExtractorError);
      assert.match(error.message, new RegExp(`${join(empty, 'model.json')}.*reinstall gantry`));
      return true;
    });
  });
});

async function reload(): Promise<{ fingerprint: string }> {
  const again = await loadDigitClassifier();
  again.dispose();
  return again;
}
