import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { initBackend } from '../../../src/core/backend/index.js';
import * as tf from '../../../src/core/backend/tf.js';
import {
  CheckpointManager,
  Saver,
  type CheckpointSource,
} from '../../../src/core/checkpoint/index.js';
import { silentLogger } from '../../../src/core/logger.js';
import { compileChild } from './fixtures/compile-child.js';
import { expectedValue, TENSORS } from './fixtures/save-loop.js';

const KILLS = 50;

interface Child {
  process: ChildProcessWithoutNullStreams;
  ready: Promise<void>;
  firstSave: Promise<void>;
  saved: number[];
  exited: Promise<void>;
}

// Every child still running, so a failing test kills them instead of waiting on them.
const running = new Set<ChildProcessWithoutNullStreams>();

function startChild(script: string, directory: string): Child {
  const child = spawn(process.execPath, [script, directory], { stdio: 'pipe' });
  running.add(child);
  child.once('exit', () => running.delete(child));
  const saved: number[] = [];
  let output = '';
  let onSave = (): void => undefined;
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const firstSave = new Promise<void>((resolve, reject) => {
    onSave = resolve;
    child.once('exit', (code) => reject(new Error(`child exited (${code}): ${stderr}`)));
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const lines = output.split('\n');
      output = lines.pop() ?? '';
      for (const line of lines) {
        if (line === 'ready') resolve();
        const match = /^saved (\d+)$/.exec(line);
        if (match) {
          saved.push(Number(match[1]));
          onSave();
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready`)));
  });
  // The last child is killed before it is ready or saves; those rejections are expected.
  ready.catch(() => undefined);
  firstSave.catch(() => undefined);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { process: child, ready, firstSave, saved, exited };
}

/** Checks the state file names only existing files and its latest restores; returns its step. */
async function verifyLatest(
  dir: string,
  saver: Saver,
  variables: tf.Variable[],
  when: string,
): Promise<number> {
  const manager = new CheckpointManager(readOnly, dir);
  const gone = [...manager.checkpoints, ...manager.preserved].filter((p) => !existsSync(p));
  assert.deepEqual(gone, [], `${when}: the state file names deleted checkpoints`);
  const latest = manager.latest();
  assert.ok(latest !== undefined, `${when}: a completed save left no latest()`);
  const result = await saver.restore(latest);
  const step = result.steps.generator ?? -1;
  assert.deepEqual(result.manifest.extraState, { loop: { step } });
  variables.forEach((v, index) => {
    const values = v.dataSync();
    for (const i of [0, 1, values.length - 1]) {
      assert.equal(values[i], expectedValue(step, index, i), `${when}: ${v.name}[${i}]`);
    }
  });
  return step;
}

const readOnly: CheckpointSource = { snapshot: () => assert.fail('the parent never saves') };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('checkpoint crash safety', () => {
  let dir: string;
  let build: string;
  let script: string;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    dir = mkdtempSync(join(tmpdir(), 'gantry-crash-'));
    build = mkdtempSync(join(tmpdir(), 'gantry-crash-child-'));
    script = compileChild(build);
  });
  after(() => {
    for (const child of running) child.kill('SIGKILL');
    tf.disposeVariables();
    rmSync(dir, { recursive: true, force: true });
    rmSync(build, { recursive: true, force: true });
  });

  it(`always leaves a latest() that loads after ${KILLS} SIGKILLs during saves`, async () => {
    const variables = TENSORS.map(({ name, shape }) =>
      tf.variable(tf.zeros([...shape]), false, name),
    );
    const saver = new Saver(variables);
    let latestStep = 0;
    let durableStep = 0;
    let interrupted = 0;
    let next = startChild(script, dir);
    for (let kill = 1; kill <= KILLS; kill++) {
      const child = next;
      await child.ready;
      child.process.stdin.write('go\n');
      // Start the next child now, so its start-up overlaps this one's saving and our checks.
      next = startChild(script, dir);
      // Kill at a random moment of a later save: saves take a few milliseconds each.
      await child.firstSave;
      await sleep(Math.random() * 30);
      child.process.kill('SIGKILL');
      await child.exited;
      if (readdirSync(dir).some((name) => name.includes('.tmp-'))) interrupted += 1;
      durableStep = Math.max(durableStep, ...child.saved);
      const step = await verifyLatest(dir, saver, variables, `kill ${kill}`);
      assert.ok(step >= durableStep, `kill ${kill}: latest is ${step}, ${durableStep} was saved`);
      assert.ok(step >= latestStep, `kill ${kill}: latest went back from ${latestStep} to ${step}`);
      latestStep = step;
    }
    next.process.kill('SIGKILL');
    await next.exited;
    const leftovers = readdirSync(dir).filter((name) => name.includes('.tmp-'));
    assert.ok(leftovers.length <= 1, `temporary files are removed on restart: ${leftovers}`);
    console.log(
      `crash safety: ${KILLS} kills, ${interrupted} of them mid-write, reached step ${latestStep}`,
    );
  });
});
