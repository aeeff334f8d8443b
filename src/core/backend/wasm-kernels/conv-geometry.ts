import * as tf from '../tf.js';
import { nhwcPad, pair } from './conv-layout.js';

/**
 * The NHWC geometry of one 2-D convolution `y = conv2d(x, w)` that its two gradients share:
 * x [n, h, w, ci], w [kh, kw, ci, co], y [n, oh, ow, co], stride (sh, sw), and the padding
 * before the first row and column (the padding after follows from the sizes).
 */
export interface ConvGeometry {
  n: number;
  h: number;
  w: number;
  ci: number;
  co: number;
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  oh: number;
  ow: number;
  top: number;
  left: number;
}

/** The padding attributes of the convolution gradients, as tfjs passes them. */
interface ConvPadAttrs {
  strides: [number, number] | number;
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * The geometry of a convolution from its NHWC input and filter shapes and the attributes a
 * gradient kernel receives (padding given for the attributes' own data format).
 *
 * @param xShape - x as NHWC.
 * @param filterShape - [kh, kw, ci, co].
 * @param attrs - strides, padding, data format and rounding of the kernel call.
 * @returns the geometry, with output size and leading padding resolved.
 */
export function convGeometry(
  xShape: [number, number, number, number],
  filterShape: [number, number, number, number],
  attrs: ConvPadAttrs,
): ConvGeometry {
  const [n, h, w, ci] = xShape;
  const [kh, kw, , co] = filterShape;
  const [sh, sw] = pair(attrs.strides);
  const info = tf.backend_util.computeConv2DInfo(
    xShape,
    filterShape,
    [sh, sw],
    1,
    nhwcPad(attrs.pad, attrs.dataFormat),
    attrs.dimRoundingMode,
  );
  return {
    n,
    h,
    w,
    ci,
    co,
    kh,
    kw,
    sh,
    sw,
    oh: info.outHeight,
    ow: info.outWidth,
    top: info.padInfo.top,
    left: info.padInfo.left,
  };
}

/** Multiply-adds of the convolution (and of each of its gradients). */
export function convMultiplyAdds(g: ConvGeometry): number {
  return g.n * g.oh * g.ow * g.kh * g.kw * g.ci * g.co;
}
