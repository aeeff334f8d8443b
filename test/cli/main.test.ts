import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function gantry(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('gantry command', () => {
  it('lists its subcommands in --help', () => {
    const { status, stdout } = gantry('--help');
    assert.equal(status, 0);
    assert.match(stdout, /Usage: gantry/);
    assert.match(stdout, /setup\s+prepare optional parts of the environment/);
  });

  it('documents setup tensorflow with its --gpu and --from options', () => {
    const { status, stdout } = gantry('setup', 'tensorflow', '--help');
    assert.equal(status, 0);
    assert.match(stdout, /--gpu/);
    assert.match(stdout, /--from <path>/);
  });

  it('rejects an unknown command and shows the help', () => {
    const { status, stderr } = gantry('frobnicate');
    assert.notEqual(status, 0);
    assert.match(stderr, /unknown command 'frobnicate'/);
  });

  it('fails setup with a bogus --from in one line that says what --from must hold', () => {
    const { status, stderr } = gantry('setup', 'tensorflow', '--from', '/no/such/libtensorflow');
    assert.equal(status, 1);
    assert.equal(
      stderr.trim(),
      'gantry: SetupError: --from: /no/such/libtensorflow does not exist. Point --from at a ' +
        "libtensorflow tarball's extracted folder or at an installed wheel's tensorflow/ folder.",
    );
  });
});
