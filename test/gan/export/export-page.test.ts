import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { dcgan, exportGenerator, initBackend, silentLogger, tf } from '../../../src/index.js';
import { chromiumSkip, launchChromium } from '../../support/chromium.js';
import { serveFolder, type StaticServer } from '../../support/static-server.js';

const NOISE_SIZE = 8;
const SIDE = 8;

/** A grid's RGBA bytes, row by row, as a canvas's `getImageData` returns them. */
interface Grid {
  width: number;
  height: number;
  rgba: number[];
}

/**
 * The grid the page draws, computed in Node: the same seeded noise, the generator's output
 * mapped from [−1, 1] to 0..255 as the page maps it, tile i at column i mod 8, row ⌊i / 8⌋.
 */
function gridInNode(generator: tf.LayersModel, seed: number): Grid {
  const images = tf.tidy(() => {
    const z = tf.randomNormal([SIDE * SIDE, NOISE_SIZE], 0, 1, 'float32', seed);
    return (generator.predict(z) as tf.Tensor).add(1).div(2).clipByValue(0, 1);
  });
  const [, height, width, channels] = images.shape as number[] as [number, number, number, 1];
  const values = images.dataSync();
  images.dispose();
  const grid = { width: SIDE * width, height: SIDE * height };
  const rgba = new Array<number>(grid.width * grid.height * 4).fill(255);
  for (let i = 0; i < SIDE * SIDE; i++) {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const level = Math.round(values[((i * height + y) * width + x) * channels]! * 255);
        const row = Math.floor(i / SIDE) * height + y;
        const at = (row * grid.width + (i % SIDE) * width + x) * 4;
        rgba.fill(level, at, at + 3);
      }
    }
  }
  return { ...grid, rgba };
}

// A string, not a function: tsx would wrap a function's inner names in helpers the page lacks.
const READ_CANVAS = `(() => {
  const canvas = document.getElementById('samples');
  const { data } = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height);
  return { width: canvas.width, height: canvas.height, rgba: Array.from(data) };
})()`;

/** Waits for the page's `draws`-th draw (or its failure) and reads the canvas. */
async function drawnGrid(page: Page, draws: number): Promise<Grid> {
  await page.waitForFunction(
    `document.getElementById('samples').dataset.draws === '${draws}' ||
      document.getElementById('status').textContent.startsWith('Failed')`,
    undefined,
    { timeout: 60_000 },
  );
  const status = await page.textContent('#status');
  assert.doesNotMatch(status ?? '', /^Failed/);
  return (await page.evaluate(READ_CANVAS)) as Grid;
}

function maxDifference(a: Grid, b: Grid): number {
  assert.deepEqual([a.width, a.height], [b.width, b.height]);
  return a.rgba.reduce((max, value, i) => Math.max(max, Math.abs(value - b.rgba[i]!)), 0);
}

describe('the export page in headless Chromium', { skip: chromiumSkip() }, () => {
  let generator: tf.LayersModel;
  let server: StaticServer;
  let browser: Browser;
  before(async () => {
    await initBackend({ backend: 'cpu', logger: silentLogger });
    const models = dcgan({ seed: 1, baseFilters: 4, noiseSize: NOISE_SIZE });
    models.critic.dispose();
    generator = models.generator;
    // Untrained, the generator draws an almost flat gray (outputs within ±0.1); tripled kernels
    // spread its outputs over most of [−1, 1], so that any misplaced or miscomputed pixel shows.
    tf.tidy(() =>
      generator.setWeights(
        generator.weights.map((w) =>
          w.originalName.endsWith('/kernel') ? w.read().mul(3) : w.read(),
        ),
      ),
    );
    const folder = await mkdtemp(join(tmpdir(), 'gantry-export-page-'));
    await exportGenerator(generator, folder);
    server = await serveFolder(folder);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
    generator?.dispose();
  });

  it('draws the grid Node computes from the same seed, and "New samples" the next seed\'s', async (t) => {
    const page = await browser.newPage();
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // The page as a user opens it, on the backend tfjs picks (WebGL, software-rendered here).
    await page.goto(`${server.origin}/index.html?seed=7`);
    const first = await drawnGrid(page, 1);
    const tolerance = 2;
    const difference = maxDifference(first, gridInNode(generator, 7));
    const backend = /backend (\w+)\)/.exec((await page.textContent('#status')) ?? '')?.[1];
    t.diagnostic(`on tfjs's ${backend} backend: ${difference} of 255 levels from Node at most`);
    assert.ok(difference <= tolerance, `${difference} levels apart`);

    await page.click('#resample');
    const second = await drawnGrid(page, 2);
    assert.equal(await page.getAttribute('#samples', 'data-seed'), '8');
    const again = maxDifference(second, gridInNode(generator, 8));
    assert.ok(again <= tolerance, `${again} levels apart`);
    const change = maxDifference(first, second);
    t.diagnostic(`new noise: ${change} levels from the first grid at most`);
    assert.ok(change > tolerance, `new noise draws another grid (${change} levels apart)`);

    assert.deepEqual(errors, []);
    const elsewhere = requested.filter((url) => !url.startsWith(`${server.origin}/`));
    assert.deepEqual(elsewhere, [], 'the page fetches nothing outside its folder');
    await page.close();
  });
});
