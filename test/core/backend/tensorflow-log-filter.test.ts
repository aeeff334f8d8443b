import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  filterTensorflowLog,
  minLogLevel,
} from '../../../src/core/backend/tensorflow-log-filter.js';

// What TensorFlow 2.21 wrote while loading on a 2-core AMD EPYC with AVX-512.
const NOTICE =
  'WARNING: All log messages before absl::InitializeLog() is called are written to STDERR';
const ONEDNN =
  'I0000 00:00:1796585964.099693    7341 port.cc:153] oneDNN custom operations are on. You may ' +
  'see slightly different numerical results due to floating-point round-off errors.';
const CPU_FEATURES = [
  'I0000 00:00:1796585964.226443    7341 cpu_feature_guard.cc:227] This TensorFlow binary is ' +
    'optimized to use available CPU instructions in performance-critical operations.',
  'To enable the following instructions: AVX2 AVX512F AVX512_VNNI FMA, in other operations, ' +
    'rebuild TensorFlow with the appropriate compiler flags.',
];
const ERROR =
  'E0000 00:00:1796585964.300000    7341 cuda_dnn.cc:8310] Unable to register cuDNN factory';
const OLD_WARNING =
  '2024-01-01 12:00:00.123456: W tensorflow/core/framework/cpu_allocator_impl.cc:83] ' +
  'Allocation exceeds 10% of free system memory.';
const startupLog = [NOTICE, ONEDNN, ...CPU_FEATURES, ERROR, OLD_WARNING].join('\n') + '\n';

describe('filterTensorflowLog', () => {
  it("drops the info records, their continuation lines and Abseil's notice at level 2", () => {
    assert.equal(filterTensorflowLog(startupLog, 2), `${ERROR}\n`);
  });

  it('keeps warnings and errors of both log formats at level 1', () => {
    assert.equal(filterTensorflowLog(startupLog, 1), `${ERROR}\n${OLD_WARNING}\n`);
  });

  it('keeps everything at level 0', () => {
    assert.equal(filterTensorflowLog(startupLog, 0), startupLog);
  });

  it('never drops lines written before the first record', () => {
    const foreign = 'Segmentation fault handler installed\n';
    assert.equal(filterTensorflowLog(foreign + startupLog, 3), foreign);
  });

  it('returns nothing for nothing', () => {
    assert.equal(filterTensorflowLog('', 0), '');
  });
});

describe('minLogLevel', () => {
  it('reads TF_CPP_MIN_LOG_LEVEL as TensorFlow does', () => {
    assert.equal(minLogLevel('2'), 2);
    assert.equal(minLogLevel('3'), 3);
    assert.equal(minLogLevel('7'), 3);
    assert.equal(minLogLevel(undefined), 0);
    assert.equal(minLogLevel('verbose'), 0);
  });
});
