import '@tensorflow/tfjs-backend-cpu';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { consoleLogger, type Logger } from '../logger.js';
import { BackendError } from './backend-error.js';
import { registerComparisonGradients } from './comparison-gradients.js';
import { whyNoGpu } from './gpu-diagnosis.js';
import { loadNativeBinding, tensorflowStarted, type NativeLoadFailure } from './native-binding.js';
import { registerTensorflowActivationKernels } from './tensorflow-activation-kernels.js';
import * as tf from './tf.js';
import { registerWasmTrainingKernels } from './wasm-kernels/register.js';

/** A backend a user can ask for; `auto` picks the fastest that runs here. */
export type BackendRequest = 'auto' | 'tensorflow' | 'wasm' | 'cpu';
/** A backend that actually runs. */
export type BackendName = Exclude<BackendRequest, 'auto'>;

/** Options of {@link initBackend}. */
export interface InitBackendOptions {
  /** Which backend to use; default: the one already active, else `auto`. */
  backend?: BackendRequest;
  /** Where the one start-up line and the fallback notice go; default stderr. */
  logger?: Logger;
  /**
   * Threads TensorFlow computes with (its intra- and inter-op pools), fixed when it starts, so
   * only the process's first tensorflow start can choose; default: every core (or
   * `TF_NUM_INTRAOP_THREADS`). Small models spend less CPU on one thread than on several. The
   * wasm and cpu backends compute on one thread under Node whatever this says.
   */
  threads?: number;
  /** Fail, saying why, unless the backend computes on a GPU (a GPU benchmark); default false. */
  requireGpu?: boolean;
}

/** What {@link initBackend} set up, as reported in its start-up line. */
export interface BackendInfo {
  name: BackendName;
  /** Threads the backend computes with. */
  threads: number;
  /** Whether the backend uses SIMD instructions (wasm: 128-bit SIMD; tensorflow: native). */
  simd: boolean;
  /** For `tensorflow`: the npm package that provided it and TensorFlow's own version. */
  nativePackage?: string;
  tensorflowVersion?: string;
  /** For `tensorflow`: whether TensorFlow computes on a GPU. */
  gpu?: boolean;
  /** For `tensorflow` through `@tensorflow/tfjs-node-gpu` on the CPU: why no GPU is used. */
  gpuUnavailable?: string;
  /** The line written at start-up. */
  summary: string;
}

const HOW_TO_GET_TENSORFLOW =
  'Run `npx gantry setup tensorflow` (builds @tensorflow/tfjs-node against an installed ' +
  'TensorFlow, offline; add --gpu on a CUDA machine), or on a machine with internet ' +
  '`npm install @tensorflow/tfjs-node` (CPU) / `npm install @tensorflow/tfjs-node-gpu` (CUDA).';

/**
 * Selects and initialises the TensorFlow.js backend gantry computes on, and writes one line
 * saying which backend runs, with how many threads and whether it uses SIMD.
 *
 * `auto` picks `tensorflow` when `@tensorflow/tfjs-node-gpu` or `@tensorflow/tfjs-node` loads,
 * else the embedded `wasm` backend (saying why), else `cpu`. On `wasm`, gantry's own training
 * kernels are registered first (the gradients wasm lacks, and faster transposed products).
 *
 * @example
 * ```ts
 * const info = await initBackend({ backend: 'wasm' });
 * // "gantry: backend wasm (XNNPACK), 1 thread, SIMD on"
 * ```
 * @param options - the backend to use and where to report it.
 * @returns what is now active (the same object when it was already active).
 * @throws BackendError when the requested backend cannot run here, saying how to get it; with
 *   `requireGpu`, when it computes on the CPU, saying why.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const logger = options.logger ?? consoleLogger;
  registerComparisonGradients();
  const active = current !== undefined && tf.getBackend() === current.name ? current : undefined;
  let info: BackendInfo;
  if (active !== undefined && (options.backend ?? active.name) === active.name) {
    info = checkThreads(active, options.threads);
  } else {
    if (options.threads !== undefined && !tensorflowStarted()) {
      const threads = String(options.threads);
      process.env['TF_NUM_INTRAOP_THREADS'] = threads;
      process.env['TF_NUM_INTEROP_THREADS'] = threads;
    }
    info = checkThreads(await activate(options.backend ?? 'auto', logger), options.threads);
    current = info;
    logger.info(info.summary);
  }
  if (options.requireGpu === true && info.gpu !== true)
    throw new BackendError(`a GPU was asked for, but ${withoutGpu(info)}`);
  return info;
}

/** Why a backend computes without a GPU, for `requireGpu`'s error. */
function withoutGpu(info: BackendInfo): string {
  if (info.name !== 'tensorflow')
    return `the backend is ${info.name}; only tensorflow (@tensorflow/tfjs-node-gpu) uses a GPU`;
  if (info.gpuUnavailable !== undefined)
    return `TensorFlow computes on the CPU: ${info.gpuUnavailable}`;
  return (
    `TensorFlow computes on the CPU: ${info.nativePackage ?? 'its package'} is the CPU build; ` +
    'run `npx gantry setup tensorflow --gpu`'
  );
}

