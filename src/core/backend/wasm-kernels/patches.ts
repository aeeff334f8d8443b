import type { ConvGeometry } from './conv-geometry.js';
import { tapWindow } from './tap-windows.js';

/**
 * im2col and col2im for NHWC convolutions: moving between an image and the matrix of its
 * receptive fields ("patches"), one row or column per output position, one per filter tap.
 * Turning a convolution's gradients into plain matrix products this way costs memory traffic
 * linear in the patch matrix, and buys XNNPACK's matMul rate whatever the channel counts.
 *
 * Patch index k = (fh·kw + fw)·ci + c matches the filter's [kh, kw, ci] layout; position index
 * m = (b·oh + oy)·ow + ox matches dy's [n, oh, ow] layout, counted from a chunk's first image.
 * Each loop walks the taps' windows (see {@link tapWindow}), so no entry is tested for padding.
 */

/**
 * Writes the transposed patch matrix of images [b0, b0 + count) of x: colT [K, M] with
 * colT[k, m] = x[b, oy·sh + fh − top, ox·sw + fw − left, c], zero where that is padding.
 *
 * @param x - x [n, h, w, ci] on the heap.
 * @param colT - the destination, K·M floats (M = count·oh·ow).
 * @param g - the convolution.
 * @param b0 - first image of the chunk.
 * @param count - images in the chunk.
 */
export function gatherPatchesTransposed(
  x: Float32Array,
  colT: Float32Array,
  g: ConvGeometry,
  b0: number,
  count: number,
): void {
  const { h, w, ci, oh, ow, sh, sw } = g;
  const positions = count * oh * ow;
  const image = h * w * ci;
  const row = sh * w * ci;
  const column = sw * ci;
  for (let fh = 0; fh < g.kh; fh++) {
    for (let fw = 0; fw < g.kw; fw++) {
      const { y0, y1, x0, x1, origin } = tapWindow(g, fh, fw);
      for (let c = 0; c < ci; c++) {
        const rowStart = ((fh * g.kw + fw) * ci + c) * positions;
        colT.fill(0, rowStart, rowStart + positions);
        for (let b = 0; b < count; b++) {
          for (let oy = y0; oy <= y1; oy++) {
            let src = origin + (b0 + b) * image + oy * row + c;
            const dst = rowStart + (b * oh + oy) * ow;
            for (let ox = x0; ox <= x1; ox++, src += column) colT[dst + ox] = x[src]!;
          }
        }
      }
    }
  }
}

/**
 * Adds the transposed patch matrix colsT [K, M] of images [b0, b0 + count) into dx (col2im):
 * each entry goes to the input position its tap read, `dx[b, oy·sh + fh − top, ox·sw + fw −
 * left, c]`; entries that fall on padding are dropped. Reading colsT row by row keeps the reads
 * sequential, which is what makes this loop fast.
 *
 * @param colsT - the transposed patch matrix, K·M floats (M = count·oh·ow).
 * @param dx - dx [n, h, w, ci] on the heap, already zero for the chunk's images.
 * @param g - the convolution.
 * @param b0 - first image of the chunk.
 * @param count - images in the chunk.
 */
export function scatterAddPatchesTransposed(
  colsT: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  b0: number,
  count: number,
): void {
  const { h, w, ci, oh, ow, sh, sw } = g;
  const positions = count * oh * ow;
  const image = h * w * ci;
  const row = sh * w * ci;
  const column = sw * ci;
  for (let fh = 0; fh < g.kh; fh++) {
    for (let fw = 0; fw < g.kw; fw++) {
      const { y0, y1, x0, x1, origin } = tapWindow(g, fh, fw);
      for (let c = 0; c < ci; c++) {
        const rowStart = ((fh * g.kw + fw) * ci + c) * positions;
        for (let b = 0; b < count; b++) {
          for (let oy = y0; oy <= y1; oy++) {
            let dst = origin + (b0 + b) * image + oy * row + c;
            const src = rowStart + (b * oh + oy) * ow;
            for (let ox = x0; ox <= x1; ox++, dst += column) dx[dst] = dx[dst]! + colsT[src + ox]!;
          }
        }
      }
    }
  }
}

/**
 * {@link scatterAddPatchesTransposed} reading the untransposed patch matrix cols [M, K], for
 * when transposing cols is slow: with M a multiple of 1024 the transpose writes at a stride of
 * 4 KiB, and every write of a column lands in the same cache set.
 *
 * @param cols - the patch matrix, M·K floats (M = count·oh·ow).
 * @param dx - dx [n, h, w, ci] on the heap, already zero for the chunk's images.
 * @param g - the convolution.
 * @param b0 - first image of the chunk.
 * @param count - images in the chunk.
 */
export function scatterAddPatches(
  cols: Float32Array,
  dx: Float32Array,
  g: ConvGeometry,
  b0: number,
  count: number,
): void {
  const { h, w, ci, oh, ow, sh, sw } = g;
  const width = g.kh * g.kw * ci;
  const image = h * w * ci;
  const row = sh * w * ci;
  const column = sw * ci;
  for (let fh = 0; fh < g.kh; fh++) {
    for (let fw = 0; fw < g.kw; fw++) {
      const { y0, y1, x0, x1, origin } = tapWindow(g, fh, fw);
      const tap = (fh * g.kw + fw) * ci;
      for (let b = 0; b < count; b++) {
        for (let oy = y0; oy <= y1; oy++) {
          let dst = origin + (b0 + b) * image + oy * row;
          let src = ((b * oh + oy) * ow + x0) * width + tap;
          for (let ox = x0; ox <= x1; ox++, dst += column, src += width) {
            for (let c = 0; c < ci; c++) dx[dst + c] = dx[dst + c]! + cols[src + c]!;
          }
        }
      }
    }
  }
}
