import { createServer, connect, type Server, type Socket } from 'node:net';
import { FrameSocket } from './frame-socket.js';
import { ReplicaError } from './replica-error.js';
import type { ReplicaGroup } from './replica-group.js';

/** Where and how the replicas of a run find each other. */
export interface TcpReplicaGroupOptions {
  rank: number;
  worldSize: number;
  /** The chief's address (`MASTER_ADDR`). */
  host: string;
  /** The chief's port (`MASTER_PORT`); 0 lets the chief pick one (read it from `port`). */
  port: number;
  /** How long a collective waits for a replica before the run fails. Default 300 s. */
  timeoutMs?: number;
  /** How long replicas keep trying to reach the chief at start-up. Default 60 s. */
  connectTimeoutMs?: number;
}

const enum FrameKind {
  Hello = 1,
  AllReduce = 2,
  Broadcast = 3,
  Agree = 4,
}

/**
 * A {@link ReplicaGroup} over TCP in a star: every replica connects to the chief (rank 0), which
 * sums contributions in rank order and sends the result back. For the handful of replicas one
 * machine or a small cluster runs, two hops of a few megabytes cost less than a ring's
 * 2·(R−1) latency-bound hops, and rank-ordered sums make every run reproducible.
 */
export class TcpReplicaGroup implements ReplicaGroup {
  readonly isChief: boolean;
  private sequence = 0;
  private closed = false;

  private constructor(
    readonly rank: number,
    readonly worldSize: number,
    /** The chief's actual port (useful when it was asked for port 0). */
    readonly port: number,
    private readonly peers: FrameSocket[],
    private readonly timeoutMs: number,
    private readonly server: Server | undefined,
  ) {
    this.isChief = rank === 0;
  }

  /**
   * Connects this replica to the others: the chief listens and waits for all of them, the
   * others connect (retrying until the chief is up).
   *
   * @param options - rank, world size, the chief's address.
   * @returns the connected group.
   */
  static async connect(options: TcpReplicaGroupOptions): Promise<TcpReplicaGroup> {
    const { rank, worldSize } = options;
    if (!Number.isInteger(worldSize) || worldSize < 1) {
      throw new ReplicaError(`world size must be a positive integer, got ${worldSize}`);
    }
    if (!Number.isInteger(rank) || rank < 0 || rank >= worldSize) {
      throw new ReplicaError(`rank must be an integer in [0, ${worldSize - 1}], got ${rank}`);
    }
    const timeoutMs = options.timeoutMs ?? 300_000;
    const connectTimeoutMs = options.connectTimeoutMs ?? 60_000;
    return rank === 0
      ? acceptReplicas(options, timeoutMs, connectTimeoutMs)
      : joinChief(options, timeoutMs, connectTimeoutMs);
  }

  /** @internal Builds a group from established connections. */
  static fromConnections(
    options: TcpReplicaGroupOptions,
    port: number,
    peers: FrameSocket[],
    timeoutMs: number,
    server?: Server,
  ): TcpReplicaGroup {
    return new TcpReplicaGroup(options.rank, options.worldSize, port, peers, timeoutMs, server);
  }

  async allReduceMean(values: Float32Array): Promise<Float32Array> {
    const sequence = this.nextSequence();
    if (!this.isChief) return this.askChief(FrameKind.AllReduce, sequence, values, values.length);
    const sum = Float32Array.from(values);
    for (const [index, peer] of this.peers.entries()) {
      const theirs = await this.receive(peer, index + 1, FrameKind.AllReduce, sequence);
      const contribution = asFloats(theirs, values.length, index + 1);
      for (let i = 0; i < sum.length; i++) sum[i]! += contribution[i]!;
    }
    for (let i = 0; i < sum.length; i++) sum[i]! /= this.worldSize;
    this.sendAll(FrameKind.AllReduce, sequence, sum);
    return sum;
  }

  async broadcast(values: Float32Array): Promise<Float32Array> {
    const sequence = this.nextSequence();
    if (!this.isChief) {
      const reply = await this.receive(this.peers[0]!, 0, FrameKind.Broadcast, sequence);
      return asFloats(reply, values.length, 0);
    }
    this.sendAll(FrameKind.Broadcast, sequence, values);
    return values;
  }

  async agree(proposal: string | undefined): Promise<string | undefined> {
    const sequence = this.nextSequence();
    const encode = (value: string | undefined) =>
      Buffer.from(JSON.stringify({ value: value ?? null }));
    const decode = (bytes: Buffer) =>
      (JSON.parse(bytes.toString()) as { value: string | null }).value ?? undefined;
    if (!this.isChief) {
      this.peers[0]!.write(FrameKind.Agree, sequence, encode(proposal));
      return decode(await this.receive(this.peers[0]!, 0, FrameKind.Agree, sequence));
    }
    let decision = proposal;
    for (const [index, peer] of this.peers.entries()) {
      const theirs = decode(await this.receive(peer, index + 1, FrameKind.Agree, sequence));
      decision ??= theirs;
    }
    const reply = encode(decision);
    for (const peer of this.peers) peer.write(FrameKind.Agree, sequence, reply);
    return decision;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const peer of this.peers) peer.close();
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  private nextSequence(): number {
    if (this.closed) throw new ReplicaError(`replica ${this.rank}: the group is closed`);
    return this.sequence++;
  }

