import assert from 'node:assert/strict';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import { silentLogger, type Logger } from '../../../src/core/logger.js';
import { floatSampleTable } from '../../../src/gan/data/index.js';
import { referenceSet } from '../../../src/gan/evaluation/index.js';
import { extractFeatures, featureStatistics } from '../../../src/gan/metrics/index.js';
import { tinyExtractor } from './tiny-extractor.js';

function images(seed: number, count = 40): Float32Array {
  const values = tf.randomUniform([count, 2, 2, 1], -1, 1, 'float32', seed);
  const data = values.dataSync() as Float32Array;
  values.dispose();
  return data;
}

function recording(): Logger & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (line) => lines.push(line), warn: (line) => lines.push(line) };
}

async function referenceFiles(cache: string): Promise<string[]> {
  return (await readdir(join(cache, 'reference-stats'))).filter((name) => !name.startsWith('.'));
}

describe('referenceSet', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it("holds the real data's features and their statistics in float64", async () => {
    const cache = await mkdtemp(join(tmpdir(), 'gantry-reference-'));
    const { extractor, model } = tinyExtractor();
    const data = images(1);
    const table = floatSampleTable(data, [2, 2, 1]);
    const reference = await referenceSet({
      dataset: 'toy',
      table,
      extractor,
      cacheDirectory: cache,
    });
    const batch = tf.tensor4d(data, [40, 2, 2, 1]);
    const { features } = await extractFeatures(extractor, batch);
    batch.dispose();
    assert.deepEqual(reference.features, features);
    assert.deepEqual(reference.statistics, featureStatistics(features));
    assert.equal(reference.extractor, 'tiny');
    assert.match(reference.hash, /^[0-9a-f]{64}$/);
    model.dispose();
  });

  it('is computed once per dataset and extractor, then read from the cache', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'gantry-reference-'));
    const { extractor, model } = tinyExtractor();
    const table = floatSampleTable(images(1), [2, 2, 1]);
    const logger = recording();
    const first = await referenceSet({
      dataset: 'toy',
      table,
      extractor,
      cacheDirectory: cache,
      logger,
    });
    const second = await referenceSet({
      dataset: 'toy',
      table,
      extractor,
      cacheDirectory: cache,
      logger,
    });
    assert.match(logger.lines[0]!, /^computing the reference statistics of toy's 40 samples/);
    assert.match(
      logger.lines[1]!,
      /^reference statistics of toy \(tiny\): .*toy-tiny-[0-9a-f]{16}\.bin$/,
    );
    assert.deepEqual(second, first);
    assert.equal((await referenceFiles(cache)).length, 1);
    model.dispose();
  });

  it('never scores a changed dataset or extractor against stale statistics', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'gantry-reference-'));
    const { extractor, model } = tinyExtractor();
    const data = images(1);
    const original = await referenceSet({
      dataset: 'toy',
      table: floatSampleTable(data, [2, 2, 1]),
      extractor,
      cacheDirectory: cache,
    });
    const changed = Float32Array.from(data);
    changed[5] = 0.123;
    const edited = await referenceSet({
      dataset: 'toy',
      table: floatSampleTable(changed, [2, 2, 1]),
      extractor,
      cacheDirectory: cache,
    });
    assert.notEqual(edited.hash, original.hash);
    assert.notDeepEqual(edited.statistics.mean, original.statistics.mean);
    const other = tinyExtractor({ scale: 2 });
    const reweighted = await referenceSet({
      dataset: 'toy',
      table: floatSampleTable(data, [2, 2, 1]),
      extractor: other.extractor,
      cacheDirectory: cache,
    });
    assert.notEqual(reweighted.hash, original.hash);
    assert.equal((await referenceFiles(cache)).length, 3);
    model.dispose();
    other.model.dispose();
  });

  it('recomputes a damaged cache file instead of reading it', async () => {
    const cache = await mkdtemp(join(tmpdir(), 'gantry-reference-'));
    const { extractor, model } = tinyExtractor();
    const table = floatSampleTable(images(1), [2, 2, 1]);
    const first = await referenceSet({ dataset: 'toy', table, extractor, cacheDirectory: cache });
    const [name] = await referenceFiles(cache);
    const path = join(cache, 'reference-stats', name!);
    const bytes = await readFile(path);
    bytes.fill(0xff, bytes.length - 8);
    await writeFile(path, bytes);
    const logger = recording();
    const again = await referenceSet({
      dataset: 'toy',
      table,
      extractor,
      cacheDirectory: cache,
      logger,
    });
    assert.match(logger.lines[0]!, /^computing/);
    assert.deepEqual(again, first);
    model.dispose();
  });
});
