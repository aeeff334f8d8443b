import type { BenchCase } from './types.js';

/**
 * How fast the SummaryWriter writes scalars and image grids (bench/summary-throughput.ts).
 * It hardly depends on the backend, so it runs once, in the wasm worker.
 */
export const summaryCase: BenchCase = {
  name: 'summary',
  description: 'SummaryWriter throughput: scalars/s and 64-image grids/s',
  backends: ['wasm'],
  hasPythonPeer: false,
  run: async () => {
    const { runSummaryBenchmark } = await import('../summary-throughput.js');
    const result = await runSummaryBenchmark();
    return {
      steps: [],
      tables: [
        {
          title: 'summary writer throughput',
          rows: [
            {
              scalars: result.scalars,
              'scalars/s': Math.round(result.scalarsPerSecond),
              'CPU s': Number(result.scalarCpuSeconds.toFixed(3)),
              'bytes/scalar': Number(result.bytesPerScalar.toFixed(1)),
              'grids/s': Number(result.gridsPerSecond.toFixed(1)),
            },
          ],
        },
      ],
    };
  },
};
