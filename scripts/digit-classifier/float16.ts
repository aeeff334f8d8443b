/**
 * Rounds float32 values to IEEE 754 half precision (round to nearest, ties to even), the
 * encoding tfjs decodes for weights quantized as `float16`: half the bytes, and the
 * classifier's predictions are unchanged to the precision a metric reads them.
 *
 * @param values - the weights.
 * @returns their half-precision bit patterns.
 * @throws RangeError for a value a half cannot hold (beyond ±65504, or not finite).
 */
export function toFloat16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  const halves = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!) || Math.abs(values[i]!) > 65504) {
      throw new RangeError(`toFloat16: weight ${i} is ${values[i]}, outside a half's range`);
    }
    halves[i] = halfBits(bits[i]!);
  }
  return halves;
}

function halfBits(word: number): number {
  const sign = (word >>> 16) & 0x8000;
  const exponent = ((word >>> 23) & 0xff) - 127 + 15;
  const mantissa = word & 0x7fffff;
  if (exponent <= 0) {
    // Subnormal half (or zero): shift the mantissa, with its implicit 1, into place.
    if (exponent < -10) return sign;
    const full = mantissa | 0x800000;
    const shift = 14 - exponent;
    return sign | roundShift(full, shift);
  }
  // A carry out of the mantissa moves into the exponent, which is what rounding up means.
  return sign | ((exponent << 10) + roundShift(mantissa, 13));
}

/** `value >> shift`, rounded to nearest with ties to even. */
function roundShift(value: number, shift: number): number {
  const kept = value >>> shift;
  const rest = value - kept * 2 ** shift;
  const half = 2 ** (shift - 1);
  return rest > half || (rest === half && (kept & 1) === 1) ? kept + 1 : kept;
}
