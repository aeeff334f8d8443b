/**
 * The parts of the GPU scaling check (bench/gpu/replicas-nccl.ts) that need no GPU: finding the
 * GPUs, choosing which ones the replicas get, and reading the result. Tested on any machine.
 */

/** One GPU as `nvidia-smi -L` lists it. */
export interface GpuDevice {
  /** The CUDA index, as `CUDA_VISIBLE_DEVICES` takes it. */
  id: string;
  name: string;
}

/**
 * Reads `nvidia-smi -L`: lines like `GPU 0: NVIDIA H100 80GB HBM3 (UUID: GPU-…)`, and MIG
 * slices indented below them, which are not whole devices and are skipped.
 *
 * @param text - the command's output.
 * @returns the GPUs, in index order.
 */
export function parseGpuList(text: string): GpuDevice[] {
  return text.split('\n').flatMap((line) => {
    const match = /^GPU (\d+): (.+?)(?: \(UUID: [^)]*\))?\s*$/.exec(line);
    return match === null ? [] : [{ id: match[1]!, name: match[2]! }];
  });
}

/** What one check runs: the devices of the N-replica run (the 1-replica run takes the first). */
export interface NcclPlan {
  devices: string[];
}

/**
 * Chooses the devices: those `--devices` names, else every GPU found; at least two, each a GPU
 * that exists.
 *
 * @param gpus - what {@link parseGpuList} found.
 * @param requested - `--devices`, if given.
 * @returns the plan.
 * @throws Error saying what is missing (no GPU, one GPU, an unknown id).
 */
export function planNcclRun(gpus: readonly GpuDevice[], requested?: readonly string[]): NcclPlan {
  if (gpus.length === 0) {
    throw new Error(
      'no GPU found (nvidia-smi -L listed none): this check needs a machine with CUDA GPUs',
    );
  }
  const devices = requested ?? gpus.map((gpu) => gpu.id);
  const unknown = devices.filter((id) => !gpus.some((gpu) => gpu.id === id));
  if (unknown.length > 0) {
    throw new Error(
      `--devices ${unknown.join(',')}: no such GPU; found ${gpus.map((gpu) => gpu.id).join(',')}`,
    );
  }
  if (new Set(devices).size !== devices.length) {
    throw new Error(`--devices ${devices.join(',')} names a GPU twice; one replica per GPU`);
  }
  if (devices.length < 2) {
    throw new Error(
      `NCCL between replicas needs at least 2 GPUs; ${devices.length === 1 ? 'only GPU ' + devices[0] + ' is' : 'none is'} available`,
    );
  }
  return { devices: [...devices] };
}

/** One run's throughput, as the scaling worker reports it. */
export interface ScalingRun {
  replicas: number;
  imagesPerSecond: number;
  allReduceMs: number;
}

/**
 * The scaling table: images/s of each run, the speed-up over one replica and the efficiency
 * (speed-up ÷ replicas; 1 is linear).
 *
 * @param one - the 1-replica run.
 * @param many - the N-replica run.
 * @returns printable lines.
 */
export function formatScaling(one: ScalingRun, many: ScalingRun): string[] {
  const speedUp = many.imagesPerSecond / one.imagesPerSecond;
  const row = (run: ScalingRun) =>
    `  ${String(run.replicas).padStart(8)}   ${run.imagesPerSecond.toFixed(1).padStart(9)}   ` +
    `${run.allReduceMs.toFixed(2).padStart(13)}`;
  return [
    '  replicas    images/s   all-reduce ms',
    row(one),
    row(many),
    `  speed-up ${speedUp.toFixed(2)}× with ${many.replicas} GPUs, efficiency ` +
      `${((speedUp / many.replicas) * 100).toFixed(0)}%`,
  ];
}
