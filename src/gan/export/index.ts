// Public API of src/gan/export; re-exported from src/gan/index.ts.
export { ExportError } from './export-error.js';
export {
  exportGenerator,
  type ExportedGenerator,
  type ExportGeneratorOptions,
} from './export-generator.js';
export { PAGE_FILE, TFJS_FILE, writeExportPage } from './export-page.js';
export {
  MODEL_FILE,
  WEIGHTS_FILE,
  modelDirectory,
  writeModelDirectory,
} from './model-directory.js';
export {
  restoreGenerator,
  type RestoreGeneratorOptions,
  type RestoredGenerator,
} from './restore-generator.js';
