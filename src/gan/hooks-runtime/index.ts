// Public API of src/gan/hooks-runtime; re-exported from src/gan/index.ts.
export { hookName, type Hook } from './hook.js';
export type { StopOptions, TrainingContext } from './training-context.js';
export type { ProposedUpdate, UpdateGuard } from './update-guard.js';
export type { AppliedGradients, GradientObserver } from './gradient-observer.js';
export { WorkQueue, type DeferredWork } from './work-queue.js';
export { HookError } from './hook-error.js';
export { guardedStream } from './guarded-stream.js';
