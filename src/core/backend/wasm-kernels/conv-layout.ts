import * as tf from '../tf.js';
import { transposeStock } from './stock-kernels.js';
import type { WasmBackend } from './wasm-backend.js';

/** A strides/dilations attribute as a [height, width] pair. */
export function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/** An explicit NHWC padding attribute (what XNNPACK receives for padding it cannot infer). */
export function explicitPad(
  top: number,
  bottom: number,
  left: number,
  right: number,
): tf.backend_util.ExplicitPadding {
  return [
    [0, 0],
    [top, bottom],
    [left, right],
    [0, 0],
  ];
}

/**
 * Runs a kernel body written for NHWC on tensors in `dataFormat`: NCHW inputs are transposed to
 * NHWC and the result back, so one geometry serves both layouts.
 */
export function inNhwc(
  backend: WasmBackend,
  dataFormat: 'NHWC' | 'NCHW',
  tensors: tf.TensorInfo[],
  body: (nhwc: tf.TensorInfo[]) => tf.TensorInfo,
  outputIsImage: boolean,
): tf.TensorInfo {
  if (dataFormat === 'NHWC') return body(tensors);
  const nhwc = tensors.map((t) => transposeStock(backend, t, [0, 2, 3, 1]));
  const result = body(nhwc);
  for (const t of nhwc) backend.disposeData(t.dataId);
  if (!outputIsImage) return result;
  const nchw = transposeStock(backend, result, [0, 3, 1, 2]);
  backend.disposeData(result.dataId);
  return nchw;
}

/** An NCHW shape as NHWC. */
export function nhwcShape(
  shape: number[],
  dataFormat: 'NHWC' | 'NCHW',
): [number, number, number, number] {
  const [a = 1, b = 1, c = 1, d = 1] = shape;
  return dataFormat === 'NHWC' ? [a, b, c, d] : [a, c, d, b];
}

/** A padding attribute given for `dataFormat`, as NHWC (explicit NCHW pads list H, W last). */
export function nhwcPad<P>(
  pad: P | tf.backend_util.ExplicitPadding,
  dataFormat: 'NHWC' | 'NCHW',
): P | tf.backend_util.ExplicitPadding {
  if (!Array.isArray(pad) || dataFormat === 'NHWC') return pad;
  const [batch, , rows, cols] = pad as tf.backend_util.ExplicitPadding;
  return [batch!, rows!, cols!, [0, 0]];
}
