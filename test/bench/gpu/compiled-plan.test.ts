import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { StepMeasurement } from '../../../bench/cases/types.js';
import {
  formatCompiledGpuReport,
  parseCompiledGpuArgs,
  planGpu,
} from '../../../bench/gpu/compiled-plan.js';
import { parseGpuList } from '../../../bench/gpu/nccl-plan.js';
import { COMPILED_MODELS } from '../../../bench/steps/compiled-steps.js';

const H100 = parseGpuList('GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-1a2b)\n');

function step(model: string, name: string, impl: string, medianMs: number): StepMeasurement {
  return {
    model,
    step: name,
    runtime: impl.startsWith('pytorch') ? 'pytorch' : 'tfjs',
    impl,
    threads: 1,
    batch: 64,
    medianMs,
    minMs: medianMs,
    maxMs: medianMs,
    repeats: 10,
    samplesPerSecond: 64 / (medianMs / 1000),
  };
}

describe('the compiled-step GPU check, without a GPU', () => {
  it('defaults to the models with a PyTorch peer, 3 warm-up and 10 timed steps', () => {
    assert.deepEqual(parseCompiledGpuArgs([]), {
      models: ['dcgan', 'mlp'],
      warmup: 3,
      repeats: 10,
      python: 'python3',
      xla: false,
    });
    const custom = parseCompiledGpuArgs(['--models', 'mlp-wgan', '--repeats', '5', '--xla']);
    assert.deepEqual([custom.models, custom.repeats, custom.xla], [['mlp-wgan'], 5, true]);
  });

  it("offers exactly the compiled case's models", () => {
    const names = COMPILED_MODELS.map((model) => model.name).sort();
    assert.deepEqual(parseCompiledGpuArgs(['--models', names.join(',')]).models.sort(), names);
  });

  it('names the flag whose value is wrong', () => {
    assert.throws(() => parseCompiledGpuArgs(['--models', 'wgan']), /--models wgan: choose from/);
    assert.throws(() => parseCompiledGpuArgs(['--repeats', '0']), /--repeats 0: .* ≥ 1/);
    assert.throws(() => parseCompiledGpuArgs(['--warmup', 'two']), /--warmup two/);
  });

  it('fails clearly when no GPU is visible, and takes the first one CUDA_VISIBLE_DEVICES names', () => {
    assert.throws(() => planGpu([], {}), /no GPU visible .* run it on a GPU machine/);
    assert.deepEqual(planGpu(H100, {}), { id: '0', name: 'NVIDIA H100 80GB HBM3' });
    assert.equal(planGpu(H100, { CUDA_VISIBLE_DEVICES: '0' }).id, '0');
    assert.throws(() => planGpu(H100, { CUDA_VISIBLE_DEVICES: '3' }), /names no GPU .*\(0\)/);
  });

  it('puts eager, compiled and PyTorch side by side, with the ratios', () => {
    const gantry = [
      step('dcgan', 'critic', 'gantry tensorflow eager', 6),
      step('dcgan', 'critic', 'gantry tensorflow compiled', 2),
      step('mlp-wgan', 'critic', 'gantry tensorflow eager', 3),
      step('mlp-wgan', 'critic', 'gantry tensorflow compiled', 1.5),
    ];
    const torch = { steps: [step('dcgan', 'critic', 'pytorch 2.11.0 NVIDIA H100', 4)] };
    const [title, table] = formatCompiledGpuReport(H100[0]!, gantry, torch);
    assert.match(title ?? '', /GPU 0 \(NVIDIA H100 80GB HBM3\).*pytorch 2\.11\.0 NVIDIA H100/);
    const rows = (table ?? '').split('\n');
    assert.match(
      rows[0] ?? '',
      /eager ms\s+compiled ms\s+pytorch ms\s+eager ÷ compiled\s+compiled ÷ pytorch/,
    );
    assert.match(rows[2] ?? '', /^dcgan\s+critic\s+6\s+2\s+4\s+3\.00×\s+0\.50×$/);
    assert.match(rows[3] ?? '', /^mlp-wgan\s+critic\s+3\s+1\.5\s+–\s+2\.00×\s+–$/);
  });

  it('says why PyTorch is missing, and adds the XLA column only when measured', () => {
    const gantry = [
      step('mlp', 'generator', 'gantry tensorflow compiled', 1),
      step('mlp', 'generator', 'gantry tensorflow compiled+xla', 0.5),
    ];
    const lines = formatCompiledGpuReport(H100[0]!, gantry, { steps: [], unavailable: 'no CUDA' });
    assert.match(lines[0] ?? '', /pytorch unavailable: no CUDA/);
    assert.match(lines[1] ?? '', /compiled\+xla ms/);
  });
});
