export {
  CompiledFunction,
  type CallMode,
  type CompiledFunctionOptions,
  type NamedTensors,
} from './compiled-function.js';
export { compiledFunctionsUnavailable } from './native-kernel-backend.js';
