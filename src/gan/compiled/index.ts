export { CompiledUpdateError } from './compiled-update-error.js';
export { CompiledUpdates, type ExecutionMode } from './compiled-updates.js';
