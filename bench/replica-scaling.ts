/**
 * How synchronous data-parallel replicas scale: a DCGAN 28×28 WGAN (nCritic 5, RMSProp, weight
 * clipping, global batch 64, no batch norm) trained by R=1 and R=2 forked replicas, reporting
 * critic images per second, the ratio (target ≥ 1.7× on two cores with wasm), how much of its
 * wall time the chief spent computing, and the transport: the gradient all-reduce's size, time
 * and bandwidth and a one-number round trip, timed between idle replicas after training.
 *
 * On a small shared machine one pair of runs can read anywhere from 1.2× to 2×, because other
 * work steals a core for seconds at a time; so R=1 and R=2 alternate over several rounds and the
 * reported ratio is the median of the rounds' ratios, with the spread printed beside it.
 *
 * On wasm each round also runs two independent single-process trainings of half the batch at
 * once, without any communication: their summed images/s over R=1's is the most R=2 could
 * reach on this machine with a free all-reduce (the cost of half-size batches and of two
 * processes sharing the memory system), which tells the transport's share of the shortfall.
 * They run on the cores two bound replicas would get.
 *
 * On tensorflow each round also trains with compiled updates (`execution: 'compiled'`, the
 * replicas' mean inside each update's function) by R=1 and R=2, for the DCGAN and for a 3×512
 * MLP WGAN on 2-D data (global batch 256), beside the MLP's eager R=1 and R=2.
 *
 * Run on its own with `node --import tsx bench/replica-scaling.ts [wasm|tensorflow|cpu]
 * [rounds]`; `npm run bench` runs it as the `replicas` case (bench/cases/replica-scaling-case.ts).
 */
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  InMemoryDataset,
  RMSPropOptimizer,
  type InGraphMean,
  boundCommand,
  createTrainer,
  dcgan,
  initBackend,
  mlpGan,
  launchLocalReplicas,
  planCpuBinding,
  runReplicated,
  silentLogger,
  tf,
  type BackendRequest,
  type ReplicaGroup,
} from '../src/index.js';
import { median } from './timing.js';

const BATCH = 64;
const N_CRITIC = 5;
const WARMUP_ITERATIONS = 2;

/** The networks a run trains: the DCGAN 28×28, or the 3×512 MLP on 2-D data. */
export type ScalingModel = 'dcgan' | 'mlp';
/** How a run's updates execute (`TrainerSettings.execution`). */
export type ScalingExecution = 'eager' | 'compiled';

/** Each model's networks, data and global batch. */
const MODELS: Record<
  ScalingModel,
  { batch: number; models: () => ReturnType<typeof dcgan>; data: () => tf.Tensor }
> = {
  dcgan: {
    batch: BATCH,
    models: () => dcgan({ imageSize: 28, generatorBatchNorm: false }),
    data: () => tf.randomUniform([512, 28, 28, 1], -1, 1, 'float32', 1),
  },
  mlp: {
    batch: 256,
    models: () => mlpGan(),
    data: () => tf.randomNormal([2048, 2], 0, 1, 'float32', 1),
  },
};

/** What one run of R replicas measured. */
export interface ReplicaRunResult {
  /** Which round of the alternation this run belongs to, from 0. */
  round: number;
  replicas: number;
  /** Whose all-reduce the replicas used: TensorFlow's runtime or gantry's TCP star. */
  transport: 'tensorflow' | 'gantry';
  model: ScalingModel;
  /** Eager updates, or compiled ones (on R=2, with the replicas' mean inside the function). */
  execution: ScalingExecution;
  imagesPerSecond: number;
  /** Bytes one replica sends in the largest all-reduce of an iteration (the generator update's). */
  allReduceBytes: number;
  /**
   * One all-reduce of `allReduceBytes` between replicas that do nothing else (median of 20,
   * after training): the transport's cost. In training the wait for the slower replica comes on
   * top, and part of it overlaps the next critic batch's generator pass.
   */
  allReduceMs: number;
  /** The same for a one-number all-reduce: the round trip's latency. */
  latencyMs: number;
  /**
   * The chief's CPU time over its wall time while measured: about 1 when it never waited (a
   * little above with V8's helper threads). What R=2 loses to waiting shows here without the
   * machine's speed of the moment, which moves images/s by ±20% between runs on a shared
   * machine.
   */
  busy: number;
}

