import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import {
  AdadeltaOptimizer,
  AdagradOptimizer,
  AdamOptimizer,
  FtrlOptimizer,
  GradientDescentOptimizer,
  MomentumOptimizer,
  CheckpointSaverHook,
  NanGuardHook,
  RMSPropOptimizer,
  createTrainer,
  initBackend,
  ofKind,
  silentLogger,
  tf,
  wassersteinGradientPenalty,
  type GanLoss,
  type GanTrainer,
  type Hook,
  type Logger,
  type Optimizer,
  type TrainerConfig,
} from '../../../src/index.js';
import { Subscription } from 'rxjs';
import { availableBackends } from '../../support/backends.js';
import { tinyGanConfig } from '../tiny-gan.js';

const tensorflow = availableBackends().find((b) => b.name === 'tensorflow');
/** Graph and eager execution may order float sums differently (TensorFlow's grappler). */
const TOLERANCE = 1e-5;

interface Run {
  trainer: GanTrainer;
  optimizers: { critic: Optimizer; generator: Optimizer };
  logs: string[];
}

function run(
  execution: 'eager' | 'compiled' | 'auto',
  overrides: Partial<TrainerConfig> = {},
): Run {
  const logs: string[] = [];
  const logger: Logger = { info: (m) => logs.push(m), warn: (m) => logs.push(m) };
  const optimizers = {
    critic: overrides.optimizers?.critic ?? new RMSPropOptimizer({ learningRate: 5e-3 }),
    generator: overrides.optimizers?.generator ?? new RMSPropOptimizer({ learningRate: 5e-3 }),
  };
  const trainer = createTrainer(
    tinyGanConfig({
      backend: 'tensorflow',
      execution,
      weightClip: 0.05,
      steps: 20,
      hooks: [new NanGuardHook()],
      logdir: mkdtempSync(join(tmpdir(), `gantry-compiled-${execution}-`)),
      logger,
      ...overrides,
      optimizers,
    }),
  ) as GanTrainer;
  return { trainer, optimizers, logs };
}

/** Every weight and slot of a run, in a fixed order, as numbers. */
function state({ trainer, optimizers }: Run): number[][] {
  const variables = [
    ...trainer.critic.trainableVariables,
    ...trainer.generator.trainableVariables,
    ...optimizers.critic.variables(),
    ...optimizers.generator.variables(),
  ];
  return variables.map((v) => Array.from(v.dataSync()));
}

function maxDifference(a: number[][], b: number[][]): number {
  assert.equal(a.length, b.length);
  let max = 0;
  a.forEach((row, i) => row.forEach((x, j) => (max = Math.max(max, Math.abs(x - b[i]![j]!)))));
  return max;
}

