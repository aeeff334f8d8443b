import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { bindingTarget } from '../../../src/cli/setup-tensorflow/build-binding.js';
import { findBuildTools } from '../../../src/cli/setup-tensorflow/build-tools.js';
import { SetupError } from '../../../src/cli/setup-tensorflow/setup-error.js';
import { scratchDir } from './fixtures.js';

describe('findBuildTools', () => {
  it('names every missing build tool and how to install them', () => {
    assert.throws(
      () => findBuildTools({ PATH: scratchDir() }),
      (error) => {
        assert.ok(error instanceof SetupError);
        assert.match(error.message, /needs make, g\+\+, python3 on PATH, which are missing/);
        assert.match(error.message, /apt-get install build-essential python3/);
        return true;
      },
    );
  });
});

describe('bindingTarget', () => {
  it("puts the binding where node-pre-gyp's find looks: the highest N-API version both support", () => {
    const packageDir = scratchDir();
    const binary = {
      module_name: 'tfjs_binding',
      module_path: './lib/napi-v{napi_build_version}',
      napi_versions: [3, 4, 5, 6, 7, 8, 1000],
    };
    writeFileSync(join(packageDir, 'package.json'), JSON.stringify({ binary }));
    mkdirSync(join(packageDir, 'lib'));
    // gantry needs Node >= 20.9, whose N-API is 9: version 8 is the highest both support.
    assert.deepEqual(bindingTarget(packageDir), {
      moduleName: 'tfjs_binding',
      modulePath: join(packageDir, 'lib', 'napi-v8'),
      napiVersion: 8,
      file: join(packageDir, 'lib', 'napi-v8', 'tfjs_binding.node'),
    });
  });
});
