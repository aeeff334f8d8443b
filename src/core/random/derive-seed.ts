/**
 * Derives the seed of one named random stream from a run's seed: `deriveSeed(seed, 'noise', k)`
 * is the seed of the k-th noise draw, `deriveSeed(seed, 'init', 'critic/dense_1')` that of a
 * layer's initial weights. Each purpose hashes its own path, so adding a draw to one stream
 * never shifts another (as `seed + k` counters sharing one base would), and neighbouring run
 * seeds give unrelated streams. The hash is MurmurHash3's 32-bit mixing over the seed's two
 * halves and the path's parts; it is part of gantry's reproducibility contract, pinned by a test.
 *
 * @example
 * ```ts
 * const noiseSeed = deriveSeed(21, 'noise', 0);
 * tf.randomNormal([64, 100], 0, 1, 'float32', noiseSeed);
 * ```
 * @param seed - the run's seed, any safe integer.
 * @param path - the stream's name and, for per-draw seeds, its index.
 * @returns an unsigned 32-bit seed.
 * @throws RangeError when the seed or a numeric part is not a safe integer.
 */
export function deriveSeed(seed: number, ...path: ReadonlyArray<string | number>): number {
  let hash = mixWords(0x9e3779b9, safeInteger(seed, 'seed'));
  for (const part of path) {
    if (typeof part === 'number') {
      hash = mixWords(mix(hash, NUMBER_TAG), safeInteger(part, 'a seed path index'));
    } else {
      hash = mix(hash, STRING_TAG ^ part.length);
      for (let i = 0; i < part.length; i++) hash = mix(hash, part.charCodeAt(i));
    }
  }
  return finalise(hash);
}

// Tags keep ('a', 1) and ('a1') apart.
const NUMBER_TAG = 0x6e756d62;
const STRING_TAG = 0x73747269;

function safeInteger(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) {
    throw new RangeError(`${what} must be a safe integer, got ${String(value)}`);
  }
  return value;
}

/** Mixes both 32-bit halves of a safe integer (negative ones included) into the hash. */
function mixWords(hash: number, value: number): number {
  const high = Math.floor(value / 4294967296);
  return mix(mix(hash, value >>> 0), high >>> 0);
}

function mix(hash: number, word: number): number {
  let k = Math.imul(word >>> 0, 0xcc9e2d51);
  k = Math.imul((k << 15) | (k >>> 17), 0x1b873593);
  let h = (hash ^ k) >>> 0;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe6546b64) >>> 0;
}

function finalise(hash: number): number {
  let h = hash;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}
