// Public API of src/core/optim; re-exported from src/index.ts.
export {};
