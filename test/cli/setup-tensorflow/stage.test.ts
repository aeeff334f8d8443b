import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  readLibraryLayout,
  type TensorflowLibrary,
} from '../../../src/cli/setup-tensorflow/library-layout.js';
import {
  isBuiltAgainst,
  recordBuild,
  stageLibrary,
} from '../../../src/cli/setup-tensorflow/stage.js';
import { fakeLibrary, scratchDir } from './fixtures.js';

function wheelLibrary(): TensorflowLibrary {
  const sitePackages = scratchDir();
  const packageDir = join(sitePackages, 'tensorflow');
  mkdirSync(packageDir);
  fakeLibrary(packageDir, 'wheel');
  const library = readLibraryLayout(packageDir, 'test');
  assert.ok(library !== undefined);
  return library;
}

describe('stageLibrary', () => {
  it("links the library under the names tfjs-node's binding.gyp and the loader expect", () => {
    const packageDir = scratchDir();
    const library = wheelLibrary();
    stageLibrary(packageDir, library);
    const lib = join(packageDir, 'deps', 'lib');
    for (const name of ['libtensorflow.so', 'libtensorflow.so.2', 'libtensorflow_cc.so.2']) {
      assert.equal(readlinkSync(join(lib, name)), library.cApi, name);
    }
    for (const name of ['libtensorflow_framework.so', 'libtensorflow_framework.so.2']) {
      assert.equal(readlinkSync(join(lib, name)), library.framework, name);
    }
    assert.equal(readlinkSync(join(packageDir, 'deps', 'include')), library.include);
    assert.ok(existsSync(join(packageDir, 'deps', 'include', 'tensorflow', 'c', 'c_api.h')));
    assert.equal(existsSync(join(packageDir, 'deps', 'nvidia')), false);
  });

  it("links a GPU wheel's nvidia/ folder, where its CUDA libraries are", () => {
    const packageDir = scratchDir();
    const library = wheelLibrary();
    const nvidia = join(library.framework, '..', '..', 'nvidia');
    mkdirSync(nvidia);
    stageLibrary(packageDir, library);
    assert.equal(realpathSync(join(packageDir, 'deps', 'nvidia')), realpathSync(nvidia));
  });

  it('replaces what an earlier run staged', () => {
    const packageDir = scratchDir();
    stageLibrary(packageDir, wheelLibrary());
    writeFileSync(join(packageDir, 'deps', 'lib', 'stale.so'), '');
    const second = wheelLibrary();
    stageLibrary(packageDir, second);
    assert.equal(existsSync(join(packageDir, 'deps', 'lib', 'stale.so')), false);
    assert.equal(readlinkSync(join(packageDir, 'deps', 'lib', 'libtensorflow.so')), second.cApi);
  });
});

describe('isBuiltAgainst', () => {
  it('is true only after a build was recorded against the same library', () => {
    const packageDir = scratchDir();
    const library = wheelLibrary();
    assert.equal(isBuiltAgainst(packageDir, library), false);
    stageLibrary(packageDir, library);
    assert.equal(isBuiltAgainst(packageDir, library), false);
    recordBuild(packageDir, library);
    assert.equal(isBuiltAgainst(packageDir, library), true);
    assert.equal(isBuiltAgainst(packageDir, wheelLibrary()), false);
  });

  it('forgets the build when the library is staged again', () => {
    const packageDir = scratchDir();
    const library = wheelLibrary();
    stageLibrary(packageDir, library);
    recordBuild(packageDir, library);
    stageLibrary(packageDir, library);
    assert.equal(isBuiltAgainst(packageDir, library), false);
  });
});
