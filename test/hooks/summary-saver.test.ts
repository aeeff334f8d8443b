import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  AdamOptimizer,
  CheckpointSaverHook,
  SessionStatus,
  StopAtStepHook,
  SummarySaverHook,
  SummaryWriter,
  createTrainer,
  initBackend,
  mlpGan,
  silentLogger,
  tf,
  wassersteinGradientPenalty,
  type CriticStepEvent,
  type GeneratorStepEvent,
  type Hook,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { fakeClock, tinyGanConfig } from '../gan/tiny-gan.js';
import { readRun, stepsOf } from './summary-points.js';
import { temporaryLogdir } from './tiny-image-gan.js';

/** Records the step events and moves the fake clock 10 ms per critic update. */
class Recorder implements Hook {
  readonly critic: CriticStepEvent[] = [];
  readonly generator: GeneratorStepEvent[] = [];
  constructor(private readonly clock?: { advance(ms: number): void }) {}
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => {
      if (event.kind === 'critic-step') {
        this.critic.push(event);
        this.clock?.advance(10);
      }
      if (event.kind === 'generator-step') this.generator.push(event);
    });
  }
}

/** Fails at the given generator step. */
class FailAt implements Hook {
  readonly name = 'FailAt';
  constructor(private readonly step: number) {}
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => {
      if (event.kind === 'generator-step' && event.steps.generator === this.step) {
        throw new Error('boom');
      }
    });
  }
}

/** Refuses every critic update, as a NanGuardHook in skip mode does for NaN losses. */
class SkipCritic implements Hook {
  subscribe(_events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    context.addUpdateGuard(({ step }) => step !== 'critic');
    return _events$.subscribe();
  }
}

/** Records each applied update's gradient range, by `<variable>@<network step>`. */
class GradientRanges implements Hook {
  readonly ranges = new Map<string, [number, number]>();
  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    context.observeGradients(({ step, steps, gradsAndVars }) => {
      for (const [grad, variable] of gradsAndVars) {
        const values = [...grad.dataSync()];
        this.ranges.set(`${variable.name}@${steps[step]}`, [
          Math.min(...values),
          Math.max(...values),
        ]);
      }
    });
    return events$.subscribe();
  }
}

/** Asserts the writer of `logdir` is closed: a new one may open the folder. */
async function assertWriterClosed(logdir: string): Promise<void> {
  const writer = new SummaryWriter(logdir);
  await writer.close();
}