/** What {@link runReplicaScaling} measured. */
export interface ReplicaScalingResult {
  backend: string;
  /** Every run, in the order they ran (R=1 then R=2, round after round). */
  runs: ReplicaRunResult[];
  /** The median over rounds of images/s with 2 replicas over images/s with 1; the target is ≥ 1.7. */
  ratio: number;
  /** Each round's ratio, in round order. */
  roundRatios: number[];
  /**
   * On tensorflow, where R=2 runs as TensorFlow workers, each round's ratio of the same R=2 run
   * through gantry's TCP star instead. Empty on other backends.
   */
  starRatios: number[];
  /**
   * On tensorflow, per model, each round's images/s of compiled R=2 over compiled R=1 and over
   * eager R=2. Empty on other backends.
   */
  compiledRatios: { model: ScalingModel; overCompiledOne: number[]; overEagerTwo: number[] }[];
  /**
   * On wasm, each round's images/s of two concurrent independent half-batch runs over R=1's:
   * what R=2 would reach if the all-reduce cost nothing. Empty on other backends.
   */
  ceilingRatios: number[];
}

/** Options of {@link runReplicaScaling}. */
export interface ReplicaScalingOptions {
  backend?: BackendRequest;
  /** Iterations measured after the warm-up in each run. Default 8. */
  iterations?: number;
  /** How many times R=1 and R=2 alternate. Default 3. */
  rounds?: number;
}

/**
 * A group that remembers the size of its largest all-reduce, eager or (measured when traced)
 * inside a compiled update.
 */
function sized(group: ReplicaGroup, largest: { bytes: number }): ReplicaGroup {
  const mean = group.inGraphMean;
  const inGraphMean: InGraphMean | undefined = mean && {
    nextInstanceKey: () => mean.nextInstanceKey(),
    mean: (values, instanceKey) => {
      largest.bytes = Math.max(largest.bytes, values.size * 4);
      return mean.mean(values, instanceKey);
    },
    failure: (error, instanceKey) => mean.failure(error, instanceKey),
  };
  return {
    rank: group.rank,
    worldSize: group.worldSize,
    isChief: group.isChief,
    allReduceMean: (values) => {
      largest.bytes = Math.max(largest.bytes, values.byteLength);
      return group.allReduceMean(values);
    },
    broadcast: (values) => group.broadcast(values),
    agree: (proposal) => group.agree(proposal),
    close: () => group.close(),
    ...(inGraphMean === undefined ? {} : { inGraphMean }),
  };
}

/** @returns the median wall time, in ms, of an all-reduce of `bytes` between idle replicas. */
async function timeAllReduce(group: ReplicaGroup, bytes: number): Promise<number> {
  if (group.worldSize === 1) return 0;
  const values = new Float32Array(Math.max(1, bytes / 4));
  const times: number[] = [];
  for (let i = 0; i < 23; i++) {
    const start = performance.now();
    await group.allReduceMean(values);
    if (i >= 3) times.push(performance.now() - start);
  }
  return median(times);
}

async function worker(
  backend: BackendRequest,
  iterations: number,
  round: number,
  batch: number,
  out: string,
  model: ScalingModel,
  execution: ScalingExecution,
): Promise<void> {
  await runReplicated({}, async (group) => {
    await initBackend({ backend, logger: silentLogger });
    const models = MODELS[model].models();
    const largest = { bytes: 0 };
    let started = 0;
    let cpuAtStart = process.cpuUsage();
    const trainer = createTrainer({
      generator: models.generator,
      critic: models.critic,
      dataset: new InMemoryDataset(MODELS[model].data()),
      optimizers: {
        critic: new RMSPropOptimizer({ learningRate: 5e-5 }),
        generator: new RMSPropOptimizer({ learningRate: 5e-5 }),
      },
      batchSize: batch,
      nCritic: N_CRITIC,
      latentDim: models.noiseSize,
      weightClip: 0.01,
      steps: WARMUP_ITERATIONS + iterations,
      backend,
      execution,
      logger: silentLogger,
      replicaGroup: sized(group, largest),
      hooks: [
        {
          subscribe: (events$) =>
            events$.subscribe((event) => {
              if (event.kind !== 'generator-step' || event.steps.generator !== WARMUP_ITERATIONS)
                return;
              started = performance.now();
              cpuAtStart = process.cpuUsage();
            }),
        },
      ],
    });
    await trainer.run();
    const seconds = (performance.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuAtStart);
    const allReduceMs = await timeAllReduce(group, largest.bytes);
    const latencyMs = await timeAllReduce(group, 4);
    if (!group.isChief) return;
    const result: Omit<ReplicaRunResult, 'transport'> = {
      round,
      replicas: group.worldSize,
      model,
      execution,
      imagesPerSecond: (iterations * N_CRITIC * batch) / seconds,
      allReduceBytes: largest.bytes,
      allReduceMs,
      latencyMs,
      busy: (cpu.user + cpu.system) / 1e6 / seconds,
    };
    await writeFile(out, JSON.stringify(result));
  });
}

