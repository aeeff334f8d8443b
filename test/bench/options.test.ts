import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BenchOptionsError, parseBenchOptions } from '../../bench/options.js';

const CASES = ['dcgan', 'mlp', 'kernels'];

describe('parseBenchOptions', () => {
  it('runs every case on wasm and tensorflow with both peers by default', () => {
    const options = parseBenchOptions([], CASES);
    assert.deepEqual(options.only, CASES);
    assert.deepEqual(options.backends, ['wasm', 'tensorflow']);
    assert.deepEqual(options.peers, ['pytorch', 'tensorflow']);
    assert.deepEqual(options.timing, { warmup: 3, repeats: 10 });
    assert.equal(options.install, true);
    assert.equal(options.rounds, 1);
  });

  it('takes --rounds N and refuses a count below one, naming the flag', () => {
    assert.equal(parseBenchOptions(['--rounds', '3'], CASES).rounds, 3);
    assert.throws(
      () => parseBenchOptions(['--rounds', '0'], CASES),
      /--rounds must be an integer ≥ 1/,
    );
  });

  it('makes fewer calls with --quick, and --repeats wins over it', () => {
    assert.deepEqual(parseBenchOptions(['--quick'], CASES).timing, { warmup: 1, repeats: 3 });
    const options = parseBenchOptions(['--quick', '--repeats', '7', '--backends', 'cpu'], CASES);
    assert.deepEqual(options.timing, { warmup: 1, repeats: 7 });
    assert.deepEqual(options.cpuTiming, { warmup: 1, repeats: 7 });
  });

  it('counts npm_config_quick as --quick, as `npm run bench --quick` passes it', () => {
    const options = parseBenchOptions([], CASES, { npm_config_quick: 'true' });
    assert.equal(options.quick, true);
  });

  it('times the cpu backend once unless told otherwise', () => {
    assert.deepEqual(parseBenchOptions([], CASES).cpuTiming, { warmup: 1, repeats: 1 });
  });

  it('takes --peers none and --no-install', () => {
    const options = parseBenchOptions(['--peers', 'none', '--no-install'], CASES);
    assert.deepEqual(options.peers, []);
    assert.equal(options.install, false);
  });

  it('names the flag with an unknown value', () => {
    assert.throws(() => parseBenchOptions(['--backends', 'webgl'], CASES), BenchOptionsError);
    assert.throws(() => parseBenchOptions(['--warmup', '0'], CASES), /--warmup must be/);
  });
});
