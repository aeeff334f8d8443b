/**
 * The parts of the compiled-step GPU check (bench/gpu/compiled-step.ts) that need no GPU: its
 * arguments, the GPU it runs on, and its report. Tested on any machine.
 */
import { parseArgs } from 'node:util';
import type { StepMeasurement } from '../cases/types.js';
import { formatTable, type Cell } from '../table.js';
import type { GpuDevice } from './nccl-plan.js';

/** The models the check can run: the `compiled` case's. */
export const GPU_MODELS = ['dcgan', 'mlp', 'mlp-wgan'] as const;

/** What `bench/gpu/compiled-step.ts` was asked for. */
export interface CompiledGpuOptions {
  models: string[];
  warmup: number;
  repeats: number;
  /** The Python that runs the PyTorch peer; `none` skips it. */
  python: string;
  /** Also time the function compiled by XLA. */
  xla: boolean;
}

/**
 * Reads the check's flags: `--models` (default `dcgan,mlp`, the ones with a PyTorch peer),
 * `--warmup` (3), `--repeats` (10), `--python` (`python3`; `none` skips PyTorch), `--xla`.
 *
 * @param argv - the arguments after the script.
 * @returns the options.
 * @throws Error naming a flag whose value is wrong.
 */
export function parseCompiledGpuArgs(argv: readonly string[]): CompiledGpuOptions {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      models: { type: 'string', default: 'dcgan,mlp' },
      warmup: { type: 'string', default: '3' },
      repeats: { type: 'string', default: '10' },
      python: { type: 'string', default: 'python3' },
      xla: { type: 'boolean', default: false },
    },
  });
  const models = values.models.split(',').filter((name) => name !== '');
  const unknown = models.filter((name) => !(GPU_MODELS as readonly string[]).includes(name));
  if (models.length === 0 || unknown.length > 0) {
    throw new Error(
      `--models ${values.models}: choose from ${GPU_MODELS.join(', ')} (comma-separated)`,
    );
  }
  return {
    models,
    warmup: count('--warmup', values.warmup, 0),
    repeats: count('--repeats', values.repeats, 1),
    python: values.python,
    xla: values.xla,
  };
}

function count(flag: string, text: string, least: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < least)
    throw new Error(`${flag} ${text}: must be a whole number ≥ ${least}`);
  return value;
}

/**
 * Chooses the GPU TensorFlow and PyTorch will both use: the first one visible, as both take it.
 *
 * @param gpus - what `nvidia-smi -L` listed.
 * @param env - the environment (`CUDA_VISIBLE_DEVICES`).
 * @returns the GPU.
 * @throws Error when no GPU is visible, saying why.
 */
export function planGpu(gpus: readonly GpuDevice[], env: NodeJS.ProcessEnv): GpuDevice {
  const first = gpus[0];
  if (first === undefined) {
    throw new Error(
      'no GPU visible (nvidia-smi -L listed none, or there is no nvidia-smi): this check times ' +
        'compiled steps on a CUDA GPU; run it on a GPU machine',
    );
  }
  const visible = env['CUDA_VISIBLE_DEVICES'];
  if (visible === undefined) return first;
  const ids = visible.split(',').map((id) => id.trim());
  const chosen = gpus.find((gpu) => gpu.id === ids[0]);
  if (chosen === undefined) {
    throw new Error(
      `CUDA_VISIBLE_DEVICES=${JSON.stringify(visible)} names no GPU nvidia-smi lists ` +
        `(${gpus.map((gpu) => gpu.id).join(',')}); unset it or name one of those`,
    );
  }
  return chosen;
}

/** The PyTorch peer's steps, or why it did not run. */
export interface PeerSteps {
  steps: readonly StepMeasurement[];
  unavailable?: string;
}

/**
 * The check's table: per model and step, gantry's eager, compiled (and XLA) times beside
 * PyTorch's on the same GPU, and the ratios that matter.
 *
 * @param gpu - the GPU the steps ran on.
 * @param gantry - gantry's measurements (`impl` ends in the execution).
 * @param torch - the PyTorch peer's.
 * @returns printable lines.
 */
export function formatCompiledGpuReport(
  gpu: GpuDevice,
  gantry: readonly StepMeasurement[],
  torch: PeerSteps,
): string[] {
  const ms = (model: string, step: string, execution: string) =>
    gantry.find((s) => s.model === model && s.step === step && s.impl.endsWith(` ${execution}`))
      ?.medianMs;
  const pairs = [...new Set(gantry.map((s) => `${s.model}\u0000${s.step}`))].map(
    (key) => key.split('\u0000') as [string, string],
  );
  const withXla = gantry.some((s) => s.impl.endsWith(' compiled+xla'));
  const header = [
    'model',
    'step',
    'eager ms',
    'compiled ms',
    ...(withXla ? ['compiled+xla ms'] : []),
    'pytorch ms',
    'eager ÷ compiled',
    'compiled ÷ pytorch',
  ];
  const rows: Cell[][] = pairs.map(([model, step]) => {
    const eager = ms(model, step, 'eager');
    const compiled = ms(model, step, 'compiled');
    const pytorch = torch.steps.find((s) => s.model === model && s.step === step)?.medianMs;
    return [
      model,
      step,
      rounded(eager),
      rounded(compiled),
      ...(withXla ? [rounded(ms(model, step, 'compiled+xla'))] : []),
      rounded(pytorch),
      ratio(eager, compiled),
      ratio(compiled, pytorch),
    ];
  });
  const peer =
    torch.unavailable === undefined
      ? (torch.steps[0]?.impl ?? 'pytorch')
      : `pytorch unavailable: ${torch.unavailable}`;
  return [
    `compiled WGAN steps on GPU ${gpu.id} (${gpu.name}); median ms per step, loss read back; ${peer}`,
    formatTable(header, rows),
  ];
}

function rounded(value: number | undefined): number | null {
  return value === undefined ? null : Math.round(value * 100) / 100;
}

function ratio(a: number | undefined, b: number | undefined): string | null {
  return a === undefined || b === undefined ? null : `${(a / b).toFixed(2)}×`;
}
