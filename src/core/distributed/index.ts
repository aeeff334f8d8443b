// Public API of src/core/distributed; re-exported from src/index.ts.
export {};
