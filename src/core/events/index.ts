// Public API of src/core/events; re-exported from src/index.ts.
export {};
