import assert from 'node:assert/strict';
import {
  appendFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { eventFileName } from '../../../src/core/summary/event-file.js';
import type { EventMessage } from '../../../src/core/summary/proto/messages.js';
import { readEvents } from '../../../src/core/summary/read-events.js';
import { SummaryWriter } from '../../../src/core/summary/summary-writer.js';

const START = 1;
let root: string;

async function collect(path: string): Promise<EventMessage[]> {
  const events: EventMessage[] = [];
  for await (const event of readEvents(path)) events.push(event);
  return events;
}

/**
 * The points TensorBoard shows for a tag: its loader drops, at each START after the run's first,
 * the points already read whose step is at or after the START's step
 * (tensorboard/backend/event_processing/plugin_event_accumulator.py, _CheckForRestartAndMaybePurge).
 */
function shownPoints(events: EventMessage[], tag: string): Array<[number, number]> {
  let points: Array<[number, number]> = [];
  let seenStart = false;
  for (const event of events) {
    if (event.sessionLog?.status === START) {
      if (seenStart) points = points.filter(([step]) => step < event.step);
      seenStart = true;
    }
    for (const value of event.summary?.value ?? []) {
      if (value.tag === tag) points.push([event.step, value.tensor?.floatVal?.[0] ?? Number.NaN]);
    }
  }
  return points;
}

describe('readEvents', () => {
  before(() => {
    root = mkdtempSync(join(tmpdir(), 'gantry-read-events-'));
  });
  after(() => rmSync(root, { recursive: true, force: true }));

  it('reads a run folder file by file in name order, with steps and values', async () => {
    const dir = join(root, 'ordered');
    const first = new SummaryWriter(dir);
    first.scalar('loss', 1, 1);
    await first.close();
    const second = new SummaryWriter(dir);
    second.scalar('loss', 2, 2);
    await second.close();
    const events = await collect(dir);
    assert.deepEqual(
      events.map((e) => e.fileVersion ?? e.summary?.value?.[0].tag ?? e.sessionLog?.status),
      ['brain.Event:2', START, 'loss', 'brain.Event:2', 'loss'],
      'a writer reopening a run writes no second START',
    );
    assert.deepEqual(shownPoints(events, 'loss'), [
      [1, 1],
      [2, 2],
    ]);
    assert.equal((await collect(second.path)).length, 2, 'a single file reads on its own');
  });

  it('shows each step once after a resume: a new file with a START at the restored step', async () => {
    const dir = join(root, 'resumed');
    const crashed = new SummaryWriter(dir);
    for (let step = 0; step < 20; step += 1) crashed.scalar('loss/critic', step, step);
    await crashed.close();
    const resumed = new SummaryWriter(dir, { resumeFromStep: 10 });
    for (let step = 10; step < 15; step += 1) resumed.scalar('loss/critic', 100 + step, step);
    await resumed.close();

    assert.equal(readdirSync(dir).length, 2);
    assert.ok(resumed.path > crashed.path, 'the new file sorts after the old one');
    const events = await collect(dir);
    const starts = events.filter((e) => e.sessionLog?.status === START).map((e) => e.step);
    assert.deepEqual(starts, [0, 10]);
    const shown = shownPoints(events, 'loss/critic');
    assert.deepEqual(
      shown.map(([step]) => step),
      Array.from({ length: 15 }, (_, i) => i),
    );
    assert.deepEqual(
      shown.slice(9, 11).map(([, value]) => value),
      [9, 110],
    );
  });

  it('names files so that a later one sorts after, even in the same second or a clock step back', () => {
    const existing = ['events.out.tfevents.1700000005.host.000'];
    const same = eventFileName(existing, 1700000005_000, 'host');
    const back = eventFileName(existing, 1699999999_000, 'host');
    assert.ok(same > existing[0]);
    assert.ok(back > existing[0]);
    assert.match(eventFileName([], 1700000000_000, 'my host.local'), /\.my_host_local\.000$/);
  });

  it('stops quietly at a truncated last record', async () => {
    const dir = join(root, 'truncated');
    const writer = new SummaryWriter(dir);
    writer.scalar('a', 1, 1);
    await writer.close();
    appendFileSync(writer.path, readFileSync(writer.path).subarray(0, 20));
    assert.equal((await collect(dir)).length, 3);
  });

  it('throws on a damaged complete record, naming the file and offset', async () => {
    const dir = join(root, 'damaged');
    const writer = new SummaryWriter(dir);
    writer.scalar('a', 1, 1);
    await writer.close();
    const bytes = readFileSync(writer.path);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(writer.path, bytes);
    await assert.rejects(collect(dir), {
      name: 'EventFileCorruptionError',
      message: /damaged at byte \d+: the CRC of the data does not match/,
    });
  });
});
