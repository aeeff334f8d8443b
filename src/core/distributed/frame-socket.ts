import type { Socket } from 'node:net';

/** One message between replicas: a kind, a sequence number, and a payload. */
export interface Frame {
  kind: number;
  sequence: number;
  payload: Buffer;
}

const HEADER_BYTES = 12;

/**
 * Length-prefixed frames over a TCP socket (`uint32 kind, uint32 sequence, uint32 length`,
 * then the payload), read one at a time with {@link FrameSocket.read}. TCP delivers a byte
 * stream; this restores message boundaries without copying payloads more than once.
 */
export class FrameSocket {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private readonly frames: Frame[] = [];
  private waiter: { resolve: (frame: Frame) => void; reject: (error: Error) => void } | undefined;
  private closedError: Error | undefined;

  /**
   * @param socket - a connected socket (no-delay is set: collectives are latency-bound).
   */
  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', (error) => this.fail(new Error(`connection error: ${error.message}`)));
    socket.on('close', () => this.fail(new Error('disconnected')));
  }

  /** Sends one frame. */
  write(kind: number, sequence: number, payload: Uint8Array): void {
    const header = Buffer.allocUnsafe(HEADER_BYTES);
    header.writeUInt32LE(kind, 0);
    header.writeUInt32LE(sequence, 4);
    header.writeUInt32LE(payload.byteLength, 8);
    this.socket.write(header);
    this.socket.write(payload);
  }

  /**
   * @param timeoutMs - how long to wait before the peer counts as not answering.
   * @returns the next frame from the peer.
   */
  read(timeoutMs: number): Promise<Frame> {
    const ready = this.frames.shift();
    if (ready !== undefined) return Promise.resolve(ready);
    if (this.closedError !== undefined) return Promise.reject(this.closedError);
    if (this.waiter !== undefined) {
      // Collectives are sequential per replica; a second reader would steal the first's frame.
      return Promise.reject(new Error('is already being read by another collective'));
    }
    return new Promise<Frame>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        reject(new Error(`did not answer within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        resolve: (frame) => {
          clearTimeout(timer);
          resolve(frame);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
    });
  }

  /** Closes the connection. */
  close(): void {
    this.closedError ??= new Error('connection closed');
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.buffered += chunk.length;
    for (;;) {
      if (this.buffered < HEADER_BYTES) return;
      const head = this.peek(HEADER_BYTES);
      const length = head.readUInt32LE(8);
      if (this.buffered < HEADER_BYTES + length) return;
      const bytes = this.take(HEADER_BYTES + length);
      this.deliver({
        kind: bytes.readUInt32LE(0),
        sequence: bytes.readUInt32LE(4),
        payload: bytes.subarray(HEADER_BYTES),
      });
    }
  }

  private deliver(frame: Frame): void {
    const waiter = this.waiter;
    if (waiter !== undefined) {
      this.waiter = undefined;
      waiter.resolve(frame);
    } else {
      this.frames.push(frame);
    }
  }

  private peek(length: number): Buffer {
    if (this.chunks[0]!.length < length) this.chunks = [Buffer.concat(this.chunks)];
    return this.chunks[0]!.subarray(0, length);
  }

  private take(length: number): Buffer {
    const joined = this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks);
    this.chunks = joined.length > length ? [joined.subarray(length)] : [];
    this.buffered -= length;
    return joined.subarray(0, length);
  }

  private fail(error: Error): void {
    this.closedError ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.closedError);
  }
}
