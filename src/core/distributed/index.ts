export { agreeOnConfig, type ReplicaConfig } from './agree-on-config.js';
export {
  CPU_BINDINGS,
  allowedCpus,
  boundCommand,
  cpuShares,
  parseCpuList,
  planCpuBinding,
  type CpuBinding,
} from './cpu-binding.js';
export {
  findFreePort,
  launchLocalReplicas,
  type LaunchLocalReplicasOptions,
  type LaunchResult,
} from './launch-local-replicas.js';
export type { InGraphMean } from './in-graph-mean.js';
export { ReplicaError } from './replica-error.js';
export {
  joinReplicaGroup,
  readReplicaEnvironment,
  type ReplicaEnvironment,
} from './replica-environment.js';
export { SingleReplicaGroup, type ReplicaGroup } from './replica-group.js';
export {
  allReduceGradients,
  broadcastVariables,
  checkReplicasAgree,
} from './synchronize-tensors.js';
export { TcpReplicaGroup, type TcpReplicaGroupOptions } from './tcp-replica-group.js';
export * from './tensorflow/index.js';
