// Public API of src/gan/run-state; re-exported from src/gan/index.ts.
export { CompiledTraces, savedTraceCounts, type TraceCounts } from './compiled-traces.js';
export { ResumeError } from './resume-error.js';
export {
  isCheckpointable,
  plateauCheckpointable,
  runCheckpointables,
  type RunCheckpointableParts,
} from './run-checkpointables.js';
export { RunState, type RestoredRun, type RunStateParts } from './run-state.js';
export { runVariables, type RunVariableParts, type ShadowedAverager } from './run-variables.js';
