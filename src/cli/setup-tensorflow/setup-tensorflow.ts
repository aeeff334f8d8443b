import { existsSync } from 'node:fs';
import { platform } from 'node:os';
import type { Logger } from '../../core/logger.js';
import { buildBinding, bindingTarget } from './build-binding.js';
import { buildStderrCapture, stderrCaptureFile } from './build-stderr-capture.js';
import { findBuildTools } from './build-tools.js';
import { checkGpuLibrary } from './cuda-libraries.js';
import { findTensorflowLibrary } from './find-library.js';
import type { TensorflowLibrary } from './library-layout.js';
import { ensureNativePackage } from './native-package.js';
import { patchBinding } from './patch-binding.js';
import { findProject } from './project.js';
import { SetupError } from './setup-error.js';
import { isBuiltAgainst, recordBuild, stageLibrary } from './stage.js';
import { verifyTensorflowBackend, type VerifyReport } from './verify.js';

/** Options of {@link setupTensorflow}, as `gantry setup tensorflow` takes them. */
export interface SetupTensorflowOptions {
  /** Build `@tensorflow/tfjs-node-gpu` against a CUDA-enabled TensorFlow. */
  gpu?: boolean;
  /** A folder with a TensorFlow C API (libtensorflow tarball contents or a wheel's package). */
  from?: string;
  logger: Logger;
}

/** What {@link setupTensorflow} did and found. */
export interface SetupTensorflowReport {
  packageDir: string;
  /** Where the TensorFlow library came from. */
  origin: string;
  /** False when everything was already in place and nothing was staged or built. */
  built: boolean;
  /** Seconds the binding took to compile; 0 when it was already built. */
  buildSeconds: number;
  verified: VerifyReport;
}

/**
 * Makes the `tensorflow` backend available offline: installs tfjs-node (or -gpu) at gantry's
 * tfjs version without its download script, finds a TensorFlow C API, links it into the
 * package's `deps/`, adds gantry's binding extensions (TensorFlow's collective runtime),
 * compiles the binding with node-gyp (and gantry's stderr capture, which
 * holds back TensorFlow's load-time log), and trains a few steps on it.
 * Idempotent: when the binding is already built against the same library, it only verifies.
 *
 * @example
 * ```ts
 * const report = setupTensorflow({ logger: consoleLogger });
 * // report.verified.tensorflowVersion === '2.21.0'
 * ```
 * @param options - GPU or CPU, an explicit library folder, and where progress goes.
 * @returns the package folder, the library's origin, whether it built, and the verification.
 * @throws SetupError saying what was missing and what to do.
 */
export function setupTensorflow(options: SetupTensorflowOptions): SetupTensorflowReport {
  if (platform() !== 'linux') {
    throw new SetupError(
      `gantry setup tensorflow builds on Linux only (this is ${platform()}); here, install the ` +
        'prebuilt package with internet access: `npm install @tensorflow/tfjs-node`.',
    );
  }
  const { logger } = options;
  const gpu = options.gpu === true;
  const project = findProject();
  const library = findTensorflowLibrary({
    ...(options.from !== undefined && { from: options.from }),
    gpu,
    cacheDir: project.cacheDir,
    logger,
  });
  logger.info(`setup: TensorFlow C API from ${library.origin}: ${library.cApi}`);
  if (gpu) {
    const cuda = checkGpuLibrary(library);
    logger.info(
      `setup: ${cuda ?? "a libtensorflow without a build record: CUDA comes from the system's library path"}`,
    );
  }
  const packageDir = ensureNativePackage(project, gpu, logger);
  const buildSeconds = buildUnlessCurrent(packageDir, library, logger);
  const verified = verifyTensorflowBackend();
  if (gpu && !verified.gpu) {
    logger.warn(
      `setup: built for CUDA, but TensorFlow found no GPU here (${verified.gpuUnavailable ?? 'no reason given'}); ` +
        'it computes on the CPU until it does',
    );
  }
  logger.info(
    `setup: tensorflow backend ready: TensorFlow ${verified.tensorflowVersion} via ` +
      `${verified.nativePackage}${verified.gpu ? ' on GPU' : ''}, a training step takes ` +
      `${verified.stepMs.toFixed(2)} ms`,
  );
  return {
    packageDir,
    origin: library.origin,
    built: buildSeconds !== undefined,
    buildSeconds: buildSeconds ?? 0,
    verified,
  };
}

/** Stages and builds unless the binding is already built against `library`; returns seconds. */
function buildUnlessCurrent(
  packageDir: string,
  library: TensorflowLibrary,
  logger: Logger,
): number | undefined {
  const captureBuilt = existsSync(stderrCaptureFile(packageDir));
  if (isBuiltAgainst(packageDir, library) && existsSync(bindingTarget(packageDir).file)) {
    logger.info(`setup: the binding in ${packageDir} is already built against it`);
    if (!captureBuilt) buildStderrCapture(packageDir, findBuildTools());
    return undefined;
  }
  const tools = findBuildTools();
  stageLibrary(packageDir, library);
  patchBinding(packageDir);
  logger.info('setup: building the binding with node-gyp (about two minutes)');
  const started = performance.now();
  buildBinding(packageDir, tools);
  buildStderrCapture(packageDir, tools);
  recordBuild(packageDir, library);
  const seconds = (performance.now() - started) / 1000;
  logger.info(`setup: built in ${seconds.toFixed(0)} s`);
  return seconds;
}
