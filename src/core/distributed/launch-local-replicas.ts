import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { availableParallelism } from 'node:os';
import { boundCommand, planCpuBinding, type CpuBinding } from './cpu-binding.js';
import { ReplicaError } from './replica-error.js';
import { formatTfConfig } from './tensorflow/cluster-spec.js';

/** Options of {@link launchLocalReplicas}. */
export interface LaunchLocalReplicasOptions {
  /** Number of replica processes. */
  replicas: number;
  /** The command each replica runs (default: this process's own, `process.argv`). */
  command?: string;
  args?: readonly string[];
  /** GPU ids; replica r sees only `devices[r]` (`CUDA_VISIBLE_DEVICES`). */
  devices?: readonly string[];
  /** Extra environment for every replica. */
  env?: NodeJS.ProcessEnv;
  /** Lines of each replica's stderr kept for the error that reports its crash. Default 20. */
  tailLines?: number;
  /**
   * `cores` (default) runs each replica on its own equal share of this process's CPUs, where
   * Linux's `taskset` is available and there is at least one CPU per replica; `none` lets the
   * system place them (for several runs sharing one machine).
   */
  cpuBinding?: CpuBinding;
  /**
   * Whose collectives the replicas use: `gantry` (default) gives them torchrun's variables for
   * gantry's TCP group; `tensorflow` gives each a `TF_CONFIG` (a free loopback port per worker)
   * for TensorFlow's collective runtime.
   */
  collectives?: 'gantry' | 'tensorflow';
}

/** How a launched run ended. */
export interface LaunchResult {
  exitCodes: number[];
}

/**
 * Starts `replicas` copies of a command on this machine as one synchronous data-parallel run,
 * the way torchrun does: each gets `RANK`, `WORLD_SIZE`, `MASTER_ADDR`, `MASTER_PORT` (or, for
 * TensorFlow's collectives, its `TF_CONFIG`), a share
 * of the CPU threads (`TF_NUM_INTRAOP_THREADS`, `OMP_NUM_THREADS`) and, given `devices`, one GPU
 * with TensorFlow's allow-growth so no replica takes another's memory. Each replica is bound to
 * its own cores (see `cpuBinding`): replicas wait for each other at every update, so a helper
 * thread of one (V8's garbage collector, its compiler) that preempted another would stall both;
 * bound, it runs on its own replica's core. The chief's output goes to this process's; the
 * others' is kept for error reports. When one replica fails, the others are stopped and the
 * error names it with the last lines it wrote.
 *
 * @param options - how many, what to run, on which devices.
 * @returns the exit codes when every replica succeeded.
 * @throws ReplicaError naming the first replica that failed, with its stderr tail.
 */
export async function launchLocalReplicas(
  options: LaunchLocalReplicasOptions,
): Promise<LaunchResult> {
  const { replicas } = options;
  if (!Number.isInteger(replicas) || replicas < 1) {
    throw new ReplicaError(`--replicas must be a positive integer, got ${replicas}`);
  }
  if (options.devices !== undefined && options.devices.length < replicas) {
    throw new ReplicaError(
      `--devices lists ${options.devices.length} device(s) for ${replicas} replicas`,
    );
  }
  const port = await findFreePort();
  const tensorflowWorkers =
    options.collectives === 'tensorflow'
      ? await Promise.all(
          Array.from({ length: replicas }, async () => `127.0.0.1:${await findFreePort()}`),
        )
      : undefined;
  const binding = planCpuBinding(options.cpuBinding ?? 'cores', replicas);
  const threads = String(
    binding?.[0]?.length ?? Math.max(1, Math.floor(availableParallelism() / replicas)),
  );
  const command = options.command ?? process.execPath;
  const args = options.args ?? [...process.execArgv, ...process.argv.slice(1)];
  const tails = Array.from({ length: replicas }, () => [] as string[]);
  const children = tails.map((tail, rank) => {
    const [file, argv] = boundCommand(binding?.[rank], command, args);
    const child = spawn(file, argv, {
      env: {
        ...process.env,
        ...options.env,
        ...(tensorflowWorkers === undefined
          ? {
              RANK: String(rank),
              WORLD_SIZE: String(replicas),
              MASTER_ADDR: '127.0.0.1',
              MASTER_PORT: String(port),
            }
          : { TF_CONFIG: formatTfConfig(tensorflowWorkers, rank) }),
        TF_NUM_INTRAOP_THREADS: threads,
        TF_NUM_INTEROP_THREADS: '1',
        OMP_NUM_THREADS: threads,
        ...(options.devices
          ? { CUDA_VISIBLE_DEVICES: options.devices[rank], TF_FORCE_GPU_ALLOW_GROWTH: 'true' }
          : {}),
      },
      stdio: ['ignore', rank === 0 ? 'inherit' : 'ignore', 'pipe'],
    });
    keepTail(child, tail, options.tailLines ?? 20, rank === 0);
    return child;
  });
  return waitForAll(children, tails);
}