/** One run of the alternation: who trains what, how. */
interface RunPlan {
  round: number;
  replicas: number;
  batch: number;
  name: string;
  transport?: ReplicaRunResult['transport'];
  cores?: readonly number[] | undefined;
  model?: ScalingModel;
  execution?: ScalingExecution;
}

/**
 * Trains the DCGAN with 1 and with 2 forked replicas, alternating over several rounds, and
 * compares their throughput; on tensorflow also with compiled updates, and the MLP.
 *
 * @param options - the backend, how long each run measures and how many rounds.
 * @returns every run, each round's ratio and their median.
 */
export async function runReplicaScaling(
  options: ReplicaScalingOptions = {},
): Promise<ReplicaScalingResult> {
  const backend = options.backend ?? 'wasm';
  const iterations = options.iterations ?? 8;
  const rounds = options.rounds ?? 3;
  const dir = await mkdtemp(join(tmpdir(), 'gantry-replica-scaling-'));
  const self = fileURLToPath(import.meta.url);
  const runs: ReplicaRunResult[] = [];
  const roundRatios: number[] = [];
  const ceilingRatios: number[] = [];
  const starRatios: number[] = [];
  const compiledRatios: ReplicaScalingResult['compiledRatios'] = [];
  // The independent half-batch runs get the cores two bound replicas would get, so the ceiling
  // differs from R=2 by the synchronisation alone.
  const halfCores = planCpuBinding('cores', 2);
  const train = async (plan: RunPlan): Promise<ReplicaRunResult> => {
    const { round, replicas, batch, transport = 'gantry' } = plan;
    const out = join(dir, `round${round}-${plan.name}.json`);
    const numbers = [iterations, round, batch].map(String);
    const how = [plan.model ?? 'dcgan', plan.execution ?? 'eager'];
    const worker = ['--import', 'tsx', self, 'worker', backend, ...numbers, out, ...how];
    const [command, args] = boundCommand(plan.cores, process.execPath, worker);
    await launchLocalReplicas({ replicas, command, args, collectives: transport });
    const run = JSON.parse(await readFile(out, 'utf8')) as Omit<ReplicaRunResult, 'transport'>;
    return { ...run, transport };
  };
  // On the tensorflow backend the replicas are TensorFlow workers, as `gantry train` makes them.
  const native = backend === 'tensorflow';
  for (let round = 0; round < rounds; round++) {
    const one = await train({ round, replicas: 1, batch: BATCH, name: 'r1' });
    const transport = native ? 'tensorflow' : 'gantry';
    const two = await train({ round, replicas: 2, batch: BATCH, name: 'r2', transport });
    runs.push(one, two);
    roundRatios.push(two.imagesPerSecond / one.imagesPerSecond);
    if (native) {
      // The same run through the TCP star, for the comparison.
      const star = await train({ round, replicas: 2, batch: BATCH, name: 'r2-star' });
      runs.push(star);
      starRatios.push(star.imagesPerSecond / one.imagesPerSecond);
      for (const model of ['dcgan', 'mlp'] as const) {
        const batch = MODELS[model].batch;
        // One replica runs alone, as R=1 above; two are TensorFlow workers.
        const plan = (replicas: number, execution: ScalingExecution): RunPlan => ({
          round,
          batch,
          model,
          execution,
          replicas,
          name: `${model}-r${replicas}-${execution}`,
          ...(replicas > 1 ? { transport } : {}),
        });
        const eagerTwo = model === 'dcgan' ? two : await train(plan(2, 'eager'));
        if (model === 'mlp') runs.push(await train(plan(1, 'eager')), eagerTwo);
        const compiledOne = await train(plan(1, 'compiled'));
        const compiledTwo = await train(plan(2, 'compiled'));
        runs.push(compiledOne, compiledTwo);
        let ratios = compiledRatios.find((entry) => entry.model === model);
        if (ratios === undefined) {
          ratios = { model, overCompiledOne: [], overEagerTwo: [] };
          compiledRatios.push(ratios);
        }
        ratios.overCompiledOne.push(compiledTwo.imagesPerSecond / compiledOne.imagesPerSecond);
        ratios.overEagerTwo.push(compiledTwo.imagesPerSecond / eagerTwo.imagesPerSecond);
      }
    }
    if (backend !== 'wasm') continue;
    const halves = await Promise.all(
      [0, 1].map((half) =>
        train({
          round,
          replicas: 1,
          batch: BATCH / 2,
          name: `half${half}`,
          cores: halfCores?.[half],
        }),
      ),
    );
    const together = halves.reduce((sum, run) => sum + run.imagesPerSecond, 0);
    ceilingRatios.push(together / one.imagesPerSecond);
  }
  return {
    backend,
    runs,
    ratio: median(roundRatios),
    roundRatios,
    ceilingRatios,
    starRatios,
    compiledRatios,
  };
}

