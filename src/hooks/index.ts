// Public API of src/hooks; re-exported from src/index.ts.
export {};