describe('SummarySaverHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('writes critic values at critic steps and generator values at generator steps', async () => {
    const logdir = await temporaryLogdir();
    const clock = fakeClock();
    const recorder = new Recorder(clock);
    const hook = new SummarySaverHook({ everyNSteps: 2, histogramsEveryNSteps: 3 });
    const config = tinyGanConfig({
      logdir,
      clock,
      nCritic: 3,
      steps: 6,
      gradientClipNorm: 10,
      loss: wassersteinGradientPenalty({ seed: 1 }),
      hooks: [recorder, hook],
    });
    const result = await createTrainer(config).run();
    assert.equal(result.reason, 'last-step');
    const run = await readRun(logdir);

    for (const tag of ['loss', 'learning_rate', 'wasserstein', 'gradient_penalty', 'gradient_norm'])
      assert.deepEqual(stepsOf(run, `critic/${tag}`), [6, 12, 18], `critic/${tag}`);
    for (const tag of ['loss', 'learning_rate', 'gradient_norm'])
      assert.deepEqual(stepsOf(run, `generator/${tag}`), [2, 4, 6], `generator/${tag}`);
    // 2 generator steps per period, 3 critic updates of 10 ms each per generator step.
    const rates = run.tags.get('global_step/generator/sec') ?? [];
    assert.deepEqual(
      rates.map((p) => p.step),
      [2, 4, 6],
    );
    for (const p of rates) assert.equal(p.tensor.floatVal?.[0], Math.fround((2 * 1000) / 60));

    const loss = (tag: string) => run.tags.get(tag)?.map((p) => p.tensor.floatVal?.[0]);
    const atCritic = [6, 12, 18].map((s) => recorder.critic.find((e) => e.steps.critic === s)!);
    assert.deepEqual(
      loss('critic/loss'),
      atCritic.map((e) => Math.fround(e.loss)),
    );
    assert.deepEqual(
      loss('critic/gradient_penalty'),
      atCritic.map((e) => Math.fround(e.metrics['gradient_penalty']!)),
    );
    assert.deepEqual(
      loss('generator/loss'),
      [1, 3, 5].map((i) => Math.fround(recorder.generator[i]!.loss)),
    );
    assert.deepEqual(loss('generator/learning_rate'), [5e-5, 5e-5, 5e-5].map(Math.fround));
  });

  it('writes each update’s effective learning rate beside its learning rate, the same after a resume', async () => {
    const alpha = (lr: number, t: number) => (lr * Math.sqrt(1 - 0.9 ** t)) / (1 - 0.5 ** t);
    const rates = { critic: 1e-3, generator: 2e-3 };
    const train = async (logdir: string, steps: number, hooks: Hook[]) => {
      // Layer models keep canonical weight names when built again, as in a new process.
      const { generator, critic } = mlpGan({ width: 4, depth: 1 });
      const optimizers = {
        critic: new AdamOptimizer({ learningRate: rates.critic, beta1: 0.5, beta2: 0.9 }),
        generator: new AdamOptimizer({
          learningRate: rates.generator,
          beta1: 0.5,
          beta2: 0.9,
          name: 'Adam_1',
        }),
      };
      const summaries = new SummarySaverHook({ everyNSteps: 1 });
      const config = tinyGanConfig({ generator, critic, logdir, nCritic: 2, steps });
      try {
        const result = await createTrainer({
          ...config,
          optimizers,
          hooks: [summaries, ...hooks],
        }).run();
        assert.equal(result.reason, 'last-step', result.error?.message);
      } finally {
        // Frees the beta powers' names, so the next run's Adam/beta1_power matches the checkpoint.
        optimizers.critic.dispose();
        optimizers.generator.dispose();
      }
    };
    const straight = await temporaryLogdir();
    const uninterrupted = new Recorder();
    await train(straight, 3, [uninterrupted]);
    const run = await readRun(straight);
    for (const network of ['critic', 'generator'] as const) {
      const steps = network === 'critic' ? [2, 4, 6] : [1, 2, 3];
      assert.deepEqual(stepsOf(run, `${network}/learning_rate`), steps);
      assert.deepEqual(stepsOf(run, `${network}/learning_rate/effective`), steps);
      const written = run.tags.get(`${network}/learning_rate/effective`) ?? [];
      assert.deepEqual(
        written.map((p) => p.tensor.floatVal?.[0]),
        steps.map((t) => Math.fround(alpha(rates[network], t))),
        network,
      );
    }

    const resumedLogdir = await temporaryLogdir();
    await train(resumedLogdir, 2, [new CheckpointSaverHook({ everyNSteps: 2 })]);
    const resumed = new Recorder();
    await train(resumedLogdir, 3, [resumed]);
    const rate = (events: (CriticStepEvent | GeneratorStepEvent)[]) =>
      events.map((e) => [e.kind, e.steps, e.effectiveLearningRates]);
    assert.deepEqual(rate(resumed.critic), rate(uninterrupted.critic.slice(4)));
    assert.deepEqual(rate(resumed.generator), rate(uninterrupted.generator.slice(2)));
    const effective = async (logdir: string, tag: string) =>
      (await readRun(logdir)).tags.get(tag)?.at(-1)?.tensor.floatVal?.[0];
    for (const tag of ['critic/learning_rate/effective', 'generator/learning_rate/effective'])
      assert.equal(await effective(resumedLogdir, tag), await effective(straight, tag), tag);
  });

  it('writes histograms of every variable and its gradient at its network step, counting all values', async () => {
    const logdir = await temporaryLogdir();
    const config = tinyGanConfig({ logdir, nCritic: 3, steps: 6 });
    const hook = new SummarySaverHook({ everyNSteps: 100, histogramsEveryNSteps: 3 });
    const gradients = new GradientRanges();
    await createTrainer({ ...config, hooks: [gradients, hook] }).run();
    const run = await readRun(logdir);
    const variables = [
      ...('trainableVariables' in config.generator ? config.generator.trainableVariables : []),
      ...('trainableVariables' in config.critic ? config.critic.trainableVariables : []),
    ];
    assert.equal(variables.length, 4);
    for (const variable of variables) {
      // The critic's at the step of the last critic update before generator steps 3 and 6.
      const expected = variable.name.startsWith('critic/') ? [9, 18] : [3, 6];
      for (const tag of [variable.name, `${variable.name}_gradient`]) {
        const points = run.tags.get(tag) ?? [];
        assert.deepEqual(
          points.map((p) => p.step),
          expected,
          tag,
        );
        for (const { tensor } of points) {
          const rows = tensor.doubleVal ?? [];
          const total = rows.filter((_, i) => i % 3 === 2).reduce((a, b) => a + b, 0);
          assert.equal(total, variable.size, `${tag}: counts sum to its size`);
        }
      }
      for (const { step, tensor } of run.tags.get(`${variable.name}_gradient`) ?? []) {
        const rows = tensor.doubleVal ?? [];
        assert.deepEqual(
          [rows[0], rows.at(-2)],
          gradients.ranges.get(`${variable.name}@${step}`),
          `${variable.name}: the gradient of the update that made step ${step}`,
        );
      }
    }
  });

  it('tags histograms with the checkpoint names when a model was built twice', async () => {
    mlpGan({ width: 4, depth: 1 });
    const models = mlpGan({ width: 4, depth: 1 });
    const suffixed = models.critic.trainableWeights.map(
      (weight) => (weight.read() as tf.Variable).name,
    );
    assert.ok(
      suffixed.some((name) => /_\d+$/.test(name)),
      `tfjs suffixes a rebuilt model's variable names: ${suffixed.join(', ')}`,
    );
    const logdir = await temporaryLogdir();
    const hook = new SummarySaverHook({ everyNSteps: 100, histogramsEveryNSteps: 1 });
    await createTrainer({
      ...tinyGanConfig({ logdir, nCritic: 1, steps: 1 }),
      generator: models.generator,
      critic: models.critic,
      hooks: [hook],
    }).run();
    const run = await readRun(logdir);
    const histogramTags = [...run.tags.keys()].filter((tag) => /^(critic|generator)\//.test(tag));
    const expected = [models.generator, models.critic].flatMap((model) =>
      model.trainableWeights.flatMap((weight) => [
        weight.originalName,
        `${weight.originalName}_gradient`,
      ]),
    );
    assert.deepEqual(histogramTags.sort(), expected.sort());
  });

  it('records the resolved config as text at step 0 with a START at step 0', async () => {
    const logdir = await temporaryLogdir();
    const hook = new SummarySaverHook({ everyNSteps: 1 });
    await createTrainer(tinyGanConfig({ logdir, nCritic: 2, steps: 1, hooks: [hook] })).run();
    const run = await readRun(logdir);
    const [config] = run.tags.get('config') ?? [];
    assert.equal(config?.step, 0);
    const text = new TextDecoder().decode(config?.tensor.stringVal?.[0]);
    assert.match(text, /"nCritic": 2/);
    assert.match(text, /"logdir": /);
    assert.deepEqual(
      run.sessionLogs.map((e) => [e.step, e.sessionLog?.status]),
      [[0, SessionStatus.START]],
    );
  });

  it('opens the writer at the restored steps, with resumeFromStep the critic step', async () => {
    const logdir = await temporaryLogdir();
    const hook = new SummarySaverHook({ everyNSteps: 2, config: { run: 'resumed' } });
    const trainer = createTrainer(tinyGanConfig({ logdir, nCritic: 3, steps: 12, hooks: [hook] }));
    // What a restore from a checkpoint at generator step 10 does before run().
    trainer.globalSteps.critic.assign(30);
    trainer.globalSteps.generator.assign(10);
    await trainer.run();
    const run = await readRun(logdir);
    assert.deepEqual(
      run.sessionLogs.map((e) => [e.step, e.sessionLog?.status]),
      [[30, SessionStatus.START]],
    );
    assert.deepEqual(stepsOf(run, 'config'), [10]);
    assert.deepEqual(stepsOf(run, 'generator/loss'), [12]);
    assert.deepEqual(stepsOf(run, 'critic/loss'), [36]);
  });

  it('starts a resumed run from its checkpoint with a START at the restored critic step', async () => {
    const logdir = await temporaryLogdir();
    const config = (steps: number, extra: Hook[]) => {
      // Layer models keep canonical weight names when built again, as in a new process.
      const { generator, critic } = mlpGan({ width: 4, depth: 1 });
      const hooks = [
        new SummarySaverHook({ everyNSteps: 1 }),
        new CheckpointSaverHook({ everyNSteps: 2 }),
      ];
      return tinyGanConfig({
        generator,
        critic,
        logdir,
        nCritic: 3,
        steps,
        hooks: [...hooks, ...extra],
      });
    };
    // The first run writes summaries past its last checkpoint (step 2), then fails at step 3.
    assert.equal((await createTrainer(config(5, [new FailAt(3)])).run()).reason, 'error');
    const result = await createTrainer(config(4, [])).run();
    assert.deepEqual(result.steps, { critic: 12, generator: 4 });
    const run = await readRun(logdir);
    assert.deepEqual(
      run.sessionLogs.map((e) => [e.step, e.sessionLog?.status]),
      [
        [0, SessionStatus.START],
        [6, SessionStatus.START],
      ],
    );
    // Step 3 appears twice: the orphan of the failed run, then its replacement after the START.
    assert.deepEqual(stepsOf(run, 'generator/loss'), [1, 2, 3, 3, 4]);
    assert.deepEqual(stepsOf(run, 'critic/loss'), [3, 6, 9, 9, 12]);
  });

  it('never repeats a step when critic updates are skipped', async () => {
    const logdir = await temporaryLogdir();
    const hook = new SummarySaverHook({ everyNSteps: 1, histogramsEveryNSteps: 1 });
    const config = tinyGanConfig({ logdir, nCritic: 2, steps: 3 });
    const result = await createTrainer({ ...config, hooks: [new SkipCritic(), hook] }).run();
    assert.equal(result.reason, 'last-step', result.error?.message);
    const run = await readRun(logdir);
    assert.deepEqual(stepsOf(run, 'generator/loss'), [1, 2, 3]);
    assert.deepEqual(stepsOf(run, 'critic/loss'), []);
    const criticVariable =
      'trainableVariables' in config.critic ? config.critic.trainableVariables[0]! : undefined;
    assert.deepEqual(stepsOf(run, criticVariable!.name), [0]);
    assert.deepEqual(
      stepsOf(run, `${criticVariable!.name}_gradient`),
      [],
      'no update, no gradient',
    );
  });

  it('leaves a closed, complete event file when the run stops early or fails', async () => {
    for (const stopper of [new StopAtStepHook({ lastStep: 3 }), new FailAt(3)]) {
      const logdir = await temporaryLogdir();
      const hook = new SummarySaverHook({ everyNSteps: 1 });
      const config = tinyGanConfig({ logdir, nCritic: 1, steps: 10, hooks: [hook, stopper] });
      const result = await createTrainer(config).run();
      assert.deepEqual(result.steps, { critic: 3, generator: 3 });
      assert.equal(
        result.reason,
        stopper instanceof FailAt ? 'error' : 'global_step/generator reached 3',
      );
      await assertWriterClosed(logdir);
      assert.deepEqual(stepsOf(await readRun(logdir), 'generator/loss'), [1, 2, 3]);
    }
  });

  it('closes the writer after trainer.stop(), as on SIGINT', async () => {
    const logdir = await temporaryLogdir();
    const config = tinyGanConfig({ logdir, hooks: [new SummarySaverHook({ everyNSteps: 1 })] });
    const trainer = createTrainer(config);
    trainer.events$.subscribe((event) => {
      if (event.kind === 'generator-step' && event.steps.generator === 2)
        trainer.stop('SIGINT', 'signal');
    });
    const result = await trainer.run();
    assert.equal(result.reason, 'SIGINT');
    await assertWriterClosed(logdir);
    assert.deepEqual(stepsOf(await readRun(logdir), 'generator/loss'), [1, 2]);
  });

  it('ends the run with an error naming it when the writer cannot open', async () => {
    const logdir = await temporaryLogdir();
    // TensorBoard wants one writer per run folder, so a second one in this process is refused.
    const blocking = new SummaryWriter(logdir);
    try {
      const hook = new SummarySaverHook();
      const result = await createTrainer(tinyGanConfig({ logdir, steps: 2, hooks: [hook] })).run();
      assert.equal(result.reason, 'error');
      assert.match(result.error?.message ?? '', /SummarySaverHook.*already writes to/);
      assert.deepEqual(result.steps, { critic: 0, generator: 0 });
    } finally {
      await blocking.close();
    }
  });

  it('refuses periods that are not positive integers, naming the option', () => {
    assert.throws(() => new SummarySaverHook({ everyNSteps: 0 }), /everyNSteps/);
    assert.throws(
      () => new SummarySaverHook({ histogramsEveryNSteps: 1.5 }),
      /histogramsEveryNSteps/,
    );
    assert.doesNotThrow(() => new SummarySaverHook({ histogramsEveryNSteps: 0 }));
  });
});
