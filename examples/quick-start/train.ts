// The README's 30-second example: a WGAN-GP learns the 25-mode grid on the embedded backend.
import {
  AdamOptimizer,
  createTrainer,
  deriveSeed,
  everyN,
  grid25,
  initBackend,
  mlpGan,
  ofKind,
  wassersteinGradientPenalty,
} from 'gantry';

const steps = Number(process.argv[2] ?? 300);
const seed = 1; // every random draw of the run derives from it, each in a stream of its own
await initBackend({ backend: 'auto' }); // tensorflow when installed, else the embedded wasm
const { generator, critic, noiseSize } = mlpGan({ width: 128, depth: 3, seed });
const adam = () => new AdamOptimizer({ learningRate: 1e-4, beta1: 0.5, beta2: 0.9 });

const trainer = createTrainer({
  generator,
  critic,
  dataset: grid25(deriveSeed(seed, 'data')),
  loss: wassersteinGradientPenalty({ weight: 1 }),
  optimizers: { critic: adam(), generator: adam() },
  nCritic: 5,
  batchSize: 128,
  latentDim: noiseSize,
  steps, // the target of global_step/generator, as TF's last_step
  seed, // the noise and the gradient penalty's draws
  logdir: 'runs/quick-start',
});

trainer.events$.pipe(ofKind('generator-step'), everyN(100)).subscribe((event) => {
  const { critic: criticStep, generator: generatorStep } = event.steps;
  console.log(
    `generator step ${generatorStep} (critic step ${criticStep}): loss ${event.loss.toFixed(4)}`,
  );
});

const result = await trainer.run();
console.log(
  `ended (${result.reason}) at critic step ${result.steps.critic}, generator step ${result.steps.generator}`,
);
