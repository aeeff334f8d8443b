import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { patchBinding } from '../../../src/cli/setup-tensorflow/patch-binding.js';
import { SetupError } from '../../../src/cli/setup-tensorflow/setup-error.js';
import { scratchDir } from './fixtures.js';

/** The lines of tfjs-node 4.22.0's sources that the patch anchors on, around placeholders. */
function fakePackage(): string {
  const dir = scratchDir();
  mkdirSync(join(dir, 'binding'));
  writeFileSync(
    join(dir, 'binding.gyp'),
    "{ 'sources' : [\n      'binding/tfjs_backend.cc',\n      'binding/tfjs_binding.cc'\n    ] }\n",
  );
  writeFileSync(
    join(dir, 'binding', 'tfjs_backend.h'),
    'class TFJSBackend {\n public:\n  int x;\n\n private:\n  TFJSBackend(napi_env env);\n};\n',
  );
  writeFileSync(
    join(dir, 'binding', 'tfjs_binding.cc'),
    '#include "utils.h"\n\nnamespace tfnodejs {\n\nstatic void Init() {\n' +
      '#undef EXPORT_INT_PROPERTY\n\n  return exports;\n}\n}\n',
  );
  return dir;
}

const read = (dir: string, file: string) => readFileSync(join(dir, file), 'utf8');

describe('patchBinding', () => {
  it("adds gantry's extension source to the build and registers it in the module", () => {
    const dir = fakePackage();
    patchBinding(dir);
    assert.ok(existsSync(join(dir, 'binding', 'gantry_extensions.cc')));
    assert.match(
      read(dir, 'binding.gyp'),
      /'binding\/tfjs_binding.cc',\n\s+'binding\/gantry_extensions.cc'/,
    );
    assert.match(
      read(dir, 'binding/tfjs_backend.h'),
      /TFE_Context \*context\(\) \{ return tfe_context_; \}\n.*SetDeviceName.*\n\n private:/,
    );
    const binding = read(dir, 'binding/tfjs_binding.cc');
    assert.match(binding, /namespace tfnodejs \{\n\nvoid RegisterGantryExtensions/);
    assert.match(
      binding,
      /#undef EXPORT_INT_PROPERTY\n\n {2}RegisterGantryExtensions\(env, exports\);/,
    );
  });

  it('adds the function registration source beside the extensions and registers it too', () => {
    const dir = fakePackage();
    patchBinding(dir);
    assert.ok(existsSync(join(dir, 'binding', 'gantry_functions.cc')));
    assert.match(
      read(dir, 'binding.gyp'),
      /'binding\/tfjs_backend.cc',.*\n\s+'binding\/gantry_functions.cc',\n\s+'binding\/tfjs_binding.cc'/,
    );
    const binding = read(dir, 'binding/tfjs_binding.cc');
    assert.match(binding, /\nvoid RegisterGantryFunctions\(napi_env env, napi_value exports\);/);
    assert.match(binding, /\n {2}RegisterGantryFunctions\(env, exports\);/);
  });

  it('changes nothing the second time', () => {
    const dir = fakePackage();
    patchBinding(dir);
    const once = ['binding.gyp', 'binding/tfjs_backend.h', 'binding/tfjs_binding.cc'].map((f) =>
      read(dir, f),
    );
    patchBinding(dir);
    const twice = ['binding.gyp', 'binding/tfjs_backend.h', 'binding/tfjs_binding.cc'].map((f) =>
      read(dir, f),
    );
    assert.deepEqual(twice, once);
  });

  it('names the file whose anchor is missing and writes nothing', () => {
    const dir = fakePackage();
    writeFileSync(join(dir, 'binding', 'tfjs_backend.h'), 'class TFJSBackend {};\n');
    const gyp = read(dir, 'binding.gyp');
    assert.throws(
      () => patchBinding(dir),
      (error) =>
        error instanceof SetupError &&
        /tfjs_backend\.h: it lacks .*TFJSBackend\(napi_env env\)/.test(error.message),
    );
    assert.equal(read(dir, 'binding.gyp'), gyp);
  });
});