describe('compiled updates on tensorflow', { skip: tensorflow?.absentBecause ?? false }, () => {
  before(() => initBackend({ backend: 'tensorflow', logger: silentLogger }));

  it('agrees with eager WGAN (RMSProp, weight clipping) after 20 iterations: steps, weights, slots', async () => {
    const eager = run('eager');
    const compiled = run('compiled');
    const eagerLosses: number[] = [];
    const compiledLosses: number[] = [];
    eager.trainer.events$.pipe(ofKind('critic-step')).subscribe((e) => eagerLosses.push(e.loss));
    compiled.trainer.events$
      .pipe(ofKind('critic-step'))
      .subscribe((e) => compiledLosses.push(e.loss));
    await eager.trainer.run();
    assert.equal((await compiled.trainer.run()).reason, 'last-step');
    assert.deepEqual(compiled.trainer.steps, { critic: 60, generator: 20 });
    assert.deepEqual(compiled.trainer.steps, eager.trainer.steps);
    assert.equal(compiled.optimizers.critic.iterations.value, 60);
    const difference = maxDifference(state(eager), state(compiled));
    assert.ok(difference < TOLERANCE, `weights and slots differ by ${difference}`);
    assert.ok(maxDifference([eagerLosses], [compiledLosses]) < TOLERANCE);
    assert.ok(
      compiled.logs.some((l) => /critic_update: traced into one TensorFlow function/.test(l)),
    );
    assert.ok(
      compiled.logs.some((l) => /generator_update: traced into one TensorFlow function/.test(l)),
    );
  });

  it('agrees with eager with Adam and global-norm clipping', async () => {
    const adam = () => ({
      critic: new AdamOptimizer({ learningRate: 1e-3, beta1: 0.5 }),
      generator: new AdamOptimizer({ learningRate: 1e-3, beta1: 0.5, name: 'Adam_1' }),
    });
    const eager = run('eager', { gradientClipNorm: 0.5, optimizers: adam() });
    const compiled = run('compiled', { gradientClipNorm: 0.5, optimizers: adam() });
    await eager.trainer.run();
    assert.equal((await compiled.trainer.run()).reason, 'last-step');
    const difference = maxDifference(state(eager), state(compiled));
    assert.ok(difference < TOLERANCE, `weights and slots differ by ${difference}`);
  });

  const everyOptimizer: readonly [string, (name: string) => Optimizer][] = [
    ['GradientDescent', (name) => new GradientDescentOptimizer({ learningRate: 1e-2, name })],
    ['Momentum', (name) => new MomentumOptimizer({ learningRate: 1e-2, momentum: 0.9, name })],
    [
      'Nesterov',
      (name) =>
        new MomentumOptimizer({ learningRate: 1e-2, momentum: 0.9, useNesterov: true, name }),
    ],
    ['Adagrad', (name) => new AdagradOptimizer({ learningRate: 1e-2, name })],
    ['Adadelta', (name) => new AdadeltaOptimizer({ learningRate: 1, name })],
    ['Ftrl', (name) => new FtrlOptimizer({ learningRate: 1e-2, name })],
    [
      'centered RMSProp',
      (name) => new RMSPropOptimizer({ learningRate: 1e-3, centered: true, momentum: 0.5, name }),
    ],
  ];
  for (const [label, make] of everyOptimizer) {
    it(`agrees with eager with ${label}, and the generator's moving average`, async () => {
      const pair = () => ({ critic: make('critic_opt'), generator: make('generator_opt') });
      const eager = run('eager', { optimizers: pair(), steps: 6, emaDecay: 0.9 });
      const compiled = run('compiled', { optimizers: pair(), steps: 6, emaDecay: 0.9 });
      await eager.trainer.run();
      assert.equal((await compiled.trainer.run()).reason, 'last-step');
      const shadows = (t: GanTrainer) =>
        t.generator.trainableVariables.map((v) =>
          Array.from(t.generatorAverage?.average(v)?.dataSync() ?? []),
        );
      const difference = maxDifference(
        [...state(eager), ...shadows(eager.trainer)],
        [...state(compiled), ...shadows(compiled.trainer)],
      );
      assert.ok(difference < TOLERANCE, `weights, slots and averages differ by ${difference}`);
      assert.ok(shadows(compiled.trainer)[0]!.length > 0);
    });
  }

  it('feeds a scheduled learning rate as an argument: agrees with eager and traces once', async () => {
    const scheduled = () => ({
      critic: new RMSPropOptimizer({ learningRate: (step) => 5e-3 / (1 + step) }),
      generator: new RMSPropOptimizer({ learningRate: (step) => 5e-3 / (1 + step) }),
    });
    const eager = run('eager', { optimizers: scheduled() });
    const compiled = run('compiled', { optimizers: scheduled() });
    await eager.trainer.run();
    assert.equal((await compiled.trainer.run()).reason, 'last-step');
    assert.ok(maxDifference(state(eager), state(compiled)) < TOLERANCE);
    assert.equal(compiled.logs.filter((l) => /traced into one/.test(l)).length, 2);
  });

  it('skips the updates a guard refuses, the traced one included, as eager does; observers see the gradients', async () => {
    // Refuses the 1st critic update (the one that traces) and the 5th.
    const guarded = (): Hook & { gradientNorms: number[] } => {
      let calls = 0;
      const gradientNorms: number[] = [];
      return {
        name: 'RefuseSome',
        gradientNorms,
        subscribe: (_events$, context) => {
          context.addUpdateGuard(({ step }) => step !== 'critic' || ![1, 5].includes(++calls));
          context.observeGradients(({ step, gradsAndVars }) => {
            if (step === 'critic')
              gradientNorms.push(tf.tidy(() => tf.norm(gradsAndVars[0]![0]).dataSync()[0]!));
          });
          return new Subscription();
        },
      };
    };
    const eagerHook = guarded();
    const compiledHook = guarded();
    const eager = run('eager', { steps: 4, hooks: [eagerHook] });
    const compiled = run('compiled', { steps: 4, hooks: [compiledHook] });
    const skipped: boolean[] = [];
    compiled.trainer.events$.pipe(ofKind('critic-step')).subscribe((e) => skipped.push(e.skipped));
    await eager.trainer.run();
    assert.equal((await compiled.trainer.run()).reason, 'last-step');
    assert.deepEqual(compiled.trainer.steps, { critic: 10, generator: 4 });
    assert.deepEqual(compiled.trainer.steps, eager.trainer.steps);
    assert.equal(compiled.optimizers.critic.iterations.value, 10);
    assert.deepEqual(skipped.slice(0, 6), [true, false, false, false, true, false]);
    assert.ok(maxDifference(state(eager), state(compiled)) < TOLERANCE);
    assert.equal(compiledHook.gradientNorms.length, 10);
    assert.ok(maxDifference([eagerHook.gradientNorms], [compiledHook.gradientNorms]) < TOLERANCE);
  });

  it('resumes a checkpoint written eagerly in compiled mode, ending where one eager run ends', async () => {
    const logdir = mkdtempSync(join(tmpdir(), 'gantry-compiled-resume-'));
    const tiny = tinyGanConfig({ backend: 'tensorflow', weightClip: 0.05 });
    // Both halves train the same model variables; the second restores them, and the slots into
    // fresh optimizers, from the first half's checkpoint.
    const half = (execution: 'eager' | 'compiled', steps: number) => {
      const optimizers = {
        critic: new RMSPropOptimizer({ learningRate: 5e-3 }),
        generator: new RMSPropOptimizer({ learningRate: 5e-3 }),
      };
      const trainer = createTrainer({
        ...tiny,
        execution,
        steps,
        logdir,
        logger: silentLogger,
        optimizers,
        hooks: [new CheckpointSaverHook()],
      }) as GanTrainer;
      return { trainer, optimizers };
    };
    const first = half('eager', 10);
    await first.trainer.run();
    first.optimizers.critic.dispose();
    first.optimizers.generator.dispose();
    const { trainer: resumed } = half('compiled', 20);
    assert.equal((await resumed.run()).reason, 'last-step');
    assert.deepEqual(resumed.resumedFrom?.steps, { critic: 30, generator: 10 });
    const whole = run('eager');
    await whole.trainer.run();
    assert.deepEqual(resumed.steps, whole.trainer.steps);
    const weights = (t: GanTrainer) =>
      [...t.critic.trainableVariables, ...t.generator.trainableVariables].map((v) =>
        Array.from(v.dataSync()),
      );
    assert.ok(maxDifference(weights(resumed), weights(whole.trainer)) < TOLERANCE);
  });

  for (const [label, loss] of [
    ["the run's seed", () => wassersteinGradientPenalty()],
    ['its own seed', () => wassersteinGradientPenalty({ seed: 3 })],
  ] as const) {
    it(`agrees with eager WGAN-GP (second-order gradients, ε drawn with ${label})`, async () => {
      const eagerLoss = loss();
      const compiledLoss = loss();
      const eager = run('eager', { loss: eagerLoss, weightClip: undefined, steps: 8 });
      const compiled = run('compiled', { loss: compiledLoss, weightClip: undefined, steps: 8 });
      await eager.trainer.run();
      assert.equal((await compiled.trainer.run()).reason, 'last-step');
      assert.deepEqual(compiled.trainer.steps, { critic: 24, generator: 8 });
      assert.deepEqual(compiledLoss.stateDict(), eagerLoss.stateDict());
      const difference = maxDifference(state(eager), state(compiled));
      assert.ok(difference < TOLERANCE, `weights and slots differ by ${difference}`);
    });
  }

  it('falls back to eager under auto, naming why, for a loss that reads a value back; compiled refuses', async () => {
    const reading: GanLoss = {
      name: 'reading',
      criticLoss: ({ realScores, fakeScores }) => {
        const gap = tf.sub(tf.mean(fakeScores), tf.mean(realScores));
        if (!Number.isFinite(gap.dataSync()[0])) throw new Error('not finite');
        return { loss: gap, metrics: {} };
      },
      generatorLoss: (fakeScores) => ({ loss: tf.neg(tf.mean(fakeScores)), metrics: {} }),
    };
    const auto = run('auto', { steps: 2, loss: reading });
    assert.equal((await auto.trainer.run()).reason, 'last-step');
    assert.ok(
      auto.logs.some((l) => /critic_update: cannot compile .*back to JavaScript/.test(l)),
      auto.logs.join('\n'),
    );
    assert.ok(auto.logs.some((l) => /generator_update: traced into one/.test(l)));
    const strict = run('compiled', { steps: 2, loss: reading });
    assert.equal((await strict.trainer.run()).reason, 'error');
  });

  it('keeps tensors and TensorFlow handles flat over 300 compiled iterations, tracing once each', async () => {
    const compiled = run('compiled', { steps: 300, nCritic: 2 });
    const binding = (tf.backend() as unknown as { binding: { getNumOfTensors(): number } }).binding;
    const counts: number[][] = [];
    compiled.trainer.events$.pipe(ofKind('generator-step')).subscribe((e) => {
      if (e.steps.generator === 10 || e.steps.generator === 300)
        counts.push([tf.memory().numTensors, binding.getNumOfTensors()]);
    });
    await compiled.trainer.run();
    assert.equal(counts.length, 2);
    assert.deepEqual(counts[1], counts[0]);
    const traces = compiled.logs.filter((l) => /traced into one TensorFlow function/.test(l));
    assert.equal(traces.length, 2);
  });
});
