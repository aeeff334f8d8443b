import sharp from 'sharp';

const SIZE = 400;
/** Half the side of the plotted square, in data units (grid25's modes lie in [−4, 4]²). */
const EXTENT = 5;

/**
 * Draws 2-D samples as a scatter plot (white points on black) with each mode's 3-std circle in
 * red, so a person can see at a glance which modes a generator covers and how sharply.
 *
 * @param points - the samples.
 * @param means - the modes.
 * @param std - the modes' standard deviation.
 * @returns the PNG bytes.
 */
export async function scatterPng(
  points: readonly (readonly number[])[],
  means: readonly (readonly number[])[],
  std: number,
): Promise<Buffer> {
  const pixels = new Uint8Array(SIZE * SIZE * 3);
  const plot = (x: number, y: number, rgb: readonly number[]): void => {
    const column = Math.round(((x + EXTENT) / (2 * EXTENT)) * (SIZE - 1));
    const row = Math.round(((EXTENT - y) / (2 * EXTENT)) * (SIZE - 1));
    if (column < 0 || column >= SIZE || row < 0 || row >= SIZE) return;
    pixels.set(rgb, (row * SIZE + column) * 3);
  };
  for (const [mx, my] of means) {
    for (let angle = 0; angle < 2 * Math.PI; angle += 0.05) {
      plot(mx! + 3 * std * Math.cos(angle), my! + 3 * std * Math.sin(angle), [255, 0, 0]);
    }
  }
  for (const [x, y] of points) plot(x!, y!, [255, 255, 255]);
  return sharp(pixels, { raw: { width: SIZE, height: SIZE, channels: 3 } })
    .png()
    .toBuffer();
}
