import assert from 'node:assert/strict';
import { stripVTControlCharacters } from 'node:util';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  ProgressBarHook,
  createTrainer,
  initBackend,
  silentLogger,
  type Hook,
  type ProgressStream,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { fakeClock, tinyGanConfig } from '../gan/tiny-gan.js';

const ESC = String.fromCharCode(0x1b);

/**
 * A stand-in terminal (or pipe) that keeps the lines it shows: a move to the first column
 * (how cli-progress redraws) starts the current line over.
 */
function fakeStream(isTTY: boolean): ProgressStream & { text(): string } {
  const lines: string[] = [''];
  const write = (chunk: string): boolean => {
    const redraws = chunk.split(`${ESC}[1G`);
    if (redraws.length > 1) lines[lines.length - 1] = '';
    const [first = '', ...rest] = stripVTControlCharacters(redraws.at(-1) ?? '').split('\n');
    lines[lines.length - 1] += first;
    lines.push(...rest);
    return true;
  };
  return { isTTY, columns: 200, write, text: () => lines.join('\n') };
}

/** Moves the fake clock 100 ms per critic update (one per iteration here). */
class Ticker implements Hook {
  constructor(private readonly clock: { advance(ms: number): void }) {}
  subscribe(events$: Observable<TrainingEvent>): Subscription {
    return events$.subscribe((event) => {
      if (event.kind === 'critic-step') this.clock.advance(100);
    });
  }
}

async function train(hook: ProgressBarHook, steps = 10): Promise<void> {
  const clock = fakeClock();
  const hooks = [new Ticker(clock), hook];
  const result = await createTrainer(tinyGanConfig({ nCritic: 1, steps, clock, hooks })).run();
  assert.equal(result.reason, 'last-step', result.error?.message);
}

/** Announces a made-up evaluation of step 3, as a MetricEvaluationHook would. */
class Evaluates implements Hook {
  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    return events$.subscribe((event) => {
      if (event.kind !== 'generator-step' || event.steps.generator !== 3) return;
      context.announceEvaluation({
        evaluated: event.steps,
        metrics: { classes_present: 10, frechet_distance: 12.3 },
        samples: 100,
        extractor: 'digit-classifier',
        primary: { metric: 'frechet_distance', mode: 'min' },
      });
    });
  }
}

describe('ProgressBarHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('renders the step, both losses, steps per second and the time left into a terminal', async () => {
    const stream = fakeStream(true);
    await train(new ProgressBarHook({ stream, env: {}, total: 20 }));
    const lines = stream
      .text()
      .split('\n')
      .filter((line) => line.trim() !== '');
    const last = lines.at(-1) ?? '';
    // 10 of 20 steps at 10 steps/s (100 ms each on the injected clock): 1 s left.
    assert.match(last, /50% \| step 10\/20 \| critic -?\d\.\d+ \| generator -?\d\.\d+ /);
    assert.match(last, /\| 10\.0 steps\/s \| ETA 0:01$/);
  });

  it("shows the latest evaluation's headline metric and the step it scored", async () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const hooks = [
      new Ticker(clock),
      new Evaluates(),
      new ProgressBarHook({ stream, env: {}, total: 5 }),
    ];
    await createTrainer(tinyGanConfig({ nCritic: 1, steps: 5, clock, hooks })).run();
    const last = stream.text().trim().split('\n').at(-1) ?? '';
    assert.match(last, /\| generator -?\d\.\d+ \| frechet_distance 12\.30 @3 \| 10\.0 steps\/s/);
  });

  it('shows the counters without a bar when the last step is unknown', async () => {
    const stream = fakeStream(true);
    const clock = fakeClock();
    const hooks = [new Ticker(clock), new ProgressBarHook({ stream, env: {} })];
    const trainer = createTrainer(tinyGanConfig({ nCritic: 1, clock, hooks }));
    trainer.events$.subscribe((e) => {
      if (e.kind === 'generator-step' && e.steps.generator === 5) trainer.stop();
    });
    await trainer.run();
    const last = stream.text().trim().split('\n').at(-1) ?? '';
    assert.match(last, /^step 5 \| critic .* \| generator .* \| 10\.0 steps\/s$/);
  });

  it('stays quiet when the stream is not a terminal', async () => {
    const stream = fakeStream(false);
    await train(new ProgressBarHook({ stream, env: {} }), 3);
    assert.equal(stream.text(), '');
  });

  it('stays quiet under CI', async () => {
    for (const CI of ['true', '1']) {
      const stream = fakeStream(true);
      await train(new ProgressBarHook({ stream, env: { CI } }), 3);
      assert.equal(stream.text(), '', `CI=${CI}`);
    }
  });

  it('draws when CI is set to false', async () => {
    const stream = fakeStream(true);
    await train(new ProgressBarHook({ stream, env: { CI: 'false' } }), 3);
    assert.match(stream.text(), /step 3\/3/);
  });
});
