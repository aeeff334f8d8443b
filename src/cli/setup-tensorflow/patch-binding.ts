import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SetupError } from './setup-error.js';

/** gantry's C++ additions to the binding: `native/tfjs-binding-extensions` at the package root. */
const EXTENSIONS_DIR = fileURLToPath(
  new URL('../../../native/tfjs-binding-extensions/', import.meta.url),
);
const EXTENSIONS_FILE = 'gantry_extensions.cc';
/** Function registration for compiled updates, kept apart from the collective extensions. */
const FUNCTIONS_FILE = 'gantry_functions.cc';
const SOURCE_FILES = [EXTENSIONS_FILE, FUNCTIONS_FILE] as const;
/** Marks every line gantry adds, so a second patch finds its own work and leaves it. */
const MARK = 'gantry-extensions';

/** One edit: insert `text` at `anchor` (before it, or after it), in a file of the package. */
interface Insertion {
  readonly file: string;
  readonly anchor: string;
  readonly where: 'before' | 'after';
  readonly text: string;
}

// Anchors in @tensorflow/tfjs-node 4.22.0's sources; a missing one is a SetupError, never a
// half-patched build. Two insertions after one anchor end up in reverse order of this list.
const INSERTIONS: readonly Insertion[] = [
  {
    file: 'binding.gyp',
    anchor: "'binding/tfjs_backend.cc',",
    where: 'after',
    text: `  # ${MARK}\n      'binding/${FUNCTIONS_FILE}',`,
  },
  {
    file: 'binding.gyp',
    anchor: "'binding/tfjs_binding.cc'",
    where: 'after',
    text: `,\n      'binding/${EXTENSIONS_FILE}'  # ${MARK}`,
  },
  {
    file: join('binding', 'tfjs_backend.h'),
    anchor: '\n private:\n  TFJSBackend(napi_env env);',
    where: 'before',
    text:
      `\n  // ${MARK}: the eager context and the device new tensors go to, for ${EXTENSIONS_FILE}.` +
      '\n  TFE_Context *context() { return tfe_context_; }' +
      '\n  void SetDeviceName(const std::string &name) { device_name = name; }\n',
  },
  {
    file: join('binding', 'tfjs_binding.cc'),
    anchor: '\nnamespace tfnodejs {\n',
    where: 'after',
    text: `\nvoid RegisterGantryFunctions(napi_env env, napi_value exports);  // ${MARK}\n`,
  },
  {
    file: join('binding', 'tfjs_binding.cc'),
    anchor: '\nnamespace tfnodejs {\n',
    where: 'after',
    text: `\nvoid RegisterGantryExtensions(napi_env env, napi_value exports);  // ${MARK}\n`,
  },
  {
    file: join('binding', 'tfjs_binding.cc'),
    anchor: '#undef EXPORT_INT_PROPERTY\n',
    where: 'after',
    text: `\n  RegisterGantryFunctions(env, exports);  // ${MARK}\n`,
  },
  {
    file: join('binding', 'tfjs_binding.cc'),
    anchor: '#undef EXPORT_INT_PROPERTY\n',
    where: 'after',
    text: `\n  RegisterGantryExtensions(env, exports);  // ${MARK}\n`,
  },
];

/**
 * A fingerprint of gantry's additions (its C++ file and the edits), recorded with the build so
 * that a binding built with older additions, or none, is rebuilt.
 *
 * @returns a short hex digest.
 */
export function bindingExtensionsVersion(): string {
  const hash = createHash('sha256');
  for (const file of SOURCE_FILES) hash.update(readFileSync(join(EXTENSIONS_DIR, file)));
  for (const insertion of INSERTIONS) hash.update(JSON.stringify(insertion));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Adds gantry's binding extensions (TensorFlow's collective runtime: `enableCollectiveOps`,
 * `abortCollectiveOps`, `checkCollectivePeerHealth`; function registration for compiled
 * updates: `registerFunction`, `removeFunction`, `hasFunction`) to tfjs-node's sources before
 * they are compiled: copies `gantry_extensions.cc` and `gantry_functions.cc` beside them and
 * inserts marked lines (two sources in `binding.gyp`, two accessors on `TFJSBackend`, two
 * declarations and two registration calls). Idempotent.
 *
 * @param packageDir - the tfjs-node package folder.
 * @throws SetupError naming the file whose anchor is missing (another tfjs-node version).
 */
export function patchBinding(packageDir: string): void {
  for (const file of SOURCE_FILES)
    copyFileSync(join(EXTENSIONS_DIR, file), join(packageDir, 'binding', file));
  const files = new Map<string, string>();
  for (const { file } of INSERTIONS) files.set(file, readFileSync(join(packageDir, file), 'utf8'));
  for (const insertion of INSERTIONS) {
    const source = files.get(insertion.file) ?? '';
    if (source.includes(insertion.text)) continue;
    const at = source.indexOf(insertion.anchor);
    if (at < 0) {
      throw new SetupError(
        `cannot add gantry's extensions to ${join(packageDir, insertion.file)}: it lacks ` +
          `${JSON.stringify(insertion.anchor)}; gantry patches @tensorflow/tfjs-node 4.22.0's ` +
          'sources (reinstall it with `npx gantry setup tensorflow`)',
      );
    }
    const cut = insertion.where === 'before' ? at : at + insertion.anchor.length;
    files.set(insertion.file, source.slice(0, cut) + insertion.text + source.slice(cut));
  }
  for (const [file, source] of files) writeFileSync(join(packageDir, file), source);
}
