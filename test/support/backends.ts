import { before, describe } from 'node:test';
import { initBackend, type BackendName } from '../../src/core/backend/index.js';
import { loadNativeBinding } from '../../src/core/backend/native-binding.js';
import { silentLogger } from '../../src/core/logger.js';

/** Whether a backend can run in this test process, and if not, why. */
export interface BackendAvailability {
  name: BackendName;
  /** Why the backend is absent; `undefined` when it runs here. */
  absentBecause?: string;
}

/**
 * The backends gantry can compute on, each with the reason it is absent here, if it is. `cpu`
 * and `wasm` ship inside npm packages; `tensorflow` needs a tfjs-node binding that loads.
 *
 * @returns cpu, wasm and tensorflow, in that order.
 */
export function availableBackends(): BackendAvailability[] {
  const { binding, failures } = loadNativeBinding();
  const nativeReasons = failures.map((f) => `${f.packageName}: ${f.reason}`).join('; ');
  return [
    { name: 'cpu' },
    { name: 'wasm' },
    binding !== undefined
      ? { name: 'tensorflow' }
      : {
          name: 'tensorflow',
          absentBecause: `tensorflow backend absent (${nativeReasons}); run \`npx gantry setup tensorflow\``,
        },
  ];
}

/**
 * Runs a suite once per backend, each inside `describe('on <backend>')` with that backend
 * active; a backend that is absent is reported as a skipped suite with the reason, never
 * dropped silently.
 *
 * @example
 * ```ts
 * forEachBackend((backend) => {
 *   it('squares', () => assert.deepEqual(tf.square([2]).arraySync(), [4]));
 * });
 * ```
 * @param suite - defines the tests; receives the active backend's name.
 * @param only - restricts the run to these backends.
 */
export function forEachBackend(
  suite: (backend: BackendName) => void,
  only?: readonly BackendName[],
): void {
  for (const { name, absentBecause } of availableBackends()) {
    if (only !== undefined && !only.includes(name)) continue;
    describe(`on ${name}`, { skip: absentBecause ?? false }, () => {
      before(async () => {
        await initBackend({ backend: name, logger: silentLogger });
      });
      suite(name);
    });
  }
}
