import type { BenchCase } from './types.js';

/**
 * The all-reduce alone, by size, through TensorFlow's ring and gantry's TCP star side by side
 * (bench/all-reduce-transports.ts): two forked replicas per transport, nothing else running.
 * It runs with the tensorflow backend, which the ring needs; the star's replicas use cpu.
 */
export const allReduceCase: BenchCase = {
  name: 'allreduce',
  description: "all-reduce time and bandwidth by size: TensorFlow's ring and gantry's TCP star",
  backends: ['tensorflow'],
  hasPythonPeer: false,
  run: async () => {
    const { allReduceRows, runAllReduceTransports } = await import('../all-reduce-transports.js');
    const { timings, unavailable } = await runAllReduceTransports(2);
    const missing = unavailable.length === 0 ? '' : ` (unavailable: ${unavailable.join('; ')})`;
    return {
      steps: [],
      tables: [
        {
          title:
            'all-reduce by size between 2 idle replicas on this machine, median of 20; ' +
            `MB/s = the vector's bytes ÷ time${missing}`,
          rows: allReduceRows(timings),
        },
      ],
    };
  },
};