  private async askChief(kind: FrameKind, sequence: number, values: Float32Array, length: number) {
    const chief = this.peers[0]!;
    chief.write(
      kind,
      sequence,
      new Uint8Array(values.buffer, values.byteOffset, values.byteLength),
    );
    return asFloats(await this.receive(chief, 0, kind, sequence), length, 0);
  }

  private sendAll(kind: FrameKind, sequence: number, values: Float32Array): void {
    const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
    for (const peer of this.peers) peer.write(kind, sequence, bytes);
  }

  private async receive(peer: FrameSocket, rank: number, kind: FrameKind, sequence: number) {
    let frame;
    try {
      frame = await peer.read(this.timeoutMs);
    } catch (error) {
      throw new ReplicaError(`replica ${rank} ${(error as Error).message}`, rank);
    }
    if (frame.kind !== kind || frame.sequence !== sequence) {
      throw new ReplicaError(
        `replica ${rank} is out of step: expected collective ${kind}#${sequence}, ` +
          `got ${frame.kind}#${frame.sequence} (replicas must call collectives in the same order)`,
        rank,
      );
    }
    return frame.payload;
  }
}

function asFloats(bytes: Buffer, length: number, rank: number): Float32Array {
  if (bytes.byteLength !== length * 4) {
    throw new ReplicaError(
      `replica ${rank} sent ${bytes.byteLength / 4} values where ${length} were expected ` +
        '(do all replicas build the same model?)',
      rank,
    );
  }
  // A frame's payload owns its buffer from offset 0, so the view is aligned and copies nothing.
  return new Float32Array(bytes.buffer, bytes.byteOffset, length);
}

async function acceptReplicas(
  options: TcpReplicaGroupOptions,
  timeoutMs: number,
  connectTimeoutMs: number,
): Promise<TcpReplicaGroup> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error) =>
      reject(
        new ReplicaError(
          `chief cannot listen on ${options.host}:${options.port}: ${error.message}`,
          0,
        ),
      ),
    );
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const peers = new Array<FrameSocket | undefined>(options.worldSize - 1).fill(undefined);
  const expected = options.worldSize - 1;
  await new Promise<void>((resolve, reject) => {
    if (expected === 0) return resolve();
    let joined = 0;
    const timer = setTimeout(() => {
      const missing = peers.flatMap((peer, i) => (peer === undefined ? [i + 1] : []));
      reject(
        new ReplicaError(
          `replicas ${missing.join(', ')} did not connect within ${connectTimeoutMs} ms`,
          missing[0],
        ),
      );
    }, connectTimeoutMs);
    server.on('connection', (socket: Socket) => {
      const pending = new FrameSocket(socket);
      pending
        .read(connectTimeoutMs)
        .then((hello) => {
          const rank = hello.payload.readUInt32LE(0);
          const theirWorld = hello.payload.readUInt32LE(4);
          if (
            hello.kind !== FrameKind.Hello ||
            theirWorld !== options.worldSize ||
            rank < 1 ||
            rank >= options.worldSize ||
            peers[rank - 1]
          ) {
            pending.close();
            reject(
              new ReplicaError(
                `replica ${rank} joined with world size ${theirWorld} (chief has ${options.worldSize}) or a duplicate rank`,
                rank,
              ),
            );
            return;
          }
          peers[rank - 1] = pending;
          pending.write(FrameKind.Hello, 0, new Uint8Array(0));
          if (++joined === expected) {
            clearTimeout(timer);
            resolve();
          }
        })
        .catch(() => pending.close());
    });
  });
  return TcpReplicaGroup.fromConnections(options, port, peers as FrameSocket[], timeoutMs, server);
}

async function joinChief(
  options: TcpReplicaGroupOptions,
  timeoutMs: number,
  connectTimeoutMs: number,
): Promise<TcpReplicaGroup> {
  const deadline = Date.now() + connectTimeoutMs;
  for (;;) {
    try {
      const socket = await new Promise<Socket>((resolve, reject) => {
        const attempt = connect(options.port, options.host, () => resolve(attempt));
        attempt.once('error', reject);
      });
      const chief = new FrameSocket(socket);
      const hello = Buffer.alloc(8);
      hello.writeUInt32LE(options.rank, 0);
      hello.writeUInt32LE(options.worldSize, 4);
      chief.write(FrameKind.Hello, 0, hello);
      await chief.read(Math.max(deadline - Date.now(), 1000));
      return TcpReplicaGroup.fromConnections(options, options.port, [chief], timeoutMs);
    } catch (error) {
      if (Date.now() > deadline) {
        throw new ReplicaError(
          `replica ${options.rank} could not reach the chief at ${options.host}:${options.port} ` +
            `within ${connectTimeoutMs} ms (${(error as Error).message})`,
          0,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}
