/**
 * What gantry's trainer costs over a hand-written tfjs loop doing the same math: a WGAN
 * (5 critic updates with weight clipping, then one generator update, RMSProp) on small MLPs,
 * once through `createTrainer(...).run()` with the usual hooks, once as a bare loop over the
 * same optimizers and models. The target is a ratio ≤ 1.05. Run on its own with
 * `node --import tsx bench/framework-overhead.ts`; bench/run.ts calls {@link runFrameworkOverhead}.
 */
import { pathToFileURL } from 'node:url';
import {
  GlobalStep,
  LoggingHook,
  NanGuardHook,
  RMSPropOptimizer,
  StepCounterHook,
  createTrainer,
  fromLayersModel,
  initBackend,
  InMemoryDataset,
  ofKind,
  silentLogger,
  stopGradient,
  tf,
  type BackendRequest,
  type GanModel,
} from '../src/index.js';
import { median } from './timing.js';

/**
 * What {@link runFrameworkOverhead} measured: medians of CPU time (user + system) per
 * iteration in milliseconds, steadier than wall time on a machine other processes share.
 */
export interface FrameworkOverheadResult {
  backend: string;
  handWrittenMs: number;
  frameworkMs: number;
  /** `frameworkMs / handWrittenMs`; the target is ≤ 1.05. */
  ratio: number;
}

const N_CRITIC = 5;
const BATCH = 64;
const LATENT = 32;

function cpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

function mlp(name: string, input: number, output: number): GanModel {
  const model = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 64,
        activation: 'relu',
        inputShape: [input],
        name: `${name}/dense`,
      }),
      tf.layers.dense({ units: 64, activation: 'relu', name: `${name}/dense_1` }),
      tf.layers.dense({ units: output, name: `${name}/dense_2` }),
    ],
  });
  return fromLayersModel(model, name);
}

function setup(): { generator: GanModel; critic: GanModel; data: InMemoryDataset } {
  const data = new InMemoryDataset(tf.randomNormal([1024, 2], 0, 1, 'float32', 1));
  return { generator: mlp('generator', LATENT, 2), critic: mlp('critic', 2, 1), data };
}

/** The same math as the trainer's iteration, with nothing around it. */
function handWrittenIterations(iterations: number): number[] {
  const { generator, critic, data } = setup();
  const optD = new RMSPropOptimizer({ learningRate: 5e-5 });
  const optG = new RMSPropOptimizer({ learningRate: 5e-5 });
  const steps = {
    critic: new GlobalStep('global_step/critic'),
    generator: new GlobalStep('global_step/generator'),
  };
  let seed = 0;
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const start = cpuMs();
    for (let k = 0; k < N_CRITIC; k++) {
      tf.tidy(() => {
        const real = data.next(BATCH);
        const fake = stopGradient(
          generator.apply(tf.randomNormal([BATCH, LATENT], 0, 1, 'float32', seed++), true),
        );
        const { gradsAndVars } = optD.computeGradients(
          () => tf.sub(tf.mean(critic.apply(fake, true)), tf.mean(critic.apply(real, true))),
          [...critic.trainableVariables],
        );
        optD.applyGradients(gradsAndVars, { globalStep: steps.critic });
        for (const v of critic.trainableVariables) v.assign(tf.clipByValue(v, -0.01, 0.01));
      });
    }
    tf.tidy(() => {
      const z = tf.randomNormal([BATCH, LATENT], 0, 1, 'float32', seed++);
      const { gradsAndVars } = optG.computeGradients(
        () => tf.neg(tf.mean(critic.apply(generator.apply(z, true), true))),
        [...generator.trainableVariables],
      );
      optG.applyGradients(gradsAndVars, { globalStep: steps.generator });
    });
    generator.trainableVariables[0]?.dataSync();
    times.push(cpuMs() - start);
  }
  return times;
}

async function frameworkIterations(iterations: number): Promise<number[]> {
  const { generator, critic, data } = setup();
  const trainer = createTrainer({
    generator,
    critic,
    dataset: data,
    nCritic: N_CRITIC,
    batchSize: BATCH,
    latentDim: LATENT,
    weightClip: 0.01,
    steps: iterations,
    backend: tf.getBackend() as BackendRequest,
    logger: silentLogger,
    hooks: [new StepCounterHook(), new LoggingHook(), new NanGuardHook()],
  });
  const times: number[] = [];
  let last = 0;
  trainer.events$.pipe(ofKind('begin', 'generator-step')).subscribe(() => {
    const now = cpuMs();
    if (last > 0) times.push(now - last);
    last = now;
  });
  await trainer.run();
  return times;
}

/**
 * Times both loops, alternating so a busy machine affects both alike, and compares medians.
 *
 * @param options - the backend and how many iterations per round.
 * @returns per-iteration medians and their ratio.
 */
export async function runFrameworkOverhead(
  options: { backend?: BackendRequest; iterations?: number; rounds?: number } = {},
): Promise<FrameworkOverheadResult> {
  const iterations = options.iterations ?? 20;
  const rounds = options.rounds ?? 3;
  await initBackend({ backend: options.backend ?? 'wasm', logger: silentLogger });
  const bare: number[] = [];
  const framework: number[] = [];
  for (let round = 0; round < rounds; round++) {
    // The first few iterations of each loop create slots and warm kernels: not timed.
    bare.push(...handWrittenIterations(iterations).slice(3));
    framework.push(...(await frameworkIterations(iterations)).slice(3));
  }
  const handWrittenMs = median(bare);
  const frameworkMs = median(framework);
  return {
    backend: tf.getBackend(),
    handWrittenMs,
    frameworkMs,
    ratio: frameworkMs / handWrittenMs,
  };
}

/**
 * Prints the measurement as a table and a JSON line.
 *
 * @param result - what {@link runFrameworkOverhead} returned.
 */
export function printFrameworkOverhead(result: FrameworkOverheadResult): void {
  console.log(
    `framework overhead (${result.backend}, WGAN nCritic ${N_CRITIC}, MLP 64×2, batch ${BATCH})`,
  );
  console.log(`  hand-written loop  ${result.handWrittenMs.toFixed(2)} ms CPU/iteration`);
  console.log(`  gantry trainer     ${result.frameworkMs.toFixed(2)} ms CPU/iteration`);
  console.log(`  ratio              ${result.ratio.toFixed(3)} (target ≤ 1.05)`);
  console.log(JSON.stringify({ bench: 'framework-overhead', ...result }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  printFrameworkOverhead(
    await runFrameworkOverhead({
      backend: (process.argv[2] as BackendRequest | undefined) ?? 'wasm',
    }),
  );
}