/**
 * Prints the measurement as a table and a JSON line.
 *
 * @param result - what {@link runReplicaScaling} returned.
 */
export function printReplicaScaling(result: ReplicaScalingResult): void {
  console.log(
    `replica scaling (${result.backend}, WGAN, nCritic ${N_CRITIC}: DCGAN 28×28 global batch ${BATCH}, ` +
      `MLP 3×512 global batch ${MODELS.mlp.batch})`,
  );
  console.log(
    '  round  model  execution  R   transport    images/s   chief busy   all-reduce MB   all-reduce ms   MB/s   latency ms',
  );
  for (const run of result.runs) {
    const mb = run.allReduceBytes / 2 ** 20;
    const rate = run.allReduceMs > 0 ? (mb / run.allReduceMs) * 1000 : 0;
    console.log(
      `  ${String(run.round).padStart(5)}  ${run.model.padEnd(5)}  ${run.execution.padEnd(9)}  ${run.replicas}   ` +
        `${run.transport.padEnd(10)}   ${run.imagesPerSecond.toFixed(1).padStart(8)}   ` +
        `${(run.busy * 100).toFixed(0).padStart(9)}%   ${mb.toFixed(2).padStart(13)}   ` +
        `${run.allReduceMs.toFixed(2).padStart(13)}   ${rate.toFixed(0).padStart(4)}   ${run.latencyMs.toFixed(2).padStart(10)}`,
    );
  }
  console.log(
    '  (all-reduce and latency: between idle replicas after training; chief busy: CPU time ÷ wall time)',
  );
  const spread = result.roundRatios.map((ratio) => ratio.toFixed(2)).join(', ');
  console.log(
    `  ratio R=2 / R=1: ${result.ratio.toFixed(2)}× median of rounds (${spread}; target ≥ 1.7×)`,
  );
  if (result.starRatios.length > 0) {
    const stars = result.starRatios.map((ratio) => ratio.toFixed(2)).join(', ');
    console.log(
      `  the same R=2 through the TCP star / R=1: ${median(result.starRatios).toFixed(2)}× median (${stars})`,
    );
  }
  for (const { model, overCompiledOne, overEagerTwo } of result.compiledRatios) {
    const list = (ratios: number[]): string => ratios.map((ratio) => ratio.toFixed(2)).join(', ');
    console.log(
      `  ${model} compiled R=2 / compiled R=1: ${median(overCompiledOne).toFixed(2)}× (${list(overCompiledOne)}); ` +
        `compiled R=2 / eager R=2: ${median(overEagerTwo).toFixed(2)}× (${list(overEagerTwo)})`,
    );
  }
  if (result.ceilingRatios.length > 0) {
    const ceilings = result.ceilingRatios.map((ratio) => ratio.toFixed(2)).join(', ');
    console.log(
      `  without communication (2 independent half-batch runs / R=1): ` +
        `${median(result.ceilingRatios).toFixed(2)}× median (${ceilings})`,
    );
  }
  console.log(JSON.stringify({ bench: 'replica-scaling', ...result }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  if (process.argv[2] === 'worker') {
    await worker(
      process.argv[3] as BackendRequest,
      Number(process.argv[4]),
      Number(process.argv[5]),
      Number(process.argv[6]),
      process.argv[7]!,
      (process.argv[8] as ScalingModel | undefined) ?? 'dcgan',
      (process.argv[9] as ScalingExecution | undefined) ?? 'eager',
    );
  } else {
    printReplicaScaling(
      await runReplicaScaling({
        backend: (process.argv[2] as BackendRequest | undefined) ?? 'wasm',
        rounds: process.argv[3] === undefined ? 3 : Number(process.argv[3]),
      }),
    );
  }
}
