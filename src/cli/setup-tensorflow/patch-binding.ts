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
// half-patched build.
const INSERTIONS: readonly Insertion[] = [
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
    text: `\nvoid RegisterGantryExtensions(napi_env env, napi_value exports);  // ${MARK}\n`,
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
  const hash = createHash('sha256').update(readFileSync(join(EXTENSIONS_DIR, EXTENSIONS_FILE)));
  for (const insertion of INSERTIONS) hash.update(JSON.stringify(insertion));
  return hash.digest('hex').slice(0, 16);
}

/**
 * Adds gantry's binding extensions (TensorFlow's collective runtime: `enableCollectiveOps`,
 * `abortCollectiveOps`, `checkCollectivePeerHealth`) to tfjs-node's sources before they are
 * compiled: copies `gantry_extensions.cc` beside them and inserts four marked lines (a source
 * in `binding.gyp`, two accessors on `TFJSBackend`, the registration call). Idempotent.
 *
 * @param packageDir - the tfjs-node package folder.
 * @throws SetupError naming the file whose anchor is missing (another tfjs-node version).
 */
export function patchBinding(packageDir: string): void {
  copyFileSync(join(EXTENSIONS_DIR, EXTENSIONS_FILE), join(packageDir, 'binding', EXTENSIONS_FILE));
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
