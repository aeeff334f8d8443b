import { copyFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { writeFileAtomic } from '../../core/checkpoint/atomic-file.js';

/** The sample page's file name in an export folder. */
export const PAGE_FILE = 'index.html';
/** The copy of TensorFlow.js the page loads, so it works without a network. */
export const TFJS_FILE = 'tf.min.js';

/**
 * Writes `index.html` and a copy of `tf.min.js` (the version gantry runs on) into an export
 * folder. The page loads `model.json` with `tf.loadLayersModel` and draws samples from fresh
 * noise: an 8×8 grid for image generators (output `[N, H, W, C]`, values in [−1, 1], tile `i` at
 * column `i mod 8`, row `⌊i / 8⌋`, each value `v` drawn as `round(255·clip((v + 1) / 2, 0, 1))`),
 * a scatter plot of the first two coordinates for vector generators; "New samples" draws again.
 * It fetches nothing but its own folder. Browsers refuse `fetch` on `file://`, so the page says
 * to serve the folder over HTTP (`python3 -m http.server`).
 *
 * Its query parameters: `?backend=cpu` (or `wasm`, `webgl`) picks TensorFlow.js's backend;
 * `?seed=N` draws the first noise as `tf.randomNormal([64, latentDim], 0, 1, 'float32', N)`
 * and each new draw from the next seed (N + 1, N + 2, …) — tfjs draws seeded values in
 * JavaScript, so the page then shows the samples `gantry sample --n 64 --seed N` draws in Node,
 * and a test can compare them. After each draw the canvas's `data-draws` counts the draws so far
 * and `data-seed` names the seed of the one shown.
 *
 * @param directory - the export folder (holding `model.json`).
 * @param outputShape - the generator's output shape, with the batch dimension.
 * @returns the page's path.
 */
export async function writeExportPage(
  directory: string,
  outputShape: readonly (number | null)[] | undefined,
): Promise<string> {
  const require = createRequire(import.meta.url);
  const tfjsPackage = require.resolve('@tensorflow/tfjs/package.json');
  const { version } = require('@tensorflow/tfjs/package.json') as { version: string };
  await copyFile(join(dirname(tfjsPackage), 'dist', TFJS_FILE), join(directory, TFJS_FILE));
  const kind = outputShape?.length === 4 ? 'image' : 'points';
  const path = join(directory, PAGE_FILE);
  await writeFileAtomic(path, [new TextEncoder().encode(pageHtml(kind, version))]);
  return path;
}

function pageHtml(kind: 'image' | 'points', version: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>gantry: generator samples</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem; }
  canvas { width: 512px; height: 512px; border: 1px solid #ccc; image-rendering: pixelated; }
</style>
<!-- TensorFlow.js ${version}, copied beside this page so that it works offline. -->
<script src="${TFJS_FILE}"></script>
</head>
<body>
<h1>Samples from the exported generator</h1>
<p>Serve this folder over HTTP (browsers do not let a page load <code>model.json</code> from
<code>file://</code>), e.g. <code>python3 -m http.server</code> in it, then open the printed address
(add <code>?backend=cpu</code> to it where WebGL is unavailable, and <code>?seed=N</code> for
noise drawn from seed N, then N + 1, … on each new draw).</p>
<p><button id="resample">New samples</button> <span id="status">Loading model.json…</span></p>
<canvas id="samples" width="512" height="512"></canvas>
<script>
const KIND = ${JSON.stringify(kind)};
const canvas = document.getElementById('samples');
const status = document.getElementById('status');
const query = new URLSearchParams(location.search);

async function drawGrid(model, noise) {
  const side = 8;
  const images = tf.tidy(() => model.predict(noise(side * side)).add(1).div(2).clipByValue(0, 1));
  const [count, height, width] = images.shape;
  canvas.width = side * width;
  canvas.height = side * height;
  const context = canvas.getContext('2d');
  const tile = document.createElement('canvas');
  for (let i = 0; i < count; i++) {
    const image = tf.tidy(() => images.gather(i));
    await tf.browser.toPixels(image, tile);
    image.dispose();
    context.drawImage(tile, (i % side) * width, Math.floor(i / side) * height);
  }
  images.dispose();
}

async function drawPoints(model, noise) {
  const output = tf.tidy(() => model.predict(noise(1000)));
  const points = await output.array();
  output.dispose();
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1] ?? 0);
  const span = (values) => {
    const low = Math.min(...values), high = Math.max(...values);
    const margin = (high - low) * 0.05 || 1;
    return [low - margin, high + margin];
  };
  const [x0, x1] = span(xs), [y0, y1] = span(ys);
  canvas.width = canvas.height = 512;
  const context = canvas.getContext('2d');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, 512, 512);
  context.fillStyle = 'rgba(30, 90, 200, 0.5)';
  for (let i = 0; i < xs.length; i++) {
    const x = ((xs[i] - x0) / (x1 - x0)) * 512;
    const y = 512 - ((ys[i] - y0) / (y1 - y0)) * 512;
    context.fillRect(x - 1.5, y - 1.5, 3, 3);
  }
}

// ?seed=N: the first draw's noise comes from seed N, each later one's from the next seed, so the
// page draws what tf.randomNormal(shape, 0, 1, 'float32', seed) gives in Node. Default: unseeded.
function seeds() {
  const first = query.get('seed');
  if (first === null) return () => undefined;
  if (!/^[0-9]+$/.test(first)) throw new Error('?seed must be a whole number, got ' + first);
  let next = Number(first);
  return () => next++;
}

async function main() {
  // ?backend=cpu (or wasm, webgl) picks TensorFlow.js's backend; default: the best available.
  const backend = query.get('backend');
  if (backend !== null) await tf.setBackend(backend);
  const nextSeed = seeds();
  // './' matters: tfjs fetches the weights beside the URL's folder, '/' for a bare file name.
  const model = await tf.loadLayersModel('./model.json');
  const latentDim = model.inputs[0].shape[1];
  const draw = KIND === 'image' ? drawGrid : drawPoints;
  let draws = 0;
  const sample = async () => {
    const seed = nextSeed();
    await draw(model, (count) => tf.randomNormal([count, latentDim], 0, 1, 'float32', seed));
    // For scripts (and tests) that wait for a draw and compare it with one made elsewhere.
    canvas.dataset.draws = String(++draws);
    if (seed !== undefined) canvas.dataset.seed = String(seed);
  };
  document.getElementById('resample').onclick = () =>
    sample().catch((e) => (status.textContent = 'Failed: ' + e.message));
  await sample();
  status.textContent = 'Generator: ' + latentDim + '-D noise → ' + JSON.stringify(model.outputs[0].shape.slice(1)) + ' (backend ' + tf.getBackend() + ')';
}
main().catch((e) => (status.textContent = 'Failed: ' + e.message));
</script>
</body>
</html>
`;
}
