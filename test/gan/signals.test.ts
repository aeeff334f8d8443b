import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { before, describe, it } from 'node:test';
import {
  createTrainer,
  initBackend,
  installSignalHandlers,
  ofKind,
  silentLogger,
} from '../../src/index.js';
import { tinyGanConfig } from './tiny-gan.js';

/** A stand-in for `process`: emits signals on demand and records exit codes. */
function fakeProcess(): EventEmitter & { exits: number[]; exit(code: number): never } {
  const emitter = new EventEmitter() as EventEmitter & {
    exits: number[];
    exit(code: number): never;
  };
  emitter.exits = [];
  emitter.exit = (code: number) => {
    emitter.exits.push(code);
    return undefined as never;
  };
  return emitter;
}

describe('installSignalHandlers', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('turns the first SIGINT into a graceful stop at the iteration boundary', async () => {
    const proc = fakeProcess();
    const trainer = createTrainer(tinyGanConfig({ nCritic: 3 }));
    const uninstall = installSignalHandlers(trainer, proc);
    trainer.events$.pipe(ofKind('critic-step')).subscribe((e) => {
      if (e.steps.critic === 5) proc.emit('SIGINT');
    });
    const result = await trainer.run();
    uninstall();
    assert.deepEqual(result, { steps: { critic: 6, generator: 2 }, reason: 'SIGINT' });
    assert.deepEqual(proc.exits, []);
    assert.equal(proc.listenerCount('SIGINT'), 0);
  });

  it('exits at once with status 130 on a second SIGINT', () => {
    const proc = fakeProcess();
    const stops: string[] = [];
    installSignalHandlers({ stop: (reason, source) => stops.push(`${reason}/${source}`) }, proc);
    proc.emit('SIGINT');
    proc.emit('SIGINT');
    assert.deepEqual(stops, ['SIGINT/signal']);
    assert.deepEqual(proc.exits, [130]);
  });
});
