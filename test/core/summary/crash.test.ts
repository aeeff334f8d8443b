import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readEvents } from '../../../src/core/summary/read-events.js';
import { readEventsIndependently } from './independent-reader.js';

const child = fileURLToPath(new URL('./fixtures/write-until-killed.ts', import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'gantry-crash-'));

describe('a writer killed mid-write', () => {
  after(() => rmSync(root, { recursive: true, force: true }));

  it('leaves a file whose records up to the last complete one all verify', async () => {
    const writer = spawn(process.execPath, ['--import', 'tsx', child, root], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await once(writer.stdout, 'data');
    await new Promise((resolve) => setTimeout(resolve, 300));
    writer.kill('SIGKILL');
    const [, signal] = await once(writer, 'exit');
    assert.equal(signal, 'SIGKILL');

    const [name] = readdirSync(root);
    const { events, records, tail } = readEventsIndependently(join(root, name));
    assert.ok(records.length > 4, `${records.length} complete records`);
    assert.ok(records.every((r) => r.lengthCrcOk && r.dataCrcOk));
    // With 4 MiB records most kills land inside a write and leave part of a record here.
    assert.ok(tail < 4 * 1024 * 1024 + 64, `only a partial last record may follow (${tail} bytes)`);
    const steps = events.filter((e) => e.values[0]?.tag === 'loss').map((e) => e.step);
    assert.deepEqual(
      steps,
      steps.map((_, i) => i),
      'no record is missing or repeated',
    );
    const read = [];
    for await (const event of readEvents(root)) read.push(event);
    assert.equal(read.length, records.length, 'readEvents reads every complete record and stops');
  });
});
