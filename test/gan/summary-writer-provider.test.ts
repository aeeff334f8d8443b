import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  SummaryWriter,
  SummaryWriterProvider,
  eventFiles,
  type SummaryWriterOptions,
} from '../../src/index.js';
import { temporaryLogdir } from '../hooks/tiny-image-gan.js';

describe('SummaryWriterProvider', () => {
  it('opens one writer on first use, at the steps read then, and a new one after close', async () => {
    const logdir = await temporaryLogdir();
    let steps = { critic: 0, generator: 0 };
    const opened: SummaryWriterOptions[] = [];
    const provider = new SummaryWriterProvider(
      logdir,
      () => steps,
      { flushMillis: 1000 },
      (dir, options) => {
        opened.push(options);
        return new SummaryWriter(dir, options);
      },
    );
    assert.equal(provider.isOpen, false);
    assert.equal(provider.get(), provider.get());
    await provider.close();
    assert.equal(provider.isOpen, false);
    steps = { critic: 15, generator: 3 };
    provider.get();
    await provider.close();
    await provider.close();
    assert.deepEqual(opened, [{ flushMillis: 1000 }, { flushMillis: 1000, resumeFromStep: 15 }]);
    assert.equal((await eventFiles(logdir)).length, 2);
  });

  it('creates no file until used', async () => {
    const logdir = await temporaryLogdir();
    const provider = new SummaryWriterProvider(logdir, () => ({ critic: 0, generator: 0 }));
    await provider.close();
    assert.deepEqual(await eventFiles(logdir), []);
  });
});
