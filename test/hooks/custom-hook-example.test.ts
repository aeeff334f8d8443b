import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { injectable } from 'inversify';
import type { Observable, Subscription } from 'rxjs';
import {
  TOKENS,
  createTrainer,
  everyN,
  initBackend,
  silentLogger,
  type Hook,
  type Logger,
  type TrainingContext,
  type TrainingEvent,
} from '../../src/index.js';
import { tinyGanConfig } from '../gan/tiny-gan.js';

// --- The plugin: the README's "write your own hook" example, verbatim. ---

/**
 * Reports the critic's Wasserstein estimate after every critic update, and warns when it is
 * negative (the critic has fallen behind the generator).
 */
@injectable()
class NegativeDistanceWarning implements Hook {
  readonly name = 'NegativeDistanceWarning';

  subscribe(events$: Observable<TrainingEvent>, context: TrainingContext): Subscription {
    return events$.pipe(everyN(1, 'critic')).subscribe((event) => {
      const distance = event.metrics['wasserstein'];
      if (distance === undefined) return;
      const line = `critic step ${event.steps.critic}: Wasserstein estimate ${distance}`;
      if (distance < 0) context.logger.warn(line);
      else context.logger.info(line);
    });
  }
}

// --- Using it: bind one more class to TOKENS.Hook. ---

describe('a custom hook plugin', () => {
  before(() => initBackend({ backend: 'cpu', logger: silentLogger }));

  it('is built by the container, sees every critic step and logs through the context', async () => {
    const infos: string[] = [];
    const warnings: string[] = [];
    const logger: Logger = { info: (m) => infos.push(m), warn: (m) => warnings.push(m) };
    const trainer = createTrainer(tinyGanConfig({ nCritic: 2, steps: 5, logger }), {
      configure: (container) => container.bind(TOKENS.Hook).to(NegativeDistanceWarning),
    });
    const estimates: number[] = [];
    trainer.events$.pipe(everyN(1, 'critic')).subscribe((e) => {
      estimates.push(e.metrics['wasserstein'] ?? NaN);
    });
    await trainer.run();
    assert.equal(estimates.length, 10);
    const reported = [...infos, ...warnings].filter((m) => m.startsWith('critic step'));
    assert.equal(reported.length, 10);
    assert.equal(warnings.length, estimates.filter((d) => d < 0).length);
    assert.ok(reported.includes(`critic step 10: Wasserstein estimate ${estimates[9]}`));
  });
});
