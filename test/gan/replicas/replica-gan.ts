import {
  AdamOptimizer,
  InMemoryDataset,
  RMSPropOptimizer,
  TcpReplicaGroup,
  createTrainer,
  findFreePort,
  fromFunction,
  silentLogger,
  tf,
  wasserstein,
  wassersteinGradientPenalty,
  type GanTrainer,
  type Hook,
  type ReplicaGroup,
  type TrainerConfig,
  type TrainingEvent,
} from '../../../src/index.js';
import { fakeClock } from '../tiny-gan.js';

/** The two objectives the equivalence tests cover. */
export type Flavour = 'wgan' | 'wgan-gp';

let counter = 0;

/**
 * A small MLP GAN (no batch norm) over fixed 2-D data. `initSeed` varies the initial weights,
 * so a replica that starts elsewhere shows whether the chief's weights were broadcast.
 */
export function replicaGanConfig(
  flavour: Flavour,
  initSeed: number,
  overrides: Partial<TrainerConfig> = {},
): TrainerConfig {
  counter += 1;
  const v = (shape: number[], seed: number, name: string): tf.Variable =>
    tf.variable(
      tf.randomNormal(shape, 0, 0.5, 'float32', initSeed + seed),
      true,
      `${name}_r${counter}`,
    );
  const gw = v([3, 8], 1, 'generator/w');
  const gw2 = v([8, 2], 2, 'generator/w2');
  const cw1 = v([2, 8], 3, 'critic/w1');
  const cw2 = v([8, 1], 4, 'critic/w2');
  const gp = flavour === 'wgan-gp';
  // Adam's beta powers are engine-wide names: each optimizer of each replica needs its own.
  const optimizer = (role: string): RMSPropOptimizer | AdamOptimizer =>
    gp
      ? new AdamOptimizer({
          learningRate: 1e-3,
          beta1: 0.5,
          beta2: 0.9,
          name: `Adam_${role}${counter}`,
        })
      : new RMSPropOptimizer({ learningRate: 5e-3 });
  return {
    generator: fromFunction('generator', (z) => tf.matMul(tf.relu(tf.matMul(z, gw)), gw2), [
      gw,
      gw2,
    ]),
    critic: fromFunction('critic', (x) => tf.matMul(tf.tanh(tf.matMul(x, cw1)), cw2), [cw1, cw2]),
    dataset: new InMemoryDataset(data()),
    loss: gp ? wassersteinGradientPenalty({ weight: 10, seed: 11 }) : wasserstein(),
    optimizers: { critic: optimizer('c'), generator: optimizer('g') },
    ...(gp ? {} : { weightClip: 0.05 }),
    batchSize: 16,
    latentDim: 3,
    nCritic: 3,
    seed: 5,
    steps: 4,
    backend: 'cpu',
    logger: silentLogger,
    clock: fakeClock(),
    ...overrides,
  };
}

let shared: tf.Tensor | undefined;
function data(): tf.Tensor {
  shared ??= tf.randomNormal([48, 2], 2, 0.3, 'float32', 9);
  return shared;
}

/** Every step event a trainer emits. */
export class StepRecorder implements Hook {
  readonly losses: number[] = [];
  subscribe(events$: import('rxjs').Observable<TrainingEvent>): import('rxjs').Subscription {
    return events$.subscribe((event) => {
      if (event.kind === 'critic-step' || event.kind === 'generator-step')
        this.losses.push(event.loss);
    });
  }
}

/**
 * Connects `worldSize` replica groups over loopback inside this process.
 *
 * @param worldSize - replicas.
 * @param timeoutMs - how long collectives wait.
 * @returns the groups, by rank.
 */
export async function loopbackGroups(
  worldSize: number,
  timeoutMs = 10_000,
): Promise<TcpReplicaGroup[]> {
  const port = await findFreePort();
  return Promise.all(
    Array.from({ length: worldSize }, (_, rank) =>
      TcpReplicaGroup.connect({ rank, worldSize, host: '127.0.0.1', port, timeoutMs }),
    ),
  );
}

/**
 * Builds one trainer per group (replica r gets `configFor(r)`), runs them concurrently — their
 * collectives interleave on this process's event loop — and closes the groups.
 */
export async function runTogether(
  groups: readonly ReplicaGroup[],
  configFor: (rank: number) => TrainerConfig,
): Promise<{ trainers: GanTrainer[]; results: Awaited<ReturnType<GanTrainer['run']>>[] }> {
  const trainers = groups.map((group, rank) =>
    createTrainer({ ...configFor(rank), replicaGroup: group }),
  );
  try {
    const results = await Promise.all(trainers.map((trainer) => trainer.run()));
    return { trainers, results };
  } finally {
    await Promise.all(groups.map((group) => group.close()));
  }
}

/** The trained weights of a trainer, generator then critic, as flat arrays. */
export function weightsOf(trainer: GanTrainer): number[][] {
  return [...trainer.generator.trainableVariables, ...trainer.critic.trainableVariables].map(
    (v) => [...v.dataSync()],
  );
}
