export {
  CompiledFunction,
  type CallMode,
  type CallOptions,
  type CompiledFunctionOptions,
  type NamedTensors,
} from './compiled-function.js';
export { compiledFunctionsUnavailable } from './native-kernel-backend.js';
