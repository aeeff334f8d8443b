import * as tf from '../tf.js';
import { pair } from './conv-layout.js';
import type { WasmKernelArgs } from './wasm-backend.js';
import { assertFloat32, heapF32, input } from './wasm-backend.js';

/**
 * gantry's depthwise-convolution gradients for wasm, which the stock backend lacks. None of
 * gantry's models trains a depthwise convolution, so these favour plain correctness: direct
 * loops over the wasm heap, one pass over dy, every stride, padding and dilation.
 */

type ConvInfo = tf.backend_util.Conv2DInfo;

/** Calls `visit(xIndex, dyIndex, filterIndex, channel multiplier q)` once per product term. */
function forEachTerm(
  info: ConvInfo,
  visit: (xAt: number, dyAt: number, wAt: number, mult: number) => void,
): void {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels } = info;
  const { filterHeight, filterWidth, strideHeight, strideWidth, dilationHeight, dilationWidth } =
    info;
  const mult = outChannels / inChannels;
  const { top, left } = info.padInfo;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        const dyAt = ((b * outHeight + oh) * outWidth + ow) * outChannels;
        for (let fh = 0; fh < filterHeight; fh++) {
          const ih = oh * strideHeight + fh * dilationHeight - top;
          if (ih < 0 || ih >= inHeight) continue;
          for (let fw = 0; fw < filterWidth; fw++) {
            const iw = ow * strideWidth + fw * dilationWidth - left;
            if (iw < 0 || iw >= inWidth) continue;
            visit(
              ((b * inHeight + ih) * inWidth + iw) * inChannels,
              dyAt,
              (fh * filterWidth + fw) * outChannels,
              mult,
            );
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
  const info = tf.backend_util.computeConv2DInfo(
    attrs.inputShape,
    filter.shape as [number, number, number, number],
    pair(attrs.strides),
    pair(attrs.dilations),
    attrs.pad,
    attrs.dimRoundingMode,
    true,
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
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    pair(attrs.strides),
    pair(attrs.dilations),
    attrs.pad,
    attrs.dimRoundingMode,
    true,
  );
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
