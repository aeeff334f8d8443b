// Public API of src/core/di; re-exported from src/index.ts.
export { TOKENS, type TokenName } from './tokens.js';
