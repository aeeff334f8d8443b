import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import type { Observable, Subscription } from 'rxjs';
import {
  CheckpointManager,
  CheckpointSaverHook,
  createTrainer,
  initBackend,
  silentLogger,
  tf,
  type Hook,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { fakeClock, tinyGanConfig } from '../gan/tiny-gan.js';
import { temporaryLogdir } from './tiny-image-gan.js';

/** Records events; optionally advances a clock after each generator step or stops the run. */
class Recorder implements Hook {
  readonly events: TrainingEvent[] = [];
  constructor(
    private readonly onGeneratorStep: (step: number, context: TrainingContext) => void = () =>
      undefined,
  ) {}
  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    return events$.subscribe((event) => {
      this.events.push(event);
      if (event.kind === 'generator-step') this.onGeneratorStep(event.steps.generator, context);
    });
  }
  /** @returns the file names announced in `checkpoint-saved` events. */
  saved(): string[] {
    return this.events.flatMap((e) => (e.kind === 'checkpoint-saved' ? [basename(e.path)] : []));
  }
}

async function train(
  steps: number,
  hooks: Hook[],
  clock = fakeClock(),
): Promise<{ logdir: string; latest: string | undefined }> {
  const logdir = await temporaryLogdir();
  const trainer = createTrainer(tinyGanConfig({ steps, hooks, logdir, clock }));
  const result = await trainer.run();
  if (result.error !== undefined) throw result.error;
  // A second manager over the same folder reads what the run's manager recorded as latest.
  const latest = new CheckpointManager(trainer.runState(), join(logdir, 'checkpoints')).latest();
  return { logdir, latest: latest === undefined ? undefined : basename(latest) };
}

describe('CheckpointSaverHook', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('saves every N generator steps and at the end, announcing each file', async () => {
    const recorder = new Recorder();
    const { logdir, latest } = await train(5, [
      new CheckpointSaverHook({ everyNSteps: 2 }),
      recorder,
    ]);
    assert.deepEqual(recorder.saved(), [
      'ckpt-2.safetensors',
      'ckpt-4.safetensors',
      'ckpt-5.safetensors',
    ]);
    assert.equal(latest, 'ckpt-5.safetensors');
    await access(join(logdir, 'checkpoints', 'ckpt-2.safetensors'));
  });

  it('does not save the step it has just saved again at the end', async () => {
    const recorder = new Recorder();
    await train(4, [new CheckpointSaverHook({ everyNSteps: 2 }), recorder]);
    assert.deepEqual(recorder.saved(), ['ckpt-2.safetensors', 'ckpt-4.safetensors']);
  });

  it('saves when everySeconds have passed on the run clock since the last save', async () => {
    const clock = fakeClock();
    // Generator step k is stamped at (k − 1) s: the clock moves on after each one.
    const ticker = new Recorder(() => clock.advance(1000));
    const recorder = new Recorder();
    await train(
      8,
      [ticker, new CheckpointSaverHook({ everySeconds: 2.5, saveAtEnd: false }), recorder],
      clock,
    );
    assert.deepEqual(recorder.saved(), ['ckpt-4.safetensors', 'ckpt-7.safetensors']);
  });

  it('keeps the last good checkpoint when the run stops with saveCheckpoint false', async () => {
    const suspect = new Recorder((step, context) => {
      if (step === 3) context.requestStop('weights look wrong', { saveCheckpoint: false });
    });
    const recorder = new Recorder();
    const { latest } = await train(10, [
      suspect,
      new CheckpointSaverHook({ everyNSteps: 2 }),
      recorder,
    ]);
    assert.deepEqual(recorder.saved(), ['ckpt-2.safetensors']);
    assert.equal(latest, 'ckpt-2.safetensors');
  });

  it('saves at the end of a stop that allows it', async () => {
    const stopper = new Recorder((step, context) => {
      if (step === 3) context.requestStop('enough');
    });
    const recorder = new Recorder();
    await train(10, [stopper, new CheckpointSaverHook({ everyNSteps: 2 }), recorder]);
    assert.deepEqual(recorder.saved(), ['ckpt-2.safetensors', 'ckpt-3.safetensors']);
  });

  it('leaks no tensors while it saves every step', async () => {
    const counts: number[] = [];
    const counter = new Recorder(() => counts.push(tf.memory().numTensors));
    await train(12, [new CheckpointSaverHook({ everyNSteps: 1 }), counter]);
    assert.equal(counts.length, 12);
    assert.deepEqual(new Set(counts.slice(1)), new Set([counts[1]]));
  });

  it('runs on the chief only and refuses options under which it would never save', () => {
    assert.equal(new CheckpointSaverHook().chiefOnly, true);
    assert.throws(
      () => new CheckpointSaverHook({ saveAtEnd: false }),
      /CheckpointSaverHook: .* never saves/,
    );
    assert.throws(() => new CheckpointSaverHook({ everyNSteps: 1.5 }), /everyNSteps/);
    assert.throws(() => new CheckpointSaverHook({ everySeconds: -1 }), /everySeconds/);
  });
});
