import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  LoggingHook,
  StepCounterHook,
  createTrainer,
  initBackend,
  silentLogger,
  type Hook,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { fakeClock, tinyGanConfig } from '../gan/tiny-gan.js';

function recordingLogger(): { lines: string[]; info(m: string): void; warn(m: string): void } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(`warning: ${m}`) };
}

describe('LoggingHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('logs both losses and the metrics every n generator steps', async () => {
    const logger = recordingLogger();
    const hooks = [new LoggingHook({ everyN: 2 })];
    await createTrainer(tinyGanConfig({ nCritic: 2, steps: 5, hooks, logger })).run();
    const logged = logger.lines.filter((line) => line.startsWith('step '));
    assert.equal(logged.length, 2);
    assert.match(
      logged[0] ?? '',
      /^step 2 \(critic 4\): critic loss -?\d.*, generator loss -?\d.*, wasserstein -?\d/,
    );
    assert.match(logged[1] ?? '', /^step 4 \(critic 8\): /);
  });
});

describe('StepCounterHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('measures generator steps per second of the injected clock', async () => {
    const clock = fakeClock();
    // Each generator step takes 250 ms of fake time: 4 steps per second.
    class Tick implements Hook {
      subscribe(events$: Observable<TrainingEvent>, _context: TrainingContext): Subscription {
        return events$.subscribe((e) => {
          if (e.kind === 'critic-step') clock.advance(125);
        });
      }
    }
    const logger = recordingLogger();
    const counter = new StepCounterHook({ everyNSteps: 2 });
    await createTrainer(
      tinyGanConfig({ nCritic: 2, steps: 4, hooks: [new Tick(), counter], clock, logger }),
    ).run();
    assert.equal(counter.stepsPerSecond, 4);
    assert.deepEqual(
      logger.lines.filter((l) => l.includes('/sec')),
      ['global_step/generator/sec: 4.000', 'global_step/generator/sec: 4.000'],
    );
  });
});
