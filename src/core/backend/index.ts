export { BackendError } from './backend-error.js';
export {
  initBackend,
  type BackendInfo,
  type BackendName,
  type BackendRequest,
  type InitBackendOptions,
} from './init-backend.js';
export * from './tensorflow-trace/index.js';
