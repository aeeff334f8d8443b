const bits = new DataView(new ArrayBuffer(8));

/**
 * A standard normal sample that depends only on `seed` and `step`, so that a schedule
 * evaluated twice at one step (an optimizer reading its rate for a summary, then applying it),
 * or again after a restart from a checkpoint, returns the same noisy rate.
 *
 * The step's 64 bits and the seed are hashed (MurmurHash3's 32-bit finaliser) into two
 * uniforms in (0, 1], which the Box–Muller transform turns into one normal sample.
 *
 * @param seed - a 32-bit unsigned integer.
 * @param step - any number; equal numbers give equal samples.
 * @returns a sample of N(0, 1).
 */
export function seededNormal(seed: number, step: number): number {
  bits.setFloat64(0, step);
  const high = bits.getUint32(0);
  const low = bits.getUint32(4);
  const first = fmix32(fmix32(fmix32(seed ^ 0x9e3779b9) ^ high) ^ low);
  const second = fmix32(first ^ 0x85ebca6b);
  const u1 = (first + 1) / 2 ** 32;
  const u2 = (second + 1) / 2 ** 32;
  return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}

function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
