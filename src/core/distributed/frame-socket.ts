import type { Socket } from 'node:net';

/** One message between replicas: a kind, a sequence number, and a payload. */
export interface Frame {
  kind: number;
  sequence: number;
  /** The payload, starting at offset 0 of its own buffer (so any typed view of it is aligned). */
  payload: Buffer;
}

const HEADER_BYTES = 12;

/**
 * Length-prefixed frames over a TCP socket (`uint32 kind, uint32 sequence, uint32 length`,
 * then the payload), read one at a time with {@link FrameSocket.read}. TCP delivers a byte
 * stream in chunks of up to 64 KiB; each payload is copied once, straight from the chunks into
 * a buffer of its own that the reader then owns, so a megabyte of gradients costs one
 * allocation and one copy on the way in (collecting the chunks and concatenating them would
 * cost a second of each, and the garbage collector's pauses hold up every replica).
 */
export class FrameSocket {
  private readonly header = Buffer.alloc(HEADER_BYTES);
  private headerFilled = 0;
  private incoming: Frame | undefined;
  private payloadFilled = 0;
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
    this.socket.cork();
    this.socket.write(header);
    this.socket.write(payload);
    this.socket.uncork();
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
    let offset = 0;
    while (offset < chunk.length) {
      if (this.incoming === undefined) {
        const taken = chunk.copy(this.header, this.headerFilled, offset);
        this.headerFilled += taken;
        offset += taken;
        if (this.headerFilled < HEADER_BYTES) return;
        this.headerFilled = 0;
        const length = this.header.readUInt32LE(8);
        let payload: Buffer;
        try {
          payload = Buffer.allocUnsafeSlow(length);
        } catch (error) {
          // Thrown here it would escape the socket's listener and end the process unexplained.
          this.fail(
            new Error(
              `sent a frame of ${length} bytes that cannot be held in memory ` +
                `(${(error as Error).message}); is it a gantry replica?`,
            ),
          );
          this.socket.destroy();
          return;
        }
        this.incoming = {
          kind: this.header.readUInt32LE(0),
          sequence: this.header.readUInt32LE(4),
          payload,
        };
        this.payloadFilled = 0;
      } else {
        const taken = chunk.copy(this.incoming.payload, this.payloadFilled, offset);
        this.payloadFilled += taken;
        offset += taken;
      }
      if (this.payloadFilled === this.incoming.payload.length) {
        const frame = this.incoming;
        this.incoming = undefined;
        this.deliver(frame);
      }
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

  private fail(error: Error): void {
    this.closedError ??= error;
    const waiter = this.waiter;
    this.waiter = undefined;
    waiter?.reject(this.closedError);
  }
}
