// Public API of src/core/checkpoint; re-exported from src/index.ts.
export {};
