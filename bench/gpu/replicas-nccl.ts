/**
 * The GPU check of replicas on TensorFlow's collective runtime: the DCGAN WGAN of
 * bench/replica-scaling.ts trained by one replica on one GPU, then by N replicas on N GPUs, each
 * a TensorFlow worker seeing only its own GPU (`CUDA_VISIBLE_DEVICES`), so the gradient mean is
 * CollectiveReduceV2 with communication_hint `nccl`; prints images/s, the speed-up and the
 * efficiency. Needs the CUDA build of the binding:
 *
 * ```
 * npx gantry setup tensorflow --gpu
 * node --import tsx bench/gpu/replicas-nccl.ts [--devices 0,1] [--batch 256] [--iterations 20]
 * ```
 *
 * The batch is global: N replicas each compute batch ÷ N rows of it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { launchLocalReplicas } from '../../src/index.js';
import type { ReplicaRunResult } from '../replica-scaling.js';
import { formatScaling, parseGpuList, planNcclRun, type ScalingRun } from './nccl-plan.js';

const scalingScript = fileURLToPath(new URL('../replica-scaling.ts', import.meta.url));

async function trainOn(
  devices: readonly string[],
  batch: number,
  iterations: number,
  out: string,
): Promise<ScalingRun> {
  await launchLocalReplicas({
    replicas: devices.length,
    devices,
    // One replica needs no collectives; several are TensorFlow workers (NCCL between GPUs).
    collectives: devices.length > 1 ? 'tensorflow' : 'gantry',
    cpuBinding: 'none',
    command: process.execPath,
    args: [
      '--import',
      'tsx',
      scalingScript,
      'worker',
      'tensorflow',
      ...[iterations, 0, batch].map(String),
      out,
    ],
  });
  const run = JSON.parse(await readFile(out, 'utf8')) as ReplicaRunResult;
  return {
    replicas: run.replicas,
    imagesPerSecond: run.imagesPerSecond,
    allReduceMs: run.allReduceMs,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      devices: { type: 'string' },
      batch: { type: 'string', default: '256' },
      iterations: { type: 'string', default: '20' },
    },
  });
  let listed = '';
  try {
    listed = execFileSync('nvidia-smi', ['-L'], { encoding: 'utf8' });
  } catch {
    // No driver: planNcclRun reports that no GPU was found.
  }
  const gpus = parseGpuList(listed);
  const plan = planNcclRun(gpus, values.devices?.split(','));
  const batch = Number(values.batch);
  const iterations = Number(values.iterations);
  if (!Number.isInteger(batch) || batch % plan.devices.length !== 0) {
    throw new Error(
      `--batch ${values.batch} must be a multiple of the ${plan.devices.length} GPUs`,
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'gantry-nccl-'));
  const names = plan.devices.map((id) => `${id}: ${gpus.find((gpu) => gpu.id === id)?.name}`);
  console.log(`DCGAN 28×28 WGAN, global batch ${batch}, GPUs ${names.join('; ')}`);
  const one = await trainOn(plan.devices.slice(0, 1), batch, iterations, join(dir, 'one.json'));
  const many = await trainOn(plan.devices, batch, iterations, join(dir, 'many.json'));
  console.log(formatScaling(one, many).join('\n'));
  console.log(JSON.stringify({ bench: 'replicas-nccl', batch, devices: plan.devices, one, many }));
}

await main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
