import type { BenchCase } from './types.js';

/**
 * The per-kernel table of bench/kernels.ts (GFLOP/s of each wasm training kernel, tfjs's stock
 * kernel next to gantry's, against XNNPACK's forward matMul/conv rate at the same FLOPs).
 * Loaded only when selected, so the other cases run even while that file is being changed.
 */
export const kernelTableCase: BenchCase = {
  name: 'kernels',
  description: 'GFLOP/s of each wasm training kernel next to the forward matMul/conv rate',
  backends: ['wasm'],
  hasPythonPeer: false,
  run: async () => {
    const { runKernelBenchmarks } = await import('../kernels.js');
    const rows = await runKernelBenchmarks();
    const round = (value: number | null): number | null =>
      value === null ? null : Number(value.toFixed(2));
    return {
      steps: [],
      tables: [
        {
          title: 'wasm training kernels (GFLOP/s)',
          rows: rows.map((row) => ({
            model: row.model,
            kernel: row.kernel,
            shape: row.shape,
            'stock GFLOP/s': round(row.stock),
            'gantry GFLOP/s': round(row.gantry),
            'forward GFLOP/s': round(row.reference),
            'forward÷gantry': round(row.slowdown),
          })),
        },
      ],
    };
  },
};
