import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatScaling, parseGpuList, planNcclRun } from '../../../bench/gpu/nccl-plan.js';

const TWO_GPUS = `GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1a2b)
GPU 1: NVIDIA H100 80GB HBM3 (UUID: GPU-3c4d)
  MIG 1g.10gb     Device  0: (UUID: MIG-5e6f)
`;

describe('the GPU scaling check, without a GPU', () => {
  it('reads the GPUs nvidia-smi lists, skipping MIG slices', () => {
    assert.deepEqual(parseGpuList(TWO_GPUS), [
      { id: '0', name: 'NVIDIA H100 80GB HBM3' },
      { id: '1', name: 'NVIDIA H100 80GB HBM3' },
    ]);
    assert.deepEqual(parseGpuList(''), []);
  });

  it('runs on every GPU found, or on those --devices names', () => {
    const gpus = parseGpuList(TWO_GPUS);
    assert.deepEqual(planNcclRun(gpus).devices, ['0', '1']);
    assert.deepEqual(planNcclRun(gpus, ['1', '0']).devices, ['1', '0']);
  });

  it('says what is missing: any GPU, a second one, or a GPU --devices names', () => {
    const gpus = parseGpuList(TWO_GPUS);
    assert.throws(() => planNcclRun([]), /no GPU found/);
    assert.throws(() => planNcclRun(gpus.slice(0, 1)), /at least 2 GPUs; only GPU 0 is/);
    assert.throws(() => planNcclRun(gpus, ['0', '2']), /--devices 2: no such GPU; found 0,1/);
    assert.throws(() => planNcclRun(gpus, ['1', '1']), /names a GPU twice/);
  });

  it('prints the speed-up and the efficiency over one replica', () => {
    const lines = formatScaling(
      { replicas: 1, imagesPerSecond: 1000, allReduceMs: 0 },
      { replicas: 2, imagesPerSecond: 1800, allReduceMs: 1.5 },
    );
    assert.equal(lines.at(-1), '  speed-up 1.80× with 2 GPUs, efficiency 90%');
    assert.match(lines[2]!, /^\s+2\s+1800\.0\s+1\.50$/);
  });
});
