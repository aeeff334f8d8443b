export { formatTfConfig, parseTfConfig, type ClusterSpec } from './cluster-spec.js';
export { CollectiveRuntime, type Reduction } from './collective-runtime.js';
export { encodeServerDef } from './server-def.js';
export {
  joinTensorflowCluster,
  type TensorflowClusterOptions,
} from './tensorflow-replica-group.js';
