import type { ConvGeometry } from './conv-geometry.js';

/**
 * Where each filter tap of an NHWC convolution reads its input. Tap (fh, fw) of output
 * position (b, oy, ox) reads x[b, oy·sh + fh·dh − top, ox·sw + fw·dw − left]; the outputs whose
 * read lands inside x form a rectangle, so a loop over one tap's window needs no padding test
 * per element, and its offset in x advances by a constant stride.
 */

/** The sizes {@link tapWindow} reads: a {@link ConvGeometry}, optionally dilated (default 1). */
export type TapGeometry = Pick<
  ConvGeometry,
  'h' | 'w' | 'ci' | 'oh' | 'ow' | 'sh' | 'sw' | 'top' | 'left'
> & { dh?: number; dw?: number };

/** One tap's window: the output positions whose read lands inside x. */
export interface TapWindow {
  /** The output rows [y0, y1] that read inside x; none when y0 > y1. */
  y0: number;
  y1: number;
  /** The output columns [x0, x1] that read inside x; none when x0 > x1. */
  x0: number;
  x1: number;
  /**
   * The offset in x of channel 0 of what output (image 0, row 0, column x0) reads. Output
   * (b, oy, x0) reads at `origin + b·h·w·ci + oy·sh·w·ci`, and each next column `sw·ci`
   * further. Row 0 may lie outside x (the offset may be negative); rows from y0 on never do.
   */
  origin: number;
}

/**
 * The window of tap (fh, fw). A kernel calls it once per tap and keeps the strides in its own
 * locals: V8 compiles the inner loops slower (about 5%) when the strides come out of an object.
 *
 * @param g - the convolution's sizes.
 * @param fh - the tap's row in the filter.
 * @param fw - the tap's column in the filter.
 * @returns the tap's window.
 */
export function tapWindow(g: TapGeometry, fh: number, fw: number): TapWindow {
  const dh = g.dh ?? 1;
  const dw = g.dw ?? 1;
  const [y0, y1] = validOutputs(fh * dh, g.top, g.sh, g.h, g.oh);
  const [x0, x1] = validOutputs(fw * dw, g.left, g.sw, g.w, g.ow);
  const origin = ((fh * dh - g.top) * g.w + x0 * g.sw + fw * dw - g.left) * g.ci;
  return { y0, y1, x0, x1, origin };
}

/** The output positions (along one axis) whose read at `offset` lands inside: [first, last]. */
function validOutputs(
  offset: number,
  pad: number,
  stride: number,
  inSize: number,
  outSize: number,
): [number, number] {
  const first = Math.max(0, Math.ceil((pad - offset) / stride));
  const last = Math.min(outSize - 1, Math.floor((inSize - 1 + pad - offset) / stride));
  return [first, last];
}
