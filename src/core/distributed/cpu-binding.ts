import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ReplicaError } from './replica-error.js';

/** The values a {@link CpuBinding} may take. */
export const CPU_BINDINGS = ['cores', 'none'] as const;

/**
 * Where local replicas may run: `cores` gives each its own equal share of this process's CPUs
 * (as MPI's `--bind-to core` does), `none` leaves the placement to the operating system.
 */
export type CpuBinding = (typeof CPU_BINDINGS)[number];

/**
 * Reads a Linux CPU list (`0-3,8,10-11`, as in `/proc/self/status` and `taskset -c`).
 *
 * @param text - the list.
 * @returns the CPU numbers, ascending.
 * @throws ReplicaError naming the part of the list that is not a CPU number or range.
 */
export function parseCpuList(text: string): number[] {
  const cpus = new Set<number>();
  for (const part of text.trim().split(',')) {
    const range = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (range === null)
      throw new ReplicaError(`CPU list ${JSON.stringify(text)}: bad part ${JSON.stringify(part)}`);
    const first = Number(range[1]);
    const last = range[2] === undefined ? first : Number(range[2]);
    for (let cpu = first; cpu <= last; cpu++) cpus.add(cpu);
  }
  return [...cpus].sort((a, b) => a - b);
}

/**
 * Splits CPUs into `replicas` equal, contiguous shares; CPUs left over by the division stay
 * unused, so every replica gets the same number of threads.
 *
 * @param cpus - the CPUs to share out.
 * @param replicas - how many replicas.
 * @returns one list of CPUs per replica, or `undefined` when there are fewer CPUs than replicas.
 */
export function cpuShares(cpus: readonly number[], replicas: number): number[][] | undefined {
  const size = Math.floor(cpus.length / replicas);
  if (size === 0) return undefined;
  return Array.from({ length: replicas }, (_, rank) => cpus.slice(rank * size, (rank + 1) * size));
}

/** @returns the CPUs this process may run on (Linux), or `undefined` where that is unknown. */
export function allowedCpus(): number[] | undefined {
  let status: string;
  try {
    status = readFileSync('/proc/self/status', 'utf8');
  } catch {
    return undefined;
  }
  const list = /^Cpus_allowed_list:\s*(\S+)/m.exec(status)?.[1];
  return list === undefined ? undefined : parseCpuList(list);
}

/**
 * Plans the binding of `replicas` local replicas: each one's CPUs, when binding is asked for and
 * this machine can do it (Linux with util-linux's `taskset`, at least one CPU per replica).
 *
 * @param binding - what the user asked for.
 * @param replicas - how many replicas.
 * @returns one list of CPUs per replica, or `undefined` to leave placement to the system.
 */
export function planCpuBinding(binding: CpuBinding, replicas: number): number[][] | undefined {
  if (binding === 'none' || replicas < 2) return undefined;
  const cpus = allowedCpus();
  if (cpus === undefined) return undefined;
  const shares = cpuShares(cpus, replicas);
  if (shares === undefined) return undefined;
  const taskset = spawnSync('taskset', ['--version'], { stdio: 'ignore' });
  return taskset.error === undefined && taskset.status === 0 ? shares : undefined;
}

/**
 * The command line that runs `command args` on `cpus` only (through `taskset`), or unchanged
 * when there are no CPUs to bind to.
 *
 * @param cpus - the CPUs, e.g. one share from {@link planCpuBinding}.
 * @param command - the program.
 * @param args - its arguments.
 * @returns the program and arguments to spawn.
 */
export function boundCommand(
  cpus: readonly number[] | undefined,
  command: string,
  args: readonly string[],
): [string, string[]] {
  return cpus === undefined
    ? [command, [...args]]
    : ['taskset', ['-c', cpus.join(','), command, ...args]];
}
