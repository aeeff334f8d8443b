// Public API of src/core/catalog; re-exported from src/index.ts.
export {
  Catalog,
  defineCatalog,
  type CatalogNames,
  type GivenOptions,
  type MergedOptions,
} from './catalog.js';
export { catalogEntry, type CatalogEntry } from './catalog-entry.js';
export { CatalogError, type CatalogErrorSubject } from './catalog-error.js';
export type { CatalogOption, CatalogOptions, OptionReading } from './catalog-option.js';
