/**
 * The all-reduce alone, by size, through both transports gantry's replicas can use: TensorFlow's
 * collective runtime (CollectiveReduceV2, the ring over gRPC between CPUs) and gantry's TCP star.
 * Two forked replicas per transport average vectors of 1e4, 1e5, 352,500 (the 28×28 DCGAN's
 * generator update) and 1e6 floats between themselves, doing nothing else; each size's time is
 * the median of the timed calls. Bandwidth is the vector's bytes over that time (what one
 * replica contributes per second), the measure NCCL's tests call algorithm bandwidth.
 *
 * Run on its own with `node --import tsx bench/all-reduce-transports.ts [replicas]`;
 * `npm run bench` runs it as the `allreduce` case (bench/cases/all-reduce-case.ts). The TF ring
 * needs the tensorflow backend built by `npx gantry setup tensorflow`.
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { initBackend, launchLocalReplicas, runReplicated, silentLogger } from '../src/index.js';
import { formatRecords } from './table.js';
import { median } from './timing.js';

/** The vector lengths timed, in floats. */
export const ALL_REDUCE_SIZES = [10_000, 100_000, 352_500, 1_000_000] as const;
const WARMUP = 3;
const TIMED = 20;

/** Which engine carries the all-reduce. */
export type Transport = 'tensorflow' | 'gantry';

/** One size's all-reduce through one transport. */
export interface AllReduceTiming {
  transport: Transport;
  floats: number;
  medianMs: number;
  /** Bytes of the vector over the median time, in MB/s (2^20 bytes). */
  megabytesPerSecond: number;
}

async function worker(transport: Transport, out: string): Promise<void> {
  await runReplicated({}, async (group) => {
    // TensorFlow's runtime started the tensorflow backend when it joined; the star needs none.
    if (transport === 'gantry') await initBackend({ backend: 'cpu', logger: silentLogger });
    const timings: AllReduceTiming[] = [];
    for (const floats of ALL_REDUCE_SIZES) {
      const values = new Float32Array(floats).fill(group.rank + 1);
      const times: number[] = [];
      for (let i = 0; i < WARMUP + TIMED; i++) {
        const start = performance.now();
        await group.allReduceMean(values);
        if (i >= WARMUP) times.push(performance.now() - start);
      }
      const medianMs = median(times);
      const megabytesPerSecond = (floats * 4) / 2 ** 20 / (medianMs / 1000);
      timings.push({ transport, floats, medianMs, megabytesPerSecond });
    }
    if (group.isChief) await writeFile(out, JSON.stringify(timings));
  });
}

/**
 * Times the all-reduce by size through TensorFlow's runtime and through gantry's TCP star, one
 * after the other, with the same number of forked replicas.
 *
 * @param replicas - processes per transport; default 2.
 * @returns every timing, TensorFlow's first; a transport that cannot run is left out and
 *   named in `unavailable`.
 */
export async function runAllReduceTransports(
  replicas = 2,
): Promise<{ timings: AllReduceTiming[]; unavailable: string[] }> {
  const dir = await mkdtemp(join(tmpdir(), 'gantry-all-reduce-'));
  const self = fileURLToPath(import.meta.url);
  const timings: AllReduceTiming[] = [];
  const unavailable: string[] = [];
  for (const transport of ['tensorflow', 'gantry'] as const) {
    const out = join(dir, `${transport}.json`);
    try {
      await launchLocalReplicas({
        replicas,
        command: process.execPath,
        args: ['--import', 'tsx', self, 'worker', transport, out],
        collectives: transport,
      });
      timings.push(...(JSON.parse(await readFile(out, 'utf8')) as AllReduceTiming[]));
    } catch (error) {
      unavailable.push(`${transport}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  return { timings, unavailable };
}

/**
 * One row per size, both transports side by side.
 *
 * @param timings - what {@link runAllReduceTransports} measured.
 * @returns the rows.
 */
export function allReduceRows(
  timings: readonly AllReduceTiming[],
): Record<string, string | number | null>[] {
  const find = (transport: Transport, floats: number) =>
    timings.find((t) => t.transport === transport && t.floats === floats);
  return ALL_REDUCE_SIZES.map((floats) => {
    const ring = find('tensorflow', floats);
    const star = find('gantry', floats);
    const round = (value: number | undefined) =>
      value === undefined ? null : Number(value.toFixed(2));
    return {
      floats,
      MB: Number(((floats * 4) / 2 ** 20).toFixed(2)),
      'TF ring ms': round(ring?.medianMs),
      'TF ring MB/s': round(ring?.megabytesPerSecond),
      'TCP star ms': round(star?.medianMs),
      'TCP star MB/s': round(star?.megabytesPerSecond),
      'star ÷ ring': ring && star ? Number((star.medianMs / ring.medianMs).toFixed(2)) : null,
    };
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'worker') {
    await worker(process.argv[3] as Transport, process.argv[4]!);
  } else {
    const replicas = process.argv[2] === undefined ? 2 : Number(process.argv[2]);
    const { timings, unavailable } = await runAllReduceTransports(replicas);
    console.log(`all-reduce by size, ${replicas} replicas on this machine (median of ${TIMED})`);
    console.log(formatRecords(allReduceRows(timings)));
    for (const line of unavailable) console.log(`unavailable: ${line}`);
    console.log(JSON.stringify({ bench: 'all-reduce-transports', replicas, timings }));
  }
}
