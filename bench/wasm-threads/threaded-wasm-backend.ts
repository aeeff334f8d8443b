/**
 * Starts tfjs-backend-wasm's multi-threaded SIMD build under Node and registers it as the `wasm`
 * backend, supplying the three things its own `init()` gets wrong under Node (tfjs issue 3830):
 *
 * 1. the pthread worker: `init()` hands Emscripten a `blob:` URL for the worker script, which
 *    Node's `worker_threads.Worker` rejects (`ERR_WORKER_PATH`); here the worker source the
 *    package ships (`wasm-out/*.worker.js` exports it as a string) is written to a file;
 * 2. the main script the workers load: `init()` passes a `Blob`, which the worker glue can only
 *    read through `importScripts(URL.createObjectURL(blob))`, i.e. `fs.readFileSync` of a
 *    `blob:` URL; loading the factory from its own file makes Emscripten pass that file's path;
 * 3. the thread count: the module caps its pool at `emscripten_num_logical_cores() / 2`, which
 *    under Node is `os.cpus().length / 2`, read once while the module starts (1 on 2 cores);
 *    `os.cpus` reports 2 × `threads` cores for exactly that moment.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { BackendWasm, getThreadsCount, setThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import * as tf from '../../src/core/backend/tf.js';
import { registerWasmTrainingKernels } from '../../src/core/backend/wasm-kernels/register.js';

/** The file names of the threaded build inside the tfjs-backend-wasm package. */
const THREADED = {
  factory: 'wasm-out/tfjs-backend-wasm-threaded-simd.js',
  worker: 'wasm-out/tfjs-backend-wasm-threaded-simd.worker.js',
  binary: 'dist/tfjs-backend-wasm-threaded-simd.wasm',
} as const;

/** The priority tfjs-backend-wasm registers `wasm` with (its `WASM_PRIORITY`). */
const WASM_PRIORITY = 2;

/** The part of the Emscripten module this file touches. */
interface ThreadedModule {
  cwrap(name: string, returns: string | null, args: string[]): (...args: number[]) => number;
  PThread: {
    terminateAllThreads(): void;
    unusedWorkers: readonly { unref(): void }[];
    runningWorkers: readonly { unref(): void }[];
  };
  tfjs?: object;
}

type ThreadedFactory = (config: {
  locateFile(path: string, prefix: string): string;
}) => Promise<ThreadedModule>;

/** What {@link startThreadedWasm} set up. */
export interface ThreadedWasm {
  /** Threads XNNPACK's pool computes with (the calling thread included). */
  threads: number;
  /** Wall milliseconds the build took to start (8 workers, each compiling the module). */
  startMs: number;
  /** Stops the worker threads and removes the worker script. */
  terminate(): void;
}

/**
 * Loads the threaded SIMD build, registers it as the `wasm` backend (with gantry's training
 * kernels) and makes it the active backend.
 *
 * @param threads - threads XNNPACK's pool should use, 1 to 8 (the build starts 8 workers).
 * @returns the thread count the module reports and a way to stop its workers.
 * @throws RangeError for a thread count outside 1–8; whatever Emscripten throws when the
 *   build cannot start.
 */
export async function startThreadedWasm(threads: number): Promise<ThreadedWasm> {
  if (!Number.isInteger(threads) || threads < 1 || threads > 8) {
    throw new RangeError(`threads must be an integer from 1 to 8, got ${threads}`);
  }
  const startedAt = performance.now();
  const require = createRequire(import.meta.url);
  const packageDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const factory = require(join(packageDir, THREADED.factory)) as ThreadedFactory;
  const workerDir = mkdtempSync(join(os.tmpdir(), 'gantry-wasm-threads-'));
  const workerPath = writeWorkerScript(
    workerDir,
    (require(join(packageDir, THREADED.worker)) as { wasmWorkerContents: string })
      .wasmWorkerContents,
  );
  const module = await withReportedCores(2 * threads, () =>
    factory({
      locateFile: (path, prefix) =>
        path.endsWith('.worker.js')
          ? workerPath
          : path.endsWith('.wasm')
            ? join(packageDir, THREADED.binary)
            : prefix + path,
    }),
  );
  module.tfjs = bridgeOf(module);
  registerWasmTrainingKernels();
  setThreadsCount(threads);
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    // BackendWasm's constructor takes the full Emscripten module type; this is that module.
    () => new BackendWasm(module as unknown as ConstructorParameters<typeof BackendWasm>[0]),
    WASM_PRIORITY,
  );
  if (!(await tf.setBackend('wasm'))) throw new Error('the threaded wasm backend failed to start');
  // The pool's workers would keep Node's event loop alive after the application is done.
  for (const worker of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) {
    worker.unref();
  }
  return {
    threads: getThreadsCount(),
    startMs: performance.now() - startedAt,
    terminate: () => {
      module.PThread.terminateAllThreads();
      rmSync(workerDir, { recursive: true, force: true });
    },
  };
}

/**
 * The worker source is a template literal in the package, so the `\n` escapes of its string
 * literals arrive as real newlines; tfjs's `init()` escapes them again before making its Blob,
 * and so does this (an unescaped file is a SyntaxError in every worker).
 */
function writeWorkerScript(dir: string, contents: string): string {
  const path = join(dir, 'pthread-worker.cjs');
  writeFileSync(path, contents.replace(/\n/g, '\\n'));
  return path;
}

/** Runs `start` while `os.cpus()` lists `cores` entries, then restores it. */
async function withReportedCores<T>(cores: number, start: () => Promise<T>): Promise<T> {
  const realCpus = os.cpus;
  const one = realCpus()[0]!;
  os.cpus = () => Array.from({ length: cores }, () => one);
  try {
    return await start();
  } finally {
    os.cpus = realCpus;
  }
}

/** The `module.tfjs` functions BackendWasm calls, wrapped as tfjs's own `init()` wraps them. */
function bridgeOf(module: ThreadedModule): object {
  return {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
}
