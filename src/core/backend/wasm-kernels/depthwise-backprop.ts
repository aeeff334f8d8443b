import * as tf from '../tf.js';
import { pair } from './conv-layout.js';
import { tapWindow, type TapGeometry } from './tap-windows.js';
import type { WasmKernelArgs } from './wasm-backend.js';
import { assertFloat32, heapF32, input } from './wasm-backend.js';

/**
 * gantry's depthwise-convolution gradients for wasm, which the stock backend lacks. None of
 * gantry's models trains a depthwise convolution, so these favour plain correctness: direct
 * loops over the wasm heap, one filter tap's window at a time (the geometry the patch loops use,
 * see ./tap-windows.ts), every stride, padding and dilation.
 */

type ConvInfo = tf.backend_util.Conv2DInfo;

/** The attributes both depthwise gradients receive besides their shapes. */
type DepthwiseAttrs = Pick<
  tf.DepthwiseConv2dNativeBackpropInputAttrs,
  'strides' | 'dilations' | 'pad' | 'dimRoundingMode'
>;

/** The convolution's geometry, from x [N,H,W,C] and the filter [KH,KW,C,M]. */
function depthwiseInfo(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: DepthwiseAttrs,
): ConvInfo {
  return tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    pair(attrs.strides),
    pair(attrs.dilations),
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
}

/** The sizes {@link tapWindow} reads, from tfjs's description of the convolution. */
function tapGeometry(info: ConvInfo): TapGeometry {
  return {
    h: info.inHeight,
    w: info.inWidth,
    ci: info.inChannels,
    oh: info.outHeight,
    ow: info.outWidth,
    sh: info.strideHeight,
    sw: info.strideWidth,
    dh: info.dilationHeight,
    dw: info.dilationWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/**
 * Calls `visit(xIndex, dyIndex, filterIndex, channel multiplier q)` once per product term.
 *
 * Taps go last to first so that the terms of each x position add up in the order of their
 * outputs, as a loop over dy adds them (a later tap reads a position from an earlier output).
 */
function forEachTerm(
  info: ConvInfo,
  visit: (xAt: number, dyAt: number, wAt: number, mult: number) => void,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterWidth, strideHeight, strideWidth } = info;
  const mult = outChannels / inChannels;
  const geometry = tapGeometry(info);
  const image = inHeight * inWidth * inChannels;
  const row = strideHeight * inWidth * inChannels;
  const column = strideWidth * inChannels;
  for (let fh = info.filterHeight - 1; fh >= 0; fh--) {
    for (let fw = filterWidth - 1; fw >= 0; fw--) {
      const { y0, y1, x0, x1, origin } = tapWindow(geometry, fh, fw);
      const wAt = (fh * filterWidth + fw) * outChannels;
      for (let b = 0; b < batchSize; b++) {
        for (let oy = y0; oy <= y1; oy++) {
          let xAt = origin + b * image + oy * row;
          let dyAt = ((b * outHeight + oy) * outWidth + x0) * outChannels;
          for (let ox = x0; ox <= x1; ox++, xAt += column, dyAt += outChannels) {
            visit(xAt, dyAt, wAt, mult);
          }
        }
      }
    }
  }
}

/** `DepthwiseConv2dNativeBackpropInput`: dx for x [N,H,W,C], filter [KH,KW,C,M], dy [N,OH,OW,C·M]. */
export function depthwiseBackpropInput(args: WasmKernelArgs): tf.TensorInfo {
  const kernel = tf.DepthwiseConv2dNativeBackpropInput;
  const dy = input(kernel, args.inputs, 'dy');
  const filter = input(kernel, args.inputs, 'filter');
  assertFloat32(kernel, { dy, filter });
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropInputAttrs;
  const info = depthwiseInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    attrs,
  );
  const dx = args.backend.makeOutput(attrs.inputShape, 'float32');
  const out = heapF32(args.backend, dx).fill(0);
  const g = heapF32(args.backend, dy);
  const w = heapF32(args.backend, filter);
  const c = info.inChannels;
  forEachTerm(info, (xAt, dyAt, wAt, mult) => {
    for (let ch = 0; ch < c; ch++) {
      let sum = 0;
      for (let q = 0; q < mult; q++) sum += g[dyAt + ch * mult + q]! * w[wAt + ch * mult + q]!;
      out[xAt + ch] = out[xAt + ch]! + sum;
    }
  });
  return dx;
}

/** `DepthwiseConv2dNativeBackpropFilter`: dW for x [N,H,W,C], dy [N,OH,OW,C·M]. */
export function depthwiseBackpropFilter(args: WasmKernelArgs): tf.TensorInfo {
  const kernel = tf.DepthwiseConv2dNativeBackpropFilter;
  const x = input(kernel, args.inputs, 'x');
  const dy = input(kernel, args.inputs, 'dy');
  assertFloat32(kernel, { x, dy });
  const attrs = args.attrs as unknown as tf.DepthwiseConv2dNativeBackpropFilterAttrs;
  const info = depthwiseInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs);
  const dw = args.backend.makeOutput(attrs.filterShape, 'float32');
  const out = heapF32(args.backend, dw).fill(0);
  const xs = heapF32(args.backend, x);
  const g = heapF32(args.backend, dy);
  const c = info.inChannels;
  forEachTerm(info, (xAt, dyAt, wAt, mult) => {
    for (let ch = 0; ch < c; ch++) {
      const xv = xs[xAt + ch]!;
      for (let q = 0; q < mult; q++) {
        const at = wAt + ch * mult + q;
        out[at] = out[at]! + xv * g[dyAt + ch * mult + q]!;
      }
    }
  });
  return dw;
}
