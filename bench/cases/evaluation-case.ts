import type { BenchCase } from './types.js';

/**
 * What an evaluation of generated MNIST digits costs (bench/evaluation-cost.ts): the 10,000
 * samples of `gantry eval` and the 2,000 of `gantry train --eval-every`, split into the device
 * part and the metrics, and the reference statistics computed once.
 */
export const evaluationCase: BenchCase = {
  name: 'eval',
  description: 'one evaluation of 10,000 MNIST samples (gantry eval) and of 2,000 (--eval-every)',
  backends: ['wasm', 'tensorflow'],
  hasPythonPeer: false,
  run: async ({ backend }) => {
    const { runEvaluationBenchmark } = await import('../evaluation-cost.js');
    const result = await runEvaluationBenchmark();
    const seconds = (value: number): number => Number(value.toFixed(2));
    return {
      steps: [],
      tables: [
        {
          title: `evaluation cost on ${backend.name} (seconds; reference statistics of the 10,000 digits, once: ${seconds(result.referenceSeconds)} s)`,
          rows: result.evaluations.map((cost) => ({
            evaluation: cost.what,
            samples: cost.samples,
            'generator + extractor s': seconds(cost.deviceSeconds),
            'metrics s': seconds(cost.metricSeconds),
            'total s': seconds(cost.deviceSeconds + cost.metricSeconds),
          })),
        },
      ],
    };
  },
};
