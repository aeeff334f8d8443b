import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { availableParallelism } from 'node:os';
import { packageFolderOf, withNativeStderrCaptured } from './stderr-capture.js';
import { filterTensorflowLog, minLogLevel } from './tensorflow-log-filter.js';
import * as tf from './tf.js';

/** The tfjs-node packages gantry can drive, fastest first. */
export const NATIVE_PACKAGES = ['@tensorflow/tfjs-node-gpu', '@tensorflow/tfjs-node'] as const;
/** One of {@link NATIVE_PACKAGES}. */
export type NativePackage = (typeof NATIVE_PACKAGES)[number];

/** What loading a native package found. */
export interface NativeBinding {
  packageName: NativePackage;
  /** The package's folder (`node_modules/@tensorflow/tfjs-node…`). */
  packageDir: string;
  /** TensorFlow's own version as its C API reports it (`TF_Version`). */
  tensorflowVersion: string;
  /** Whether TensorFlow placed its eager context on a GPU. */
  gpu: boolean;
  /**
   * The size of TensorFlow's intra-op pool: `TF_NUM_INTRAOP_THREADS` when the eager context was
   * created (tensorflow/core/common_runtime/process_util.cc reads it then), else every core.
   */
  threads: number;
}

/** Why each native package could not be used, for the error a user reads. */
export interface NativeLoadFailure {
  packageName: NativePackage;
  reason: string;
}

const require = createRequire(import.meta.url);

/** The intra-op threads of the first load: later loads reuse that eager context. */
let startedThreads: number | undefined;

/**
 * Whether TensorFlow's eager context exists in this process, so its thread counts are fixed.
 *
 * @returns true once a native package has loaded.
 */
export function tensorflowStarted(): boolean {
  return startedThreads !== undefined;
}

function intraOpThreadsFromEnvironment(): number {
  const fromEnvironment = Number.parseInt(process.env['TF_NUM_INTRAOP_THREADS'] ?? '', 10);
  return fromEnvironment > 0 ? fromEnvironment : availableParallelism();
}

/**
 * Loads the first tfjs-node package that is installed and whose binding loads, after checking
 * that it would share gantry's tfjs-core: a second tfjs-core would register the `tensorflow`
 * backend in an engine gantry never looks at. TensorFlow's C++ start-up log is held to errors
 * unless the user set `TF_CPP_MIN_LOG_LEVEL` (e.g. `TF_CPP_MIN_LOG_LEVEL=0` to see it all),
 * including the lines it writes before that variable takes effect, where `gantry setup
 * tensorflow` built the stderr capture beside the binding.
 *
 * @returns the binding that loaded, if any, and why each package before it did not.
 */
export function loadNativeBinding(): { binding?: NativeBinding; failures: NativeLoadFailure[] } {
  const failures: NativeLoadFailure[] = [];
  for (const packageName of NATIVE_PACKAGES) {
    let entry: string;
    try {
      entry = require.resolve(packageName);
    } catch {
      failures.push({ packageName, reason: 'not installed' });
      continue;
    }
    const sharedCore = checkSharedCore(entry);
    if (sharedCore !== undefined) {
      failures.push({ packageName, reason: sharedCore });
      continue;
    }
    // TensorFlow's C++ start-up logging goes straight to stderr; keep it out of gantry's output.
    process.env['TF_CPP_MIN_LOG_LEVEL'] ??= '2';
    // TensorFlow's determinism switch (tf.config.experimental.enable_op_determinism reads the
    // same state): deterministic kernels where TensorFlow has a choice (cuDNN's convolution
    // algorithms, bias gradients), an error naming the op where it has none. Read lazily by
    // TensorFlow, so setting it before the load suffices; TF_DETERMINISTIC_OPS=0 opts out.
    process.env['TF_DETERMINISTIC_OPS'] ??= '1';
    const level = minLogLevel(process.env['TF_CPP_MIN_LOG_LEVEL']);
    const loaded = withNativeStderrCaptured(
      packageFolderOf(entry),
      () => loadPackage(packageName),
      (captured) => process.stderr.write(filterTensorflowLog(captured, level)),
    );
    if (typeof loaded === 'string') {
      failures.push({ packageName, reason: loaded });
      continue;
    }
    startedThreads ??= intraOpThreadsFromEnvironment();
    return {
      binding: {
        packageName,
        packageDir: packageFolderOf(entry),
        ...loaded,
        threads: startedThreads,
      },
      failures,
    };
  }
  return { failures };
}

/**
 * Checks that a tfjs-node package would share gantry's `@tensorflow/tfjs-core`: a second
 * tfjs-core would register the `tensorflow` backend in an engine gantry never looks at.
 *
 * @param nativeEntry - any file inside the tfjs-node package (its entry or `package.json`).
 * @returns why it would not share gantry's tfjs-core, or `undefined` when it does.
 */
export function checkSharedCore(nativeEntry: string): string | undefined {
  const ours = require.resolve('@tensorflow/tfjs-core');
  let theirs: string;
  try {
    const tfjsEntry = createRequire(nativeEntry).resolve('@tensorflow/tfjs');
    theirs = createRequire(tfjsEntry).resolve('@tensorflow/tfjs-core');
  } catch (error) {
    return `its @tensorflow/tfjs dependency does not resolve (${firstLine(error)})`;
  }
  if (theirs !== ours) {
    const theirVersion = readVersion(theirs);
    return (
      `it brings its own @tensorflow/tfjs-core ${theirVersion} at ${dirname(theirs)}; ` +
      `install it at gantry's version ${tf.version_core} so npm shares one tfjs-core`
    );
  }
  return undefined;
}

/** tfjs-node's backend keeps its N-API binding, whose `TF_Version` is `TF_Version()`. */
interface NodeKernelBackend {
  binding?: { TF_Version?: string };
  isUsingGpuDevice?: boolean;
}

/**
 * Loads a tfjs-node package and creates its backend (TensorFlow's eager context), the two
 * moments TensorFlow logs at start-up.
 *
 * @returns the backend's facts, or why it could not be used.
 */
function loadPackage(
  packageName: NativePackage,
): { tensorflowVersion: string; gpu: boolean } | string {
  try {
    require(packageName);
  } catch (error) {
    return firstLine(error);
  }
  if (tf.findBackend('tensorflow') === null)
    return 'loaded, but registered no "tensorflow" backend';
  return readBackendFacts();
}

function readBackendFacts(): { tensorflowVersion: string; gpu: boolean } {
  const backend = tf.findBackend('tensorflow') as NodeKernelBackend | null;
  return {
    tensorflowVersion: backend?.binding?.TF_Version ?? 'unknown',
    gpu: backend?.isUsingGpuDevice === true,
  };
}

function readVersion(entry: string): string {
  let folder = dirname(entry);
  for (let depth = 0; depth < 4; depth++) {
    try {
      return (require(`${folder}/package.json`) as { version: string }).version;
    } catch {
      folder = dirname(folder);
    }
  }
  return 'of unknown version';
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
