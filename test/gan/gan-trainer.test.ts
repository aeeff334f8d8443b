import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { injectable } from 'inversify';
import type { Observable, Subscription } from 'rxjs';
import {
  AdamOptimizer,
  HookError,
  TOKENS,
  createTrainer,
  initBackend,
  silentLogger,
  ofKind,
  type Hook,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { fakeClock, tinyGanConfig } from './tiny-gan.js';

/** Records every event it sees. */
class Recorder implements Hook {
  readonly events: TrainingEvent[] = [];
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => this.events.push(event));
  }
}

describe('GanTrainer', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  for (const nCritic of [1, 3, 5]) {
    it(`advances global_step/critic nCritic·N and global_step/generator N times (nCritic=${nCritic})`, async () => {
      const trainer = createTrainer(tinyGanConfig({ nCritic, steps: 4 }));
      const result = await trainer.run();
      assert.deepEqual(result, {
        steps: { critic: nCritic * 4, generator: 4 },
        reason: 'last-step',
      });
      assert.equal(trainer.globalSteps.critic.name, 'global_step/critic');
      assert.equal(trainer.globalSteps.generator.name, 'global_step/generator');
    });
  }

  it('emits begin, nCritic critic steps and one generator step per iteration, then end', async () => {
    const recorder = new Recorder();
    await createTrainer(tinyGanConfig({ nCritic: 2, steps: 2, hooks: [recorder] })).run();
    const trace = recorder.events.map((e) => `${e.kind}@${e.steps.critic}/${e.steps.generator}`);
    assert.deepEqual(trace, [
      'begin@0/0',
      'critic-step@1/0',
      'critic-step@2/0',
      'generator-step@2/1',
      'critic-step@3/1',
      'critic-step@4/1',
      'generator-step@4/2',
      'end@4/2',
    ]);
    const step = recorder.events.find((e) => e.kind === 'critic-step');
    assert.ok(step?.kind === 'critic-step');
    assert.ok(Number.isFinite(step.loss));
    assert.ok(Number.isFinite(step.metrics['wasserstein']));
    assert.equal(step.learningRates.critic, 5e-5);
    assert.equal(step.skipped, false);
  });

  it('reports in each step event the effective learning rate that made each global step (Adam: alpha_t)', async () => {
    // alpha_t = lr·√(1−β2^t)/(1−β1^t) with TF's defaults β1 0.9, β2 0.999, t counted from 1.
    const alpha = (lr: number, t: number) => (lr * Math.sqrt(1 - 0.999 ** t)) / (1 - 0.9 ** t);
    const critic = new AdamOptimizer({ learningRate: 0.001 });
    const generator = new AdamOptimizer({ learningRate: 0.002, name: 'Adam_1' });
    const recorder = new Recorder();
    try {
      const config = tinyGanConfig({ nCritic: 1, steps: 3, hooks: [recorder] });
      await createTrainer({ ...config, optimizers: { critic, generator } }).run();
      const close = (actual: number, expected: number, message: string) =>
        assert.ok(Math.abs(actual - expected) <= 1e-12 * expected, `${message}: ${actual}`);
      const steps = recorder.events.filter(
        (e) => e.kind === 'critic-step' || e.kind === 'generator-step',
      );
      assert.equal(steps.length, 6);
      for (const event of steps) {
        const { critic: c, generator: g } = event.steps;
        close(event.effectiveLearningRates.critic, alpha(0.001, c), `${event.kind} critic at ${c}`);
        if (g === 0) assert.ok(Number.isNaN(event.effectiveLearningRates.generator));
        else
          close(
            event.effectiveLearningRates.generator,
            alpha(0.002, g),
            `${event.kind} generator at ${g}`,
          );
      }
      assert.equal(
        steps.at(-1)?.effectiveLearningRates.generator,
        generator.effectiveLearningRate(),
      );
      close(alpha(0.002, 1), 0.0006324555320336759, 'alpha_1 of lr 0.002');
    } finally {
      critic.dispose();
      generator.dispose();
    }
  });

  it('shows gradient observers each applied update’s gradients, after its step advanced', async () => {
    const seen: string[] = [];
    class Observer implements Hook {
      subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
        // Refuses the first critic update: a skipped update has no gradients to show.
        let criticProposals = 0;
        context.addUpdateGuard(({ step }) => step !== 'critic' || ++criticProposals > 1);
        context.observeGradients(({ step, steps, gradsAndVars }) => {
          const names = gradsAndVars.map(([grad, variable]) => {
            assert.deepEqual(grad.shape, variable.shape);
            return variable.name.split('/')[0];
          });
          seen.push(`${step}@${steps.critic}/${steps.generator}:${[...new Set(names)].join()}`);
        });
        return events$.subscribe();
      }
    }
    await createTrainer(tinyGanConfig({ nCritic: 2, steps: 2, hooks: [new Observer()] })).run();
    assert.deepEqual(seen, [
      'critic@1/0:critic',
      'generator@1/1:generator',
      'critic@2/1:critic',
      'critic@3/1:critic',
      'generator@3/2:generator',
    ]);
  });

  it('stops at the next iteration boundary when stop() is called', async () => {
    const trainer = createTrainer(tinyGanConfig({ nCritic: 2 }));
    const recorder = new Recorder();
    trainer.events$.pipe(ofKind('critic-step')).subscribe((e) => {
      if (e.steps.critic === 3) trainer.stop('enough');
    });
    trainer.events$.subscribe((e) => recorder.events.push(e));
    const result = await trainer.run();
    assert.deepEqual(result, { steps: { critic: 4, generator: 2 }, reason: 'enough' });
    const kinds = recorder.events.map((e) => e.kind);
    assert.deepEqual(kinds.slice(-4), ['stop-requested', 'critic-step', 'generator-step', 'end']);
  });

  it('ends with an error event naming the hook when a hook throws', async () => {
    class Exploding implements Hook {
      subscribe(events$: Observable<TrainingEvent>): Subscription {
        return events$.pipe(ofKind('generator-step')).subscribe(() => {
          throw new Error('disk full');
        });
      }
    }
    const recorder = new Recorder();
    const trainer = createTrainer(
      tinyGanConfig({ nCritic: 1, hooks: [recorder, new Exploding()] }),
    );
    const result = await trainer.run();
    assert.equal(result.reason, 'error');
    assert.ok(result.error instanceof HookError);
    assert.match(result.error.message, /hook Exploding failed: disk full/);
    const last = recorder.events.at(-1);
    assert.ok(last?.kind === 'error');
    assert.equal(last.source, 'Exploding');
    assert.deepEqual(result.steps, { critic: 1, generator: 1 });
    assert.ok(!recorder.events.some((e) => e.kind === 'end'));
  });

  it('ends with an error event when a hook’s deferred work rejects', async () => {
    class FailingWriter implements Hook {
      subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
        return events$.pipe(ofKind('generator-step')).subscribe(() => {
          context.defer(Promise.reject(new Error('EACCES')));
        });
      }
    }
    const result = await createTrainer(
      tinyGanConfig({ hooks: [new FailingWriter()], steps: 5 }),
    ).run();
    assert.equal(result.reason, 'error');
    assert.match(String(result.error?.message), /FailingWriter failed: EACCES/);
  });

  it('awaits hooks’ deferred work before run() resolves', async () => {
    let written = 0;
    class SlowWriter implements Hook {
      subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
        return events$.pipe(ofKind('end')).subscribe(() => {
          context.defer(
            () => new Promise((resolve) => setTimeout(() => resolve((written += 1)), 30)),
          );
        });
      }
    }
    await createTrainer(tinyGanConfig({ hooks: [new SlowWriter()], steps: 1 })).run();
    assert.equal(written, 1);
  });

  it('announces a checkpoint a hook wrote, in order with the step events', async () => {
    class Saver implements Hook {
      subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
        return events$
          .pipe(ofKind('generator-step'))
          .subscribe((e) => context.announceCheckpoint(`ckpt-${e.steps.generator}`));
      }
    }
    const recorder = new Recorder();
    await createTrainer(
      tinyGanConfig({ nCritic: 1, steps: 2, hooks: [new Saver(), recorder] }),
    ).run();
    const trace = recorder.events
      .filter((e) => e.kind !== 'critic-step')
      .map((e) => (e.kind === 'checkpoint-saved' ? e.path : e.kind));
    assert.deepEqual(trace, [
      'begin',
      'generator-step',
      'ckpt-1',
      'generator-step',
      'ckpt-2',
      'end',
    ]);
  });

  it('ignores stop() when no run is in progress', async () => {
    const trainer = createTrainer(tinyGanConfig({ steps: 1 }));
    trainer.stop('too early');
    assert.deepEqual(await trainer.run(), {
      steps: { critic: 3, generator: 1 },
      reason: 'last-step',
    });
  });

  it('uses a clock rebound through the container for event times', async () => {
    const clock = fakeClock(12_345);
    const trainer = createTrainer(tinyGanConfig({ steps: 1 }), {
      configure: (container) => container.rebind(TOKENS.Clock).toConstantValue(clock),
    });
    const times: number[] = [];
    trainer.events$.subscribe((e) => times.push(e.time));
    await trainer.run();
    assert.ok(times.length > 0);
    assert.ok(times.every((t) => t === 12_345));
  });

  it('builds an @injectable hook class that a plugin binds', async () => {
    const lines: string[] = [];
    @injectable()
    class Announce implements Hook {
      subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
        return events$.pipe(ofKind('end')).subscribe((e) => context.logger.info(`end ${e.reason}`));
      }
    }
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    await createTrainer(tinyGanConfig({ steps: 1, hooks: [Announce], logger })).run();
    assert.equal(lines.at(-1), 'end last-step');
    assert.equal(lines.filter((l) => l.startsWith('end')).length, 1);
  });
});
