import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InvalidArgumentError } from 'commander';
import { parseFlagValue, parseIntegerFlag } from '../../../src/cli/config/flag-value.js';

describe('train flag values', () => {
  it('reads integers, numbers, names and lists into typed values', () => {
    assert.equal(parseFlagValue('nCritic', '5'), 5);
    assert.equal(parseFlagValue('lrD', '5e-5'), 5e-5);
    assert.equal(parseFlagValue('loss', 'wgan-gp'), 'wgan-gp');
    assert.deepEqual(parseFlagValue('devices', '0, 1'), ['0', '1']);
    assert.equal(parseFlagValue('cpuBinding', 'none'), 'none');
    assert.equal(parseFlagValue('replicaTimeout', '30'), 30);
  });

  it("names the flag, what it allows and the bad text: --n-critic must be an integer ≥ 1, got 'five'", () => {
    assert.throws(
      () => parseFlagValue('nCritic', 'five'),
      (error: Error) =>
        error instanceof InvalidArgumentError &&
        error.message === "--n-critic must be an integer ≥ 1, got 'five'",
    );
  });

  it('rejects values outside the range and fractions where an integer is due', () => {
    assert.throws(() => parseFlagValue('batchSize', '0'), /--batch-size must be an integer ≥ 1/);
    assert.throws(
      () => parseFlagValue('replicaTimeout', '0'),
      /--replica-timeout must be an integer ≥ 1/,
    );
    assert.throws(
      () => parseFlagValue('steps', '2.5'),
      /--steps must be an integer ≥ 1, got '2.5'/,
    );
    assert.throws(() => parseFlagValue('ema', '1'), /--ema must be a number in \[0, 1\), got '1'/);
    assert.throws(() => parseFlagValue('lrG', '-1e-4'), /--lr-g must be a number > 0/);
  });

  it('reads --histogram-every as an integer ≥ 0, where 0 means never', () => {
    assert.equal(parseFlagValue('histogramEvery', '0'), 0);
    assert.equal(parseFlagValue('histogramEvery', '250'), 250);
    for (const bad of ['-1', '2.5', 'often']) {
      assert.throws(
        () => parseFlagValue('histogramEvery', bad),
        (error: Error) =>
          error instanceof InvalidArgumentError &&
          error.message === `--histogram-every must be an integer ≥ 0 (0: never), got '${bad}'`,
      );
    }
  });

  it('lists the allowed names for an unknown choice', () => {
    assert.throws(
      () => parseFlagValue('optimizer', 'lion'),
      /--optimizer must be one of rmsprop, adam, sgd, momentum, adagrad, adadelta, ftrl, got 'lion'/,
    );
    assert.throws(() => parseFlagValue('devices', '0,gpu1'), /--devices must be a comma-separated/);
    assert.throws(
      () => parseFlagValue('cpuBinding', 'core'),
      /--cpu-binding must be one of cores, none, got 'core'/,
    );
  });

  it('reads the integer flags of sample with their own minimum', () => {
    assert.equal(parseIntegerFlag('--n', '64', 1), 64);
    assert.throws(() => parseIntegerFlag('--n', 'ten', 1), /--n must be an integer ≥ 1, got 'ten'/);
    assert.throws(() => parseIntegerFlag('--seed', '-1', 0), /--seed must be an integer ≥ 0/);
  });
});
