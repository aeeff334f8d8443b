import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';

const run = promisify(execFile);
const example = resolve('examples/quick-start/train.ts');

describe('the README quick-start example', () => {
  it('trains to the requested generator step through the published package entry', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'gantry-quick-start-'));
    const tsx = import.meta.resolve('tsx');
    const { stdout } = await run(process.execPath, ['--import', tsx, example, '3'], {
      cwd,
      env: { ...process.env, NODE_OPTIONS: '' },
      timeout: 120_000,
    });
    assert.match(stdout, /ended \(.+\) at critic step 15, generator step 3\n$/);
  });
});
