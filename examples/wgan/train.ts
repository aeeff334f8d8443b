// The WGAN (Arjovsky et al. 2017, Algorithm 1): two RMSProp optimizers, the critic's weights
// clipped to [-0.01, 0.01], n_critic critic updates per generator update — a DCGAN on MNIST,
// written against gantry's public API only. Copy this file to start your own. The quick preset
// trains at RMSProp 5e-4 with 2 critic updates per generator update, which drew digits soonest
// on 2 CPU cores (bench/quality/example-sweep.ts); `--preset canonical` is the paper's 5e-5 and 5.
//
//   npm run example                                    # the quick preset, about 5 minutes
//   node --import tsx examples/wgan/train.ts --preset canonical --logdir runs/wgan-canonical
//   node --import tsx examples/wgan/train.ts --seed 3 --logdir runs/wgan-seed-3
//   tensorboard --logdir runs                          # losses, learning rates, sample grids
//
// Run it again with the same --logdir to resume from the latest checkpoint.
import { parseArgs } from 'node:util';
import {
  CheckpointSaverHook,
  createTrainer,
  dcgan,
  deriveSeed,
  everyN,
  evaluatorFor,
  generatorSamples,
  ImageGridHook,
  initBackend,
  installSignalHandlers,
  LearningRateScheduleHook,
  LoggingHook,
  mnist,
  ProgressBarHook,
  RMSPropOptimizer,
  schedules,
  SummarySaverHook,
  wasserstein,
  type Hook,
} from 'gantry';
import { PRESETS, type ExamplePreset, type PresetName } from './presets.js';

const { values: flags } = parseArgs({
  options: {
    preset: { type: 'string', default: 'quick' },
    logdir: { type: 'string', default: 'runs/wgan' },
    backend: { type: 'string', default: 'auto' },
    seed: { type: 'string', default: '0' },
  },
});
if (!(flags.preset in PRESETS)) {
  throw new Error(
    `--preset must be one of ${Object.keys(PRESETS).join(', ')}, got ${flags.preset}`,
  );
}
const preset: ExamplePreset = PRESETS[flags.preset as PresetName];
const backend = flags.backend as 'auto' | 'tensorflow' | 'wasm' | 'cpu';
const { logdir } = flags;

// tensorflow when a native binding is installed (`gantry setup tensorflow`), else wasm.
const { name: activeBackend } = await initBackend({ backend });
const steps =
  activeBackend === 'tensorflow' ? preset.steps : (preset.embeddedSteps ?? preset.steps);
// Every random draw derives from one seed, each purpose in a stream of its own: the layers'
// initial weights, the data order, the noise, the sample grids.
const seed = Number(flags.seed);
if (!Number.isSafeInteger(seed) || seed < 0) {
  throw new Error(`--seed must be a non-negative integer, got ${flags.seed}`);
}
const digits = mnist(deriveSeed(seed, 'data'));
const { generator, critic, noiseSize } = dcgan({
  imageSize: 28,
  channels: 1,
  baseFilters: preset.baseFilters,
  noiseSize: preset.noiseSize,
  seed,
});

// Two optimizers, each with its own global step: after N iterations global_step/critic reads
// n_critic·N and global_step/generator reads N. The generator's is named RMSProp_1, as a second
// optimizer in a TF1 graph would be, so their slots have distinct checkpoint names.
const { learningRate } = preset;
const optimizers = {
  critic: new RMSPropOptimizer({ learningRate }),
  generator: new RMSPropOptimizer({ learningRate, name: 'RMSProp_1' }),
};

// A decay schedule subscribed to the event stream: each network's rate halves over the run,
// counted on that network's own global step.
const halveOver = (decaySteps: number) =>
  schedules.exponentialDecay({ learningRate, decaySteps, decayRate: 0.5 });
const decay: Hook[] = [
  new LearningRateScheduleHook({
    optimizer: 'critic',
    schedule: halveOver(steps * preset.nCritic),
  }),
  new LearningRateScheduleHook({ optimizer: 'generator', schedule: halveOver(steps) }),
];

// A custom hook: a hook is anything with subscribe(events$, context). This one keeps a running
// mean of the critic's Wasserstein estimate — the WGAN's measure of progress, which should fall
// as the generator improves — and logs it with both global steps.
const wassersteinTrend: Hook = {
  name: 'WassersteinTrend',
  subscribe(events$, context) {
    let mean: number | undefined;
    const subscription = events$.subscribe((event) => {
      const estimate = event.kind === 'critic-step' ? event.metrics.wasserstein : undefined;
      if (estimate !== undefined)
        mean = mean === undefined ? estimate : 0.98 * mean + 0.02 * estimate;
    });
    subscription.add(
      events$.pipe(everyN(preset.sampleEvery)).subscribe(({ steps }) => {
        context.logger.info(
          `generator step ${steps.generator}, critic step ${steps.critic}: ` +
            `Wasserstein estimate ≈ ${mean?.toFixed(4) ?? 'n/a'}`,
        );
      }),
    );
    return subscription;
  },
};

const trainer = createTrainer({
  generator,
  critic,
  dataset: digits,
  loss: wasserstein(),
  optimizers,
  nCritic: preset.nCritic,
  batchSize: preset.batchSize,
  weightClip: preset.weightClip,
  latentDim: noiseSize,
  steps,
  seed,
  logdir,
  hooks: [
    ...decay,
    wassersteinTrend,
    // A progress bar on a terminal; a log line every summary period elsewhere (CI, pipes).
    process.stderr.isTTY && process.env.CI === undefined
      ? new ProgressBarHook()
      : new LoggingHook({ everyN: preset.summaryEvery }),
    new SummarySaverHook({ everyNSteps: preset.summaryEvery }),
    new ImageGridHook({ everyNSteps: preset.sampleEvery, columns: 8 }),
    new CheckpointSaverHook({ everyNSteps: preset.checkpointEvery }),
  ],
});

// Ctrl-C stops at the end of the current iteration and still saves a checkpoint.
const uninstall = installSignalHandlers(trainer);
const started = performance.now();
const cpuAtStart = process.cpuUsage();
const result = await trainer.run();
uninstall();
const minutes = ((performance.now() - started) / 60_000).toFixed(1);
// CPU time, every thread counted: what the run costs however busy the machine was.
const cpu = process.cpuUsage(cpuAtStart);
const cpuMinutes = ((cpu.user + cpu.system) / 60e6).toFixed(1);
console.log(
  `ended (${result.reason}) at generator step ${result.steps.generator}, critic step ` +
    `${result.steps.critic} after ${minutes} min (${cpuMinutes} CPU-min); grids in ${logdir}/samples, checkpoints in ` +
    `${logdir}/checkpoints, TensorBoard: tensorboard --logdir ${logdir}`,
);
if (result.error !== undefined) process.exitCode = 1;

// gantry's own measure of the result: samples of the trained generator scored on the shipped
// digit classifier's features — the Fréchet distance to the real digits (lower is better; the
// classifier's held-out digits score about 1) and how many digit classes appear.
const evaluator = await evaluatorFor(digits, { image: { kid: false } });
const samples = generatorSamples((z) => trainer.generator.apply(z, false), {
  count: preset.evalSamples,
  noiseSize,
  seed: deriveSeed(seed, 'evaluation'),
});
const scores = await evaluator.take(samples).score();
evaluator.dispose();
console.log(
  `${preset.evalSamples} samples: Fréchet distance ${scores['frechet_distance']?.toFixed(1)}, ` +
    `${scores['classes_present']} of 10 digit classes (gantry eval --logdir ${logdir} for more)`,
);
