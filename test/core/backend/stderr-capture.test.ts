import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import {
  packageFolderOf,
  withNativeStderrCaptured,
} from '../../../src/core/backend/stderr-capture.js';
import { stderrCaptureFile } from '../../../src/cli/setup-tensorflow/build-stderr-capture.js';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CAPTURE = fileURLToPath(
  new URL('../../../src/core/backend/stderr-capture.ts', import.meta.url),
);

function tfjsNodeFolder(): string | undefined {
  try {
    return packageFolderOf(createRequire(import.meta.url).resolve('@tensorflow/tfjs-node'));
  } catch {
    return undefined;
  }
}

const packageDir = tfjsNodeFolder();
const absent =
  packageDir === undefined || !existsSync(stderrCaptureFile(packageDir))
    ? 'the stderr capture is built by `npx gantry setup tensorflow`, which has not run here'
    : false;

/** Runs a script in a child process and returns what it wrote to stdout and stderr. */
function run(script: string): { stdout: string; stderr: string; status: number | null } {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '-e', script],
    { encoding: 'utf8', timeout: 60_000 },
  );
  return { stdout: result.stdout, stderr: result.stderr, status: result.status };
}

describe('withNativeStderrCaptured', { skip: absent }, () => {
  it('hands over what was written to file descriptor 2 and lets none of it through', () => {
    const result = run(
      `const { withNativeStderrCaptured } = await import(${JSON.stringify(CAPTURE)});` +
        "const { writeSync } = await import('node:fs');" +
        `const value = withNativeStderrCaptured(${JSON.stringify(packageDir)}, () => {` +
        "  writeSync(2, 'native line one\\nnative line two\\n'); return 42; }," +
        '  (captured) => console.log(JSON.stringify(captured)));' +
        "console.log(value); writeSync(2, 'after\\n');",
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '"native line one\\nnative line two\\n"\n42\n');
    assert.equal(result.stderr, 'after\n');
  });

  it('restores stderr and releases the capture when the work throws', () => {
    const result = run(
      `const { withNativeStderrCaptured } = await import(${JSON.stringify(CAPTURE)});` +
        "const { writeSync } = await import('node:fs');" +
        'try {' +
        `  withNativeStderrCaptured(${JSON.stringify(packageDir)}, () => {` +
        "    writeSync(2, 'before the failure\\n'); throw new Error('load failed'); }," +
        '    (captured) => console.log(JSON.stringify(captured)));' +
        "} catch (error) { writeSync(2, error.message + '\\n'); }",
    );
    assert.equal(result.status, 0, result.stderr);
    assert.equal(result.stdout, '"before the failure\\n"\n');
    assert.equal(result.stderr, 'load failed\n');
  });
});

describe('withNativeStderrCaptured without a working addon', () => {
  it('runs the work uncaptured when the addon cannot load (built for another Node)', () => {
    const folder = mkdtempSync(join(tmpdir(), 'gantry-capture-'));
    const addon = join(folder, 'gantry-stderr-capture', 'build', 'Release');
    mkdirSync(addon, { recursive: true });
    writeFileSync(join(addon, 'stderr_capture.node'), 'not a shared library');
    const released: string[] = [];
    const value = withNativeStderrCaptured(
      folder,
      () => 7,
      (captured) => released.push(captured),
    );
    assert.equal(value, 7);
    assert.deepEqual(released, []);
  });
});