/**
 * The backend the last successful call set up. Asking again for it, or asking with no
 * `backend` at all once one is active, returns it without a second start-up line: a script that
 * picked `wasm` keeps it when a trainer without a `backend` setting starts.
 */
let current: BackendInfo | undefined;

function checkThreads(info: BackendInfo, threads: number | undefined): BackendInfo {
  if (threads === undefined || info.name !== 'tensorflow' || info.threads === threads) return info;
  throw new BackendError(
    `threads ${threads}: TensorFlow already started in this process with ${info.threads} ` +
      'thread(s), and its thread pools are fixed at start; choose threads in the first ' +
      'initBackend of the process (or set TF_NUM_INTRAOP_THREADS before it starts)',
  );
}

async function activate(request: BackendRequest, logger: Logger): Promise<BackendInfo> {
  switch (request) {
    case 'tensorflow':
      return activateTensorflow();
    case 'wasm':
      return activateWasm();
    case 'cpu':
      return activateCpu();
    case 'auto': {
      const { binding, failures } = loadNativeBinding();
      if (binding !== undefined) return activateTensorflow();
      const reasons = failures.map(describeFailure).join('; ');
      try {
        const info = await activateWasm();
        logger.info(`gantry: no native TensorFlow backend (${reasons}); using wasm`);
        return info;
      } catch (error) {
        logger.warn(`wasm backend failed to start (${String(error)}); using cpu`);
        return activateCpu();
      }
    }
    default:
      throw new BackendError(
        `unknown backend "${String(request)}": use one of auto, tensorflow, wasm, cpu`,
      );
  }
}

async function activateTensorflow(): Promise<BackendInfo> {
  const { binding, failures } = loadNativeBinding();
  if (binding === undefined) {
    throw new BackendError(
      `the tensorflow backend is not available (${failures.map(describeFailure).join('; ')}). ` +
        HOW_TO_GET_TENSORFLOW,
    );
  }
  registerTensorflowActivationKernels();
  await setBackendOrThrow('tensorflow');
  const { threads } = binding;
  const gpuUnavailable =
    binding.packageName === '@tensorflow/tfjs-node-gpu' && !binding.gpu
      ? whyNoGpu(binding.packageDir)
      : undefined;
  const device = binding.gpu
    ? 'GPU'
    : gpuUnavailable === undefined
      ? 'CPU'
      : `CPU: ${gpuUnavailable}`;
  return {
    name: 'tensorflow',
    threads,
    simd: true,
    nativePackage: binding.packageName,
    tensorflowVersion: binding.tensorflowVersion,
    gpu: binding.gpu,
    ...(gpuUnavailable !== undefined && { gpuUnavailable }),
    summary:
      `gantry: backend tensorflow (TensorFlow ${binding.tensorflowVersion} via ` +
      `${binding.packageName}, ${device}), ${threads} thread${threads === 1 ? '' : 's'}`,
  };
}

async function activateWasm(): Promise<BackendInfo> {
  registerWasmTrainingKernels();
  await withoutProcessHandlersAdded(() => setBackendOrThrow('wasm'));
  const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
  const threads = getThreadsCount();
  return {
    name: 'wasm',
    threads,
    simd,
    summary:
      `gantry: backend wasm (XNNPACK), ${threads} thread${threads === 1 ? '' : 's'}, ` +
      `SIMD ${simd ? 'on' : 'off'}`,
  };
}

/**
 * The wasm module's Emscripten runtime installs `uncaughtException`/`unhandledRejection`
 * handlers that rethrow from inside its minified source, so Node prints 30 kB of wasm glue code
 * instead of the user's error and stack. gantry is a library: the process's error handling
 * belongs to the application, so the handlers added while the module starts are removed.
 */
async function withoutProcessHandlersAdded(start: () => Promise<void>): Promise<void> {
  const exceptionHandlers = new Set(process.listeners('uncaughtException'));
  const rejectionHandlers = new Set(process.listeners('unhandledRejection'));
  await start();
  for (const listener of process.listeners('uncaughtException')) {
    if (!exceptionHandlers.has(listener)) process.removeListener('uncaughtException', listener);
  }
  for (const listener of process.listeners('unhandledRejection')) {
    if (!rejectionHandlers.has(listener)) process.removeListener('unhandledRejection', listener);
  }
}

async function activateCpu(): Promise<BackendInfo> {
  await setBackendOrThrow('cpu');
  silenceCpuBackendBanner();
  return {
    name: 'cpu',
    threads: 1,
    simd: false,
    summary: 'gantry: backend cpu (plain JavaScript), 1 thread',
  };
}

async function setBackendOrThrow(name: BackendName): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new BackendError(`the ${name} backend failed to initialise`);
  await tf.ready();
}

/**
 * The cpu backend prints an "install tfjs-node" banner on its first tensor; gantry already
 * says which backend runs and how to get a faster one, so the banner is only noise.
 * `firstUse` is the cpu backend's own flag for "banner not shown yet".
 */
function silenceCpuBackendBanner(): void {
  const backend = tf.findBackend('cpu') as { firstUse?: boolean } | null;
  if (backend !== null) backend.firstUse = false;
}

function describeFailure(failure: NativeLoadFailure): string {
  return `${failure.packageName}: ${failure.reason}`;
}
