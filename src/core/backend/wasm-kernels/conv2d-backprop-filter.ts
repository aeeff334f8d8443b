import * as tf from '../tf.js';
import { convGeometry, type ConvGeometry } from './conv-geometry.js';
import { explicitPad, inNhwc, nhwcShape } from './conv-layout.js';
import { filterGradientByPatches, preferPatches } from './patch-products.js';
import { runStock, transposeStock } from './stock-kernels.js';
import type { WasmBackend, WasmKernelArgs } from './wasm-backend.js';
import { assertFloat32, input, release } from './wasm-backend.js';

/**
 * gantry's `Conv2DBackpropFilter` for wasm (the stock backend has none): for layers with few
 * input channels (see {@link preferPatches}) one matMul over x's patches, otherwise one forward
 * convolution on XNNPACK, as follows.
 *
 * The filter gradient is `dW[kh,kw,ci,co] = Σ_{n,oh,ow} x[n, oh·s+kh−top, ow·s+kw−left, ci] ·
 * dy[n,oh,ow,co]`. Read with the channels `ci` as a batch, the batch `n` as input channels and
 * dy as a filter of size OH×OW dilated by the stride, that sum is a stride-1 convolution whose
 * output is KH×KW: so x is laid out [Ci, H, W, N], dy [OH, OW, N, Co], and the result
 * [Ci, KH, KW, Co] is transposed back. Moving the tensors costs time linear in their size;
 * the product runs at XNNPACK's forward-convolution rate.
 */
export function conv2dBackpropFilter(args: WasmKernelArgs): tf.TensorInfo {
  const x = input(tf.Conv2DBackpropFilter, args.inputs, 'x');
  const dy = input(tf.Conv2DBackpropFilter, args.inputs, 'dy');
  assertFloat32(tf.Conv2DBackpropFilter, { x, dy });
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const backend = args.backend;
  const g = convGeometry(nhwcShape(x.shape, attrs.dataFormat), attrs.filterShape, attrs);
  const body = preferPatches(g) ? filterGradientByPatches : filterGradient;
  return inNhwc(
    backend,
    attrs.dataFormat,
    [x, dy],
    ([xh, dyh]) => body(backend, xh!, dyh!, g),
    false,
  );
}

function filterGradient(
  backend: WasmBackend,
  x: tf.TensorInfo,
  dy: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo {
  const { n, h, w, ci, co, kh, kw, sh, sw, oh, ow, top, left } = g;
  // Padding that makes the output exactly KH×KW; negative means input rows no output reads.
  const bottom = kh + (oh - 1) * sh - h - top;
  const right = kw + (ow - 1) * sw - w - left;
  const xT = transposeStock(backend, x, [3, 1, 2, 0]);
  const xUsed =
    bottom < 0 || right < 0
      ? runStock(
          tf.Slice,
          backend,
          { x: xT },
          { begin: [0, 0, 0, 0], size: [ci, h + Math.min(bottom, 0), w + Math.min(right, 0), n] },
        )
      : xT;
  const dyT = transposeStock(backend, dy, [1, 2, 0, 3]);
  const product = runStock(
    tf.Conv2D,
    backend,
    { x: xUsed, filter: dyT },
    {
      strides: [1, 1],
      pad: explicitPad(top, Math.max(bottom, 0), left, Math.max(right, 0)),
      dataFormat: 'NHWC',
      dilations: [sh, sw],
    },
  );
  release(backend, xT, dyT);
  if (xUsed !== xT) release(backend, xUsed);
  const dW = transposeStock(backend, product, [1, 2, 0, 3]);
  release(backend, product);
  return { ...dW, shape: [kh, kw, ci, co] };
}
