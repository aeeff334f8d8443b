import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { parseFlagValue } from '../../../src/cli/config/flag-value.js';
import { TRAIN_FLAGS } from '../../../src/cli/config/train-options.js';
import { initBackend } from '../../../src/core/backend/index.js';
import { CatalogError } from '../../../src/core/catalog/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { grid25 } from '../../../src/gan/data/index.js';
import {
  imageEvaluator,
  metricCatalog,
  mixtureEvaluator,
  reportedMetrics,
  type MetricInputs,
  type ReferenceSet,
} from '../../../src/gan/evaluation/index.js';
import { featureStatistics, type FeatureMatrix } from '../../../src/gan/metrics/index.js';
import { tinyExtractor } from './tiny-extractor.js';

/** `rows` seeded pseudo-random feature rows of 3 columns, offset by `shift`. */
function features(rows: number, seed: number, shift = 0): FeatureMatrix {
  const values = new Float32Array(rows * 3);
  let state = seed;
  for (let i = 0; i < values.length; i++) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    values[i] = state / 2 ** 31 + shift;
  }
  return { rows, columns: 3, values };
}

function referenceOf(real: FeatureMatrix): ReferenceSet {
  return {
    dataset: 'toy',
    extractor: 'tiny',
    hash: 'test',
    statistics: featureStatistics(real, 'real features'),
    features: real,
  };
}

const INPUTS: MetricInputs = {
  reference: referenceOf(features(120, 1)),
  features: features(100, 2),
  classes: { predicted: [0, 1, 1, 2], classCount: 3 },
  points: { rows: [[0, 0]], mixture: grid25(0) },
  seed: 0,
};

const SMALL_OPTIONS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  kid: { numSubsets: 3, subsetSize: 50 },
};

describe('the metric catalog', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('scores, for every entry, exactly the values it says it reports', () => {
    for (const entry of metricCatalog.entries) {
      const values = metricCatalog.create(entry.name, SMALL_OPTIONS[entry.name] ?? {}, INPUTS);
      assert.deepEqual(
        Object.keys(values),
        entry.reports.map(({ metric }) => metric),
        entry.name,
      );
      for (const [metric, value] of Object.entries(values)) {
        assert.ok(Number.isFinite(value), `${entry.name}: ${metric} = ${value}`);
      }
    }
  });

  it('scores identical feature sets as identical and shifted ones as far apart', () => {
    const real = features(120, 1);
    const same = { ...INPUTS, reference: referenceOf(real), features: real };
    const shifted = { ...INPUTS, reference: referenceOf(real), features: features(120, 1, 2) };
    const near = metricCatalog.create('frechet_distance', {}, same)['frechet_distance']!;
    const far = metricCatalog.create('frechet_distance', {}, shifted)['frechet_distance']!;
    assert.ok(Math.abs(near) < 1e-6, `${near}`);
    assert.ok(far > 10, `${far}`);
  });

  it('gives every metric the evaluators report, with the direction the catalog states', () => {
    const { extractor, model } = tinyExtractor({ classify: true });
    const image = imageEvaluator(extractor, INPUTS.reference!);
    const mixture = mixtureEvaluator(grid25(0));
    const catalogued = new Map(reportedMetrics().map(({ metric, mode }) => [metric, mode]));
    for (const goal of [...image.metrics, ...mixture.metrics]) {
      assert.equal(catalogued.get(goal.metric), goal.mode, goal.metric);
    }
    assert.equal(
      image.metrics.length + mixture.metrics.length,
      catalogued.size,
      'an evaluator reports every catalogued metric',
    );
    image.dispose();
    model.dispose();
  });

  it("refuses an option its entry does not take, naming the option and the entry's options", () => {
    assert.throws(
      () => metricCatalog.create('kid', { subsets: 3 }, INPUTS),
      (error: unknown) =>
        error instanceof CatalogError && /kid/.test(error.message) && /subsets/.test(error.message),
    );
    assert.throws(
      () => metricCatalog.create('kid', { numSubsets: 0 }, INPUTS),
      /kid: numSubsets must be an integer > 0, got 0/,
    );
  });

  it('refuses to score without the inputs an entry reads, naming the metric', () => {
    assert.throws(
      () => metricCatalog.create('class_coverage', {}, { seed: 0 }),
      /metric class_coverage scores predicted classes/,
    );
  });

  it('lets --best-metric name only a catalogued metric, and lists them with their directions', () => {
    assert.equal(parseFlagValue('bestMetric', 'high_quality'), 'high_quality');
    assert.throws(
      () => parseFlagValue('bestMetric', 'fid'),
      /--best-metric must be one of frechet_distance, kid, .*min_mode_share, got 'fid'/,
    );
    for (const { metric, mode } of reportedMetrics()) {
      assert.ok(TRAIN_FLAGS.bestMetric.help.includes(`${metric} (${mode})`), metric);
    }
  });
});