/** @returns a TCP port on loopback that was free a moment ago. */
export async function findFreePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (typeof address !== 'object' || address === null) throw new ReplicaError('no free port');
  return address.port;
}

function keepTail(child: ChildProcess, tail: string[], lines: number, forward: boolean): void {
  let partial = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (forward) process.stderr.write(chunk);
    const text = partial + chunk.toString();
    const split = text.split('\n');
    partial = split.pop() ?? '';
    tail.push(...split);
    tail.splice(0, Math.max(0, tail.length - lines));
  });
  child.stderr?.on('end', () => {
    if (partial !== '') tail.push(partial);
    tail.splice(0, Math.max(0, tail.length - lines));
  });
}

function waitForAll(children: ChildProcess[], tails: string[][]): Promise<LaunchResult> {
  return new Promise((resolve, reject) => {
    const exitCodes = new Array<number | undefined>(children.length).fill(undefined);
    let failed = false;
    children.forEach((child, rank) => {
      child.on('close', (code, signal) => {
        exitCodes[rank] = code ?? 128;
        if (failed) return;
        if (code !== 0) {
          failed = true;
          stopAll(children);
          reject(
            failureOf(rank, signal ? `was killed by ${signal}` : `exited with code ${code}`, tails),
          );
        } else if (exitCodes.every((exitCode) => exitCode !== undefined)) {
          resolve({ exitCodes: exitCodes as number[] });
        }
      });
    });
  });
}

/** How long a replica gets to exit after SIGTERM before it is killed. */
const GRACE_MS = 5000;

function stopAll(children: ChildProcess[]): void {
  for (const child of children) {
    if (child.exitCode !== null || child.signalCode !== null) continue;
    child.kill('SIGTERM');
    // A stopped (SIGSTOP) replica only acts on SIGTERM once continued.
    child.kill('SIGCONT');
    setTimeout(() => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }, GRACE_MS).unref();
  }
}

/**
 * The error for a replica that failed. When its last words blame another replica (the chief
 * reporting that replica 2 stopped answering, or that TensorFlow's worker 2 did), the error
 * names that one and adds its words.
 */
function failureOf(rank: number, how: string, tails: string[][]): ReplicaError {
  const wordsOf = (r: number): string => {
    const words = tails[r]!.join('\n').trim();
    return words === '' ? '(nothing on stderr)' : words;
  };
  const message = `replica ${rank} ${how}; its last words:\n${wordsOf(rank)}`;
  // gantry's TCP group says `replica 2 did not answer`; TensorFlow's workers `worker 2 (host:port)
  // stopped answering`.
  const blamed =
    /(?:replica|worker) (\d+) (?:\([^)]*\) )?(?:did not answer|disconnected|is out of step|stopped answering)/.exec(
      wordsOf(rank),
    );
  const culprit = blamed === null ? rank : Number(blamed[1]);
  if (culprit === rank || tails[culprit] === undefined) return new ReplicaError(message, rank);
  return new ReplicaError(
    `replica ${culprit} stopped answering: ${message}\nreplica ${culprit}'s last words:\n${wordsOf(culprit)}`,
    culprit,
  );
}
