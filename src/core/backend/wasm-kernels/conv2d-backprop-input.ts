import * as tf from '../tf.js';
import { convGeometry, type ConvGeometry } from './conv-geometry.js';
import { explicitPad, inNhwc, nhwcShape } from './conv-layout.js';
import { inputGradientByPatches, preferPatches } from './patch-products.js';
import { runStock } from './stock-kernels.js';
import { stridePhases, type StridePhase } from './stride-phases.js';
import type { WasmBackend, WasmKernelArgs } from './wasm-backend.js';
import { assertFloat32, heapF32, input, release } from './wasm-backend.js';

/**
 * gantry's `Conv2DBackpropInput` for wasm: the backward pass of conv2d and the forward pass of
 * conv2dTranspose. The stock kernel is a naive loop. This one, for layers with few input
 * channels (see {@link preferPatches}), is one matMul and a col2im; otherwise it splits the
 * transposed convolution into stride-phase sub-convolutions (see {@link stridePhases}), runs
 * each on XNNPACK's forward convolution, and interleaves their outputs. Neither multiplies by
 * an inserted zero, so the work equals the forward convolution's.
 */
export function conv2dBackpropInput(args: WasmKernelArgs): tf.TensorInfo {
  const dy = input(tf.Conv2DBackpropInput, args.inputs, 'dy');
  const filter = input(tf.Conv2DBackpropInput, args.inputs, 'filter');
  assertFloat32(tf.Conv2DBackpropInput, { dy, filter });
  const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
  const backend = args.backend;
  const g = convGeometry(
    nhwcShape(attrs.inputShape, attrs.dataFormat),
    filter.shape as [number, number, number, number],
    attrs,
  );
  const body = preferPatches(g) ? inputGradientByPatches : inputGradient;
  return inNhwc(backend, attrs.dataFormat, [dy], ([dyh]) => body(backend, dyh!, filter, g), true);
}

function inputGradient(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
): tf.TensorInfo {
  const dx = backend.makeOutput([g.n, g.h, g.w, g.ci], 'float32');
  heapF32(backend, dx).fill(0);
  const rows = stridePhases(g.h, g.oh, g.kh, g.sh, g.top);
  const cols = stridePhases(g.w, g.ow, g.kw, g.sw, g.left);
  for (const row of rows) {
    for (const col of cols) {
      const part = phaseConvolution(backend, dy, filter, g, row, col);
      interleave(heapF32(backend, dx), heapF32(backend, part), g, row, col);
      release(backend, part);
    }
  }
  return dx;
}

/** One phase's stride-1 convolution of (cropped) dy with the phase's reversed taps. */
function phaseConvolution(
  backend: WasmBackend,
  dy: tf.TensorInfo,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  row: StridePhase,
  col: StridePhase,
): tf.TensorInfo {
  const [, oh, ow] = dy.shape as [number, number, number, number];
  const cropped = row.cropLength !== oh || col.cropLength !== ow;
  const source = cropped
    ? runStock(
        tf.Slice,
        backend,
        { x: dy },
        {
          begin: [0, row.cropStart, col.cropStart, 0],
          size: [g.n, row.cropLength, col.cropLength, g.co],
        },
      )
    : dy;
  const taps = phaseFilter(backend, filter, g, row, col);
  const part = runStock(
    tf.Conv2D,
    backend,
    { x: source, filter: taps },
    {
      strides: [1, 1],
      pad: explicitPad(row.padBefore, row.padAfter, col.padBefore, col.padAfter),
      dataFormat: 'NHWC',
      dilations: [1, 1],
    },
  );
  release(backend, taps);
  if (cropped) release(backend, source);
  return part;
}

/** The phase's taps, reversed and with channels swapped: [taps_h, taps_w, Co, Ci]. */
function phaseFilter(
  backend: WasmBackend,
  filter: tf.TensorInfo,
  g: ConvGeometry,
  row: StridePhase,
  col: StridePhase,
): tf.TensorInfo {
  const out = backend.makeOutput([row.taps, col.taps, g.co, g.ci], 'float32');
  const dst = heapF32(backend, out);
  const src = heapF32(backend, filter);
  let d = 0;
  for (let th = 0; th < row.taps; th++) {
    const fh = row.phase + g.sh * (row.taps - 1 - th);
    for (let tw = 0; tw < col.taps; tw++) {
      const fw = col.phase + g.sw * (col.taps - 1 - tw);
      const base = (fh * g.kw + fw) * g.ci * g.co;
      for (let o = 0; o < g.co; o++) {
        for (let i = 0; i < g.ci; i++) dst[d++] = src[base + i * g.co + o]!;
      }
    }
  }
  return out;
}

/** Copies a phase's output [N, Lh, Lw, Ci] into its strided positions of dx. */
function interleave(
  dx: Float32Array,
  part: Float32Array,
  g: ConvGeometry,
  row: StridePhase,
  col: StridePhase,
): void {
  const c = g.ci;
  let s = 0;
  for (let b = 0; b < g.n; b++) {
    for (let qa = 0; qa < row.length; qa++) {
      const i = g.sh * (row.firstIndex + qa) + row.phase - g.top;
      let d = ((b * g.h + i) * g.w + g.sw * col.firstIndex + col.phase - g.left) * c;
      const step = g.sw * c;
      for (let qb = 0; qb < col.length; qb++, d += step, s += c) {
        if (c >= 16) dx.set(part.subarray(s, s + c), d);
        else for (let k = 0; k < c; k++) dx[d + k] = part[s + k]!;
      }
    }
  }
}
