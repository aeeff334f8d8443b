/** The state of a {@link SeededRandom}: four 32-bit words, JSON-serialisable for checkpoints. */
export type SeededRandomState = [number, number, number, number];

/**
 * A small, fast, seedable pseudo-random generator (xoshiro128**) whose whole state fits in a
 * checkpoint, so data order and toy samples continue exactly after a resume. `Math.random` can
 * be neither seeded nor saved.
 *
 * @example
 * ```ts
 * const random = new SeededRandom(42);
 * const saved = random.getState();
 * const a = random.uniform();
 * random.setState(saved);
 * a === random.uniform(); // true
 * ```
 */
export class SeededRandom {
  private state: Uint32Array;

  /** @param seed - any integer; equal seeds give equal streams. */
  constructor(seed: number) {
    this.state = new Uint32Array(4);
    // splitmix32 spreads a small integer seed over all four words, as xoshiro's authors advise.
    let mix = seed >>> 0;
    for (let i = 0; i < 4; i++) {
      mix = (mix + 0x9e3779b9) >>> 0;
      let z = mix;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.state[i] = (z ^ (z >>> 16)) >>> 0;
    }
    if (this.state.every((word) => word === 0)) this.state[0] = 1;
  }

  /** @returns the next 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.state as Uint32Array & { 0: number; 1: number; 2: number; 3: number };
    const result = Math.imul(rotateLeft(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotateLeft(s[3], 11);
    return result;
  }

  /** @returns a float in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** @returns an integer in [0, n). */
  integer(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  /**
   * @returns a standard normal sample (Box–Muller). The pair's second value is discarded rather
   * than cached, so the generator's whole state stays the four words a checkpoint saves.
   */
  normal(): number {
    const u = 1 - this.uniform();
    const v = this.uniform();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T extends { length: number; [index: number]: unknown }>(items: T): T {
    for (let i = items.length - 1; i > 0; i--) {
      const j = this.integer(i + 1);
      const swap = items[i];
      items[i] = items[j];
      items[j] = swap;
    }
    return items;
  }

  /** @returns the generator's state; {@link setState} with it continues the same stream. */
  getState(): SeededRandomState {
    return [this.state[0]!, this.state[1]!, this.state[2]!, this.state[3]!];
  }

  /** Continues from a state returned by {@link getState}. */
  setState(state: SeededRandomState): void {
    if (state.length !== 4 || state.some((word) => !Number.isInteger(word) || word < 0)) {
      throw new RangeError(
        `a SeededRandom state is four unsigned 32-bit integers, got ${JSON.stringify(state)}`,
      );
    }
    this.state = Uint32Array.from(state);
  }
}

function rotateLeft(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
