// Public API of src/core/summary; re-exported from src/index.ts.
export {};
