// Public API of src/gan; re-exported from src/index.ts.
export {};
