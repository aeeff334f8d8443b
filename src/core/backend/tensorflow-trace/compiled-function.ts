import type { Logger } from '../../logger.js';
import * as tf from '../tf.js';
import { compiledFunctionsUnavailable, nativeKernelBackend } from './native-kernel-backend.js';
import { TraceRecorder } from './trace-recorder.js';
import { TracedFunction } from './traced-function.js';

/** What a compiled function returns: named tensors (a loss, metrics), owned by the caller. */
export type NamedTensors = Record<string, tf.Tensor>;

/** Options of {@link CompiledFunction}. */
export interface CompiledFunctionOptions {
  /** Names the function in TensorFlow's context and in messages, e.g. `critic_update`. */
  name: string;
  /** Where the one message about a failed trace goes. */
  logger: Logger;
  /** How many traced versions to keep registered (older ones are removed); default 4. */
  maxVersions?: number;
  /** Compile the function with XLA's JIT (`_XlaMustCompile`); default false. */
  xla?: boolean;
}

/** What happened to the last call: traced (and run eagerly), compiled, or eager after a failed trace. */
export type CallMode = 'traced' | 'compiled' | 'eager';

/** Options of one {@link CompiledFunction.call}. */
export interface CallOptions {
  /** Whatever else the recording depends on (settings, a learning rate); part of the signature. */
  key?: string;
  /**
   * Decides, from the result, whether the call's variable assignments stand (an update guard);
   * when it returns false every variable keeps its value from before the call.
   */
  accept?: (result: NamedTensors) => boolean;
}

/**
 * An update function run as one TensorFlow function on the tensorflow backend, in the manner
 * of `tf.function`: the first call for a signature (the arguments' shapes and dtypes and a
 * caller's key, e.g. the learning rate) runs `fn` eagerly while recording the ops it executes;
 * the recording becomes a function registered in TensorFlow's eager context, and later calls
 * with that signature run it in one call, feeding the arguments and the current values of the
 * variables `fn` reads, and assigning the variables `fn` assigned. `fn` must be deterministic
 * in its arguments and variables: per-call values made in JavaScript (random draws, data, a
 * scheduled rate) must be arguments or part of the key. When the recording fails (a read back
 * to JavaScript, a random draw made in JavaScript, a tensor from outside that is not an
 * argument; see `TraceRecorder`), the logger says once why, and that signature runs eagerly.
 * On other backends every call runs eagerly.
 *
 * @example
 * ```ts
 * const step = new CompiledFunction((x) => { w.assign(w.sub(x)); return { norm: w.norm() }; },
 *   { name: 'step', logger: consoleLogger });
 * const { norm } = step.call([x]);
 * ```
 */
export class CompiledFunction<Args extends tf.Tensor[]> {
  /** How many times `fn` was traced (one per new signature or unusable version). */
  traceCount = 0;
  /** How the last call ran. */
  lastMode: CallMode | undefined;
  /** Why the last failed trace failed. */
  lastFailure: string | undefined;
  readonly #fn: (...args: Args) => NamedTensors;
  readonly #options: CompiledFunctionOptions;
  readonly #versions = new Map<string, { traced: TracedFunction; names: string[] } | 'eager'>();
  readonly #reported = new Set<string>();

  /**
   * @param fn - the update: reads variables and its arguments, may assign variables, returns
   *   named tensors.
   * @param options - its name, the logger, how many versions to keep.
   */
  constructor(fn: (...args: Args) => NamedTensors, options: CompiledFunctionOptions) {
    this.#fn = fn;
    this.#options = options;
  }

  /**
   * Runs the update, compiled when it can be.
   *
   * @param args - the arguments.
   * @param options - the key, and the guard that may undo the call's assignments.
   * @returns the named tensors; the caller disposes them.
   */
  call(args: Args, options: CallOptions = {}): NamedTensors {
    const accept = options.accept ?? (() => true);
    if (compiledFunctionsUnavailable() !== undefined) return this.#eager(args, accept);
    const signature = signatureOf(args, options.key ?? '');
    const version = this.#versions.get(signature);
    if (version === 'eager') return this.#eager(args, accept);
    if (version !== undefined && version.traced.usable) {
      this.lastMode = 'compiled';
      return version.traced.call(args, version.names, accept);
    }
    version?.traced.dispose();
    return withUndo(accept, () => this.#trace(args, signature));
  }

  /** Removes every registered version from TensorFlow's context. */
  dispose(): void {
    for (const version of this.#versions.values())
      if (version !== 'eager') version.traced.dispose();
    this.#versions.clear();
  }

  #trace(args: Args, signature: string): NamedTensors {
    this.traceCount += 1;
    this.lastMode = 'traced';
    const backend = nativeKernelBackend();
    const recorder = new TraceRecorder(backend, args);
    const result = recorder.record(() => this.#fn(...args));
    const names = Object.keys(result);
    const graph = recorder.finish(names.map((name) => result[name] as tf.Tensor));
    let failure = recorder.failure;
    if (graph !== undefined) {
      try {
        const traced = new TracedFunction(
          backend,
          graph,
          names.length,
          this.#options.name,
          this.#options.xla,
        );
        this.#remember(signature, { traced, names });
        this.#options.logger.info(
          `${this.#options.name}: traced into one TensorFlow function of ${traced.size} ops ` +
            `(trace ${this.traceCount}, ${signature})`,
        );
        return result;
      } catch (error) {
        failure = `TensorFlow refused the recorded graph: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    this.lastFailure = failure;
    this.#remember(signature, 'eager');
    const reason = failure ?? 'unknown';
    if (!this.#reported.has(reason)) {
      this.#reported.add(reason);
      this.#options.logger.warn(
        `${this.#options.name}: cannot compile this update (${reason}); it runs eagerly instead`,
      );
    }
    return result;
  }

  #remember(
    signature: string,
    version: { traced: TracedFunction; names: string[] } | 'eager',
  ): void {
    this.#versions.set(signature, version);
    const max = this.#options.maxVersions ?? 4;
    for (const [old, kept] of this.#versions) {
      if (this.#versions.size <= max) break;
      if (kept !== 'eager') kept.traced.dispose();
      this.#versions.delete(old);
    }
  }

  #eager(args: Args, accept: (result: NamedTensors) => boolean): NamedTensors {
    this.lastMode = 'eager';
    return withUndo(accept, () => this.#fn(...args));
  }
}

function signatureOf(args: readonly tf.Tensor[], key: string): string {
  return `${key}|${args.map((a) => `${a.dtype}[${a.shape.join(',')}]`).join(';')}`;
}

/**
 * Runs `body`, which may assign variables, and puts every variable back as it was when `accept`
 * rejects the result. The snapshot shares the variables' data (a clone is a reference).
 */
function withUndo(
  accept: (result: NamedTensors) => boolean,
  body: () => NamedTensors,
): NamedTensors {
  const before = Object.values(tf.engine().registeredVariables).map(
    (variable) => [variable, tf.keep(variable.clone())] as const,
  );
  try {
    const result = body();
    if (!accept(result)) {
      for (const [variable, value] of before) if (!variable.isDisposed) variable.assign(value);
    }
    return result;
  } finally {
    tf.dispose(before.map(([, value]) => value));
  }
}
