import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  describeMissingLayout,
  readLibraryLayout,
} from '../../../src/cli/setup-tensorflow/library-layout.js';
import { fakeLibrary, scratchDir } from './fixtures.js';

describe('readLibraryLayout', () => {
  it("reads a libtensorflow tarball's lib/ and include/", () => {
    const root = fakeLibrary(scratchDir(), 'tarball');
    const library = readLibraryLayout(root, 'test');
    assert.deepEqual(library, {
      cApi: realpathSync(join(root, 'lib', 'libtensorflow.so.2')),
      framework: realpathSync(join(root, 'lib', 'libtensorflow_framework.so.2')),
      include: realpathSync(join(root, 'include')),
      origin: 'test',
    });
  });

  it("reads a wheel's tensorflow/ folder, where libtensorflow_cc.so.2 exports the C API", () => {
    const root = fakeLibrary(scratchDir(), 'wheel');
    assert.equal(
      readLibraryLayout(root, 'test')?.cApi,
      realpathSync(join(root, 'libtensorflow_cc.so.2')),
    );
  });

  it('reads the site-packages folder above a wheel', () => {
    const sitePackages = scratchDir();
    const packageDir = join(sitePackages, 'tensorflow');
    mkdirSync(packageDir);
    fakeLibrary(packageDir, 'wheel');
    assert.equal(
      readLibraryLayout(sitePackages, 'test')?.include,
      realpathSync(join(packageDir, 'include')),
    );
  });

  it('rejects a folder without the C headers', () => {
    const root = fakeLibrary(scratchDir(), 'wheel');
    rmSync(join(root, 'include'), { recursive: true });
    assert.equal(readLibraryLayout(root, 'test'), undefined);
  });

  it('names the files it looked for, or says the folder does not exist', () => {
    const empty = scratchDir();
    assert.match(
      describeMissingLayout(empty),
      /libtensorflow\.so\.2 or libtensorflow_cc\.so\.2.*include\/tensorflow\/c\/c_api\.h/,
    );
    assert.equal(
      describeMissingLayout(join(empty, 'nope')),
      `${join(empty, 'nope')} does not exist`,
    );
  });
});
