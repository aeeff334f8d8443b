// Public API of src/gan/replicas; re-exported from src/gan/index.ts.
export { batchShard } from './batch-shard.js';
export { runReplicated, type ReplicatedRun, type RunReplicatedOptions } from './run-replicated.js';
export type { StopDecision, StopProposal } from './stop-agreement.js';
