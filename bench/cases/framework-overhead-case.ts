import type { BenchCase } from './types.js';

/**
 * The trainer issue's overhead check: CPU time per WGAN iteration through gantry's trainer
 * over the same iteration written by hand (bench/framework-overhead.ts); the target is ≤ 1.05.
 * `--quick` runs one round of iterations, a full run three.
 */
export const frameworkOverheadCase: BenchCase = {
  name: 'overhead',
  description: "gantry trainer's CPU time per iteration over a hand-written tfjs loop",
  backends: ['wasm', 'tensorflow'],
  hasPythonPeer: false,
  run: async ({ backend, timing }) => {
    const { runFrameworkOverhead } = await import('../framework-overhead.js');
    const result = await runFrameworkOverhead({
      backend: backend.name,
      rounds: timing.repeats >= 10 ? 3 : 1,
    });
    return {
      steps: [],
      tables: [
        {
          title: `framework overhead on ${result.backend} (CPU ms per WGAN iteration, target ≤ 1.05)`,
          rows: [
            {
              backend: result.backend,
              'hand-written ms': Number(result.handWrittenMs.toFixed(2)),
              'gantry trainer ms': Number(result.frameworkMs.toFixed(2)),
              ratio: Number(result.ratio.toFixed(3)),
              target: result.ratio <= 1.05 ? 'met' : 'not met',
            },
          ],
        },
      ],
    };
  },
};
